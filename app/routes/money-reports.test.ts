import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import type { User } from "~db/schema/tenant";
import { moneyStudio } from "../../test/money-report-fixtures";
import { loader as revenueDashboardApi } from "./api.dashboard.revenue";
import { loader as creditsApi } from "./api.reports.credits";
import { loader as paymentsApi } from "./api.reports.payments";
import { loader as revenueApi } from "./api.reports.revenue";
import { loader as indexPage } from "./reports._index";
import { loader as creditsPage } from "./reports.credits";
import { loader as creditsCsv } from "./reports.credits[.]csv";
import { loader as paymentsPage } from "./reports.payments";
import { loader as paymentsCsv } from "./reports.payments[.]csv";
import { loader as revenuePage } from "./reports.revenue";
import { loader as revenueCsv } from "./reports.revenue[.]csv";

/** The financial reports fetched as a browser (or an app with the session) would, as each role. */
let s: Awaited<ReturnType<typeof moneyStudio>>;
beforeAll(async () => {
  s = await moneyStudio();
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function get(loader: Loader, as: User | null, path: string) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = as ? (((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  const request = new Request(`http://${host}${path}`, { headers: { host, cookie } });
  try {
    const result = await loader({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
    return result instanceof Response ? { status: result.status, response: result } : { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

const MARCH = "from=2026-03-01&to=2026-03-31";
const EVERY: [string, Loader, string][] = [
  ["revenue page", revenuePage, `/reports/revenue?by=service&${MARCH}`],
  ["revenue CSV", revenueCsv, `/reports/revenue.csv?by=service&${MARCH}`],
  ["revenue API", revenueApi, `/api/reports/revenue?by=service&${MARCH}`],
  ["credits page", creditsPage, `/reports/credits?${MARCH}`],
  ["credits CSV", creditsCsv, `/reports/credits.csv?${MARCH}`],
  ["credits API", creditsApi, `/api/reports/credits?${MARCH}`],
  ["payments page", paymentsPage, `/reports/payments?${MARCH}`],
  ["payments CSV", paymentsCsv, `/reports/payments.csv?${MARCH}`],
  ["payments API", paymentsApi, `/api/reports/payments?${MARCH}`],
];

describe("who may open the financial reports", () => {
  test.each(EVERY)("%s: the finance manager, the owner and a manager yes; other roles 403", async (_, loader, path) => {
    for (const who of [s.staff.finance, s.owner, s.nina]) expect((await get(loader, who, path)).status).toBe(200);
    for (const who of [s.staff.receptionist, s.staff.instructor, s.staff.trainer, s.clients.amara]) {
      expect((await get(loader, who, path)).status).toBe(403);
    }
  });

  test("the index shows the finance manager the money reports only, and nobody without reports any", async () => {
    const finance = await get(indexPage, s.staff.finance, "/reports");
    const sections = (finance.data as { sections: { id: string; links: { href: string }[] }[] }).sections;
    expect(sections.map((x) => x.id)).toEqual(["money"]);
    expect(sections[0]?.links.map((l) => l.href)).toEqual([
      "/reports/revenue?by=location",
      "/reports/revenue?by=service",
      "/reports/revenue?by=instructor",
      "/reports/credits",
      "/reports/payments",
      "/payments",
    ]);
    const owner = await get(indexPage, s.owner, "/reports");
    const ownerSections = (owner.data as { sections: { id: string; links: { href: string }[] }[] }).sections;
    expect(ownerSections.map((x) => x.id)).toEqual(["money", "people", "studio"]);
    expect(ownerSections[1]?.links.map((l) => l.href)).toEqual([
      "/dashboard",
      "/dashboard/churn",
      "/reports/instructors",
      "/reports/locations",
    ]);
    const manager = await get(indexPage, s.nina, "/reports");
    const managerLinks = (manager.data as { sections: { links: { href: string }[] }[] }).sections.flatMap((x) =>
      x.links.map((l) => l.href),
    );
    expect(managerLinks).not.toContain("/payments");
    expect(managerLinks).not.toContain("/export");
    for (const who of [s.staff.receptionist, s.staff.instructor, s.clients.amara]) {
      expect((await get(indexPage, who, "/reports")).status).toBe(403);
    }
  });

  test("the API asks for credentials, and refuses dates that make no sense", async () => {
    const anonymous = await get(revenueApi, null, `/api/reports/revenue?${MARCH}`);
    expect(anonymous.status).toBe(401);
    const bad = await get(paymentsApi, s.owner, "/api/reports/payments?from=2026-03-31&to=2026-03-01");
    expect(bad.status).toBe(400);
    expect(await bad.response?.json()).toMatchObject({ code: "VALIDATION_ERROR" });
  });
});

describe("what they answer", () => {
  test("revenue by location as CSV, streamed, named by its period", async () => {
    const { response } = await get(revenueCsv, s.staff.finance, `/reports/revenue.csv?by=location&${MARCH}`);
    expect(response?.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response?.headers.get("content-disposition")).toBe(
      'attachment; filename="revenue-by-location-2026-03-01-to-2026-03-31.csv"',
    );
    expect(response?.body).toBeInstanceOf(ReadableStream);
    expect(await response?.text()).toBe(
      "Location,Payments,Taken,Refunds,Refunded,Net,Currency\r\n" +
        "Main,3,123.00,1,3.00,120.00,GBP\r\n" +
        "Studio-wide (online),1,45.00,0,0.00,45.00,GBP\r\n" +
        "Brooklyn,3,50.00,1,40.00,10.00,GBP\r\n",
    );
  });

  test("a manager's API answer covers their location only", async () => {
    const { response } = await get(revenueApi, s.nina, `/api/reports/revenue?by=location&${MARCH}`);
    const body = await response?.json();
    expect(body).toMatchObject({
      by: "location",
      from: "2026-03-01",
      to: "2026-03-31",
      currency: "GBP",
      scope: "Brooklyn",
      locations: [{ id: s.brooklyn.id, name: "Brooklyn" }],
      totals: { payments: 3, takenMinor: 5000, refundedMinor: 4000, netMinor: 1000 },
    });
    expect(body.groups.map((g: { label: string }) => g.label)).toEqual(["Brooklyn"]);
  });

  test("the dashboard's revenue: net over time and by location, service and instructor, as the revenue report counts", async () => {
    const { response } = await get(revenueDashboardApi, s.owner, `/api/dashboard/revenue?${MARCH}`);
    const body = await expectDocumented(response as Response, "get", "/api/dashboard/revenue");
    expect(body).toMatchObject({
      period: { from: "2026-03-01", to: "2026-03-31" },
      location: "all",
      currency: "GBP",
      totals: { payments: 7, takenMinor: 21800, refunds: 2, refundedMinor: 4300, netMinor: 17500 },
      grain: "day",
    });
    expect(body.overTime).toHaveLength(31);
    expect(body.overTime.reduce((sum: number, day: { netMinor: number }) => sum + day.netMinor, 0)).toBe(17500);
    expect(body.byLocation.map((g: { label: string; netMinor: number }) => [g.label, g.netMinor])).toEqual([
      ["Main", 12000],
      ["Studio-wide (online)", 4500],
      ["Brooklyn", 1000],
    ]);
    for (const by of ["service", "instructor"] as const) {
      const report = await (await get(revenueApi, s.owner, `/api/reports/revenue?by=${by}&${MARCH}`)).response?.json();
      const grouped = by === "service" ? body.byService : body.byInstructor;
      expect(grouped.map((g: { key: string; netMinor: number }) => [g.key, g.netMinor])).toEqual(
        report.groups.map((g: { key: string; netMinor: number }) => [g.key, g.netMinor]),
      );
    }
    const nina = await get(revenueDashboardApi, s.nina, `/api/dashboard/revenue?${MARCH}`);
    expect(await nina.response?.json()).toMatchObject({
      totals: { takenMinor: 5000, refundedMinor: 4000, netMinor: 1000 },
      byLocation: [{ label: "Brooklyn" }],
    });
  });

  test.each([
    ["/api/reports/revenue", revenueApi, `/api/reports/revenue?by=location&${MARCH}`],
    ["/api/reports/revenue", revenueApi, `/api/reports/revenue?by=instructor&${MARCH}`],
    ["/api/reports/credits", creditsApi, `/api/reports/credits?${MARCH}`],
    ["/api/reports/payments", paymentsApi, `/api/reports/payments?${MARCH}`],
    ["/api/dashboard/revenue", revenueDashboardApi, `/api/dashboard/revenue?${MARCH}`],
  ] as const)("%s answers as the document says: figures, 403, 400, 401", async (documented, loader, path) => {
    for (const who of [s.staff.finance, s.owner, s.nina, s.staff.receptionist, null]) {
      const { response } = await get(loader, who, path);
      await expectDocumented(response as Response, "get", documented);
    }
    const bad = await get(loader, s.owner, `${path.split("?")[0]}?from=2026-03-31&to=2026-03-01`);
    expect(bad.status).toBe(400);
    await expectDocumented(bad.response as Response, "get", documented);
  });

  test("a manager's payments CSV has their location's lines only", async () => {
    const { response } = await get(paymentsCsv, s.nina, `/reports/payments.csv?${MARCH}`);
    const lines = (await response?.text())?.trim().split("\r\n") ?? [];
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 8).join(","))).toEqual([
      "2026-03-09,00:30,Payment,Ella Novak,Grip socks,Brooklyn,Cash,7.00",
      "2026-03-09,10:00,Payment,Ella Novak,PT 1:1,Brooklyn,Card terminal,40.00",
      "2026-03-15,08:00,Refund,Ella Novak,PT 1:1,Brooklyn,Card terminal,-40.00",
      "2026-03-31,23:30,Payment,Ella Novak,Towel,Brooklyn,Cash,3.00",
    ]);
  });
});
