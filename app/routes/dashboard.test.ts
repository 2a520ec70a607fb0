import { beforeAll, describe, expect, test } from "vitest";
import { insertPayment } from "~/models/payment.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { dashboardStudio } from "~/services/reports/dashboard-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { callRoute } from "../../test/route-call";
import { loader as apiLoader } from "./api.dashboard";
import { loader as pageLoader } from "./dashboard";
import { action as switchLocation } from "./location";

/** /dashboard and GET /api/dashboard fetched as a browser (or a script) would, as each role. */
let s: Awaited<ReturnType<typeof dashboardStudio>>;
beforeAll(async () => {
  s = await dashboardStudio();
  // Taken a moment ago in London: today's figure on the page and in the API.
  await insertPayment(database(), s.tenant, {
    clientId: s.clients.amara.id,
    kind: "other",
    method: "cash",
    status: "succeeded",
    amountMinor: 1234,
    currency: "GBP",
    description: "Drop-in",
    takenById: s.staff.owner.id,
    locationId: s.london.id,
    paidAt: new Date(Date.now() - 1000),
  });
});

async function api(as: User | null, path: string, cookie = "") {
  const host = `${s.tenant.studio.slug}.localhost`;
  const session = as ? (((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  const request = new Request(`http://${host}${path}`, {
    headers: { host, cookie: [session, cookie].filter(Boolean).join("; ") },
  });
  const response = await apiLoader({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
  await expectDocumented(response, "get", "/api/dashboard");
  return { status: response.status, body: (await response.json()) as Record<string, never> };
}

/** The cookie the header's location switcher sets, by posting to it as a browser would. */
async function switchedTo(as: User, locationId: string) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const session = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}/location`, {
    method: "POST",
    headers: { host, cookie: session, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ locationId, redirectTo: "/dashboard" }),
  });
  const response = await switchLocation({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

type Page = {
  scope: { selected: string; label: string };
  periods: { period: string; revenue: { taken: { minor: number } } }[];
  locations: { name: string }[];
  today: { location: { name: string } }[];
};
const todayTaken = (data: unknown) => (data as Page).periods[0]?.revenue.taken.minor;

describe("/dashboard", () => {
  test("the owner sees every location, or the one asked for", async () => {
    const all = await callRoute(pageLoader, s.tenant, s.staff.owner, "/dashboard");
    expect(all.status).toBe(200);
    const page = all.data as Page;
    expect(page.scope).toMatchObject({ selected: "all", label: "All locations" });
    expect(page.periods.map((p) => p.period)).toEqual(["today", "week", "month"]);
    expect(todayTaken(page)).toBe(1234);
    expect(page.locations.map((l) => l.name)).toEqual(["London", "New York"]);
    expect(page.today.map((d) => d.location.name)).toEqual(["London", "New York"]);

    const newYork = await callRoute(pageLoader, s.tenant, s.staff.owner, `/dashboard?location=${s.newYork.id}`);
    expect(newYork.data).toMatchObject({ scope: { selected: s.newYork.id, label: "New York" }, locations: [] });
    expect(todayTaken(newYork.data)).toBe(0);
  });

  test("a manager sees their location only; another's id in the address falls back to theirs", async () => {
    for (const path of ["/dashboard", `/dashboard?location=${s.london.id}`, "/dashboard?location=all"]) {
      const answer = await callRoute(pageLoader, s.tenant, s.staff.newYorkManager, path);
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({ scope: { selected: "all", label: "New York" }, locations: [] });
      expect((answer.data as Page).today.map((d) => d.location.name)).toEqual(["New York"]);
      expect(todayTaken(answer.data)).toBe(0);
    }
    const london = await callRoute(pageLoader, s.tenant, s.staff.londonManager, "/dashboard");
    expect(todayTaken(london.data)).toBe(1234);
  });

  test("the front desk, instructors, the finance manager and clients are refused; nobody signs in first", async () => {
    for (const who of [s.staff.receptionist, s.staff.instructor, s.staff.finance, s.clients.amara]) {
      expect((await callRoute(pageLoader, s.tenant, who, "/dashboard")).status).toBe(403);
    }
    const anonymous = await callRoute(pageLoader, s.tenant, null, "/dashboard");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=%2Fdashboard/);
  });
});

describe("GET /api/dashboard", () => {
  test("minor units and formatted figures, the periods' dates, the scope and today's classes", async () => {
    const { status, body } = await api(s.staff.owner, `/api/dashboard?location=${s.london.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      currency: "GBP",
      scope: { selected: s.london.id, label: "London", locations: [{ id: s.london.id, timezone: "Europe/London" }] },
      periods: [
        {
          period: "today",
          dates: { from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) },
          revenue: { taken: { minor: 1234, display: "£12.34" } },
        },
        { period: "week" },
        { period: "month" },
      ],
      locations: [],
      today: [{ location: { id: s.london.id, name: "London" }, items: expect.any(Array) }],
    });
  });

  test("without ?location, the header's location switcher (its cookie) decides", async () => {
    const { body } = await api(s.staff.owner, "/api/dashboard", await switchedTo(s.staff.owner, s.newYork.id));
    expect(body).toMatchObject({ scope: { selected: s.newYork.id, label: "New York" } });
  });

  test("a manager never gets another location's figures, nor another studio's", async () => {
    const elsewhere = await createTestStudio();
    for (const location of [s.london.id, elsewhere.location.id, "nonsense"]) {
      const { status, body } = await api(s.staff.newYorkManager, `/api/dashboard?location=${location}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ scope: { label: "New York", locations: [{ id: s.newYork.id }] } });
    }
  });

  test("401 without credentials, 403 for those who may not see it", async () => {
    expect(await api(null, "/api/dashboard")).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
    for (const who of [s.staff.receptionist, s.staff.instructor, s.staff.finance, s.clients.amara]) {
      expect(await api(who, "/api/dashboard")).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    }
  });
});
