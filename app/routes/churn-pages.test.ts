import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { listLedger } from "~/models/credit.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { grantCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { dayDate } from "~/services/shared/date-words";
import { localDate } from "~/services/studio/time.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { loader as apiLoader } from "./api.dashboard.churn";
import { action, loader } from "./dashboard_.churn";

/** The churn page and its API called the way Remix calls them, as a browser without JavaScript. */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
let s: Studio;
const DAY = 24 * 60 * 60 * 1000;
const context = { requestId: "t", clientIp: "127.0.0.1" };

beforeAll(async () => {
  s = await createClientsStudio();
  // Amara holds 3 credits that expire in 5 days, unused.
  await grantCredits(s.tenant, s.staff.owner, {
    clientId: s.clients.amara.id,
    credits: 3,
    validDays: 5,
    reason: "Trial",
  });
});

async function requestAs(as: User | null, path: string, init: RequestInit = {}) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = as ? (((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  return new Request(`http://${host}${path}`, {
    ...init,
    headers: { host, ...(cookie ? { cookie } : {}), ...init.headers },
  });
}

async function page(as: User, path = "/dashboard/churn") {
  try {
    const result = await loader({ request: await requestAs(as, path), params: {}, context });
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}

async function post(as: User, fields: Record<string, string>) {
  const request = await requestAs(as, "/dashboard/churn?location=all", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const result = await action({ request, params: {}, context } as ActionFunctionArgs);
  if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
  const { init, data } = result as { init?: { status?: number }; data: { result?: { error?: unknown } } };
  return { status: init?.status ?? 200, errors: data.result?.error };
}

const expiry = () => dayDate(localDate(new Date(Date.now() + 5 * DAY), "Europe/London"));

describe("/dashboard/churn", () => {
  test("the owner sees the client whose credits are about to expire, in words", async () => {
    const { data } = await page(s.staff.owner);
    const amara = data?.alerts.find((a) => a.clientId === s.clients.amara.id);
    expect(amara?.reasons).toEqual([`3 credits expire on ${expiry()} unused`]);
    expect(data?.keys[s.clients.amara.id]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each(["receptionist", "instructor", "finance"] as const)("a %s is refused (403)", async (role) => {
    expect((await page(s.staff[role])).status).toBe(403);
  });

  test("a manager of Shoreditch does not see Camden's clients", async () => {
    const { data } = await page(s.staff.manager);
    expect(data?.alerts.map((a) => a.clientId)).not.toContain(s.clients.amara.id);
  });

  test("a message goes out once however often the form is sent, and the page says so", async () => {
    const { amara } = s.clients;
    const fields = {
      intent: "message",
      clientId: amara.id,
      subject: "Your credits",
      text: "Three classes are waiting for you.",
      idempotencyKey: crypto.randomUUID(),
    };
    const done = `/dashboard/churn?location=all&done=message&client=${amara.id}`;
    expect(await post(s.staff.owner, fields)).toEqual({ status: 302, location: done });
    expect(await post(s.staff.owner, fields)).toEqual({ status: 302, location: done });
    const { outboxMessages: m } = s.tenant.t;
    const sent = await database()
      .select({ channel: m.channel, template: m.template })
      .from(m)
      .where(eq(m.userId, amara.id));
    expect(sent.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
      { channel: "email", template: "staff_message" },
      { channel: "sms", template: "staff_message" },
    ]);
    expect((await page(s.staff.owner, done)).data?.notice).toBe("Message to Amara Okafor queued");
  });

  test("an empty message is refused next to its fields", async () => {
    const refused = await post(s.staff.owner, {
      intent: "message",
      clientId: s.clients.amara.id,
      subject: " ",
      text: "",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refused).toMatchObject({
      status: 400,
      errors: { subject: ["Enter a subject"], text: ["Enter the message"] },
    });
  });

  test("credits given with a reason land on the ledger, and the page says so", async () => {
    const { ben } = s.clients;
    const fields = { intent: "credits", clientId: ben.id, credits: "2", validDays: "30", reason: "We miss you" };
    const done = `/dashboard/churn?location=all&done=credits&client=${ben.id}&credits=2`;
    expect(await post(s.staff.owner, fields)).toEqual({ status: 302, location: done });
    const [row, ...more] = await listLedger(database(), s.tenant, ben.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ grantName: "Credits from the studio" });
    expect(row?.entry).toMatchObject({
      delta: 2,
      kind: "grant",
      reason: "We miss you",
      actorId: s.staff.owner.id,
      bookingId: null,
    });
    expect((await page(s.staff.owner, done)).data?.notice).toBe("2 credits given to Ben Hughes");
    expect(await post(s.staff.owner, { ...fields, credits: "0", reason: "" })).toMatchObject({
      status: 400,
      errors: { credits: ["At least 1 credit"], reason: ["Enter a reason"] },
    });
  });

  test("a manager may not act on another location's client", async () => {
    const result = post(s.staff.manager, {
      intent: "credits",
      clientId: s.clients.amara.id,
      credits: "1",
      validDays: "7",
      reason: "x",
    });
    await expect(result).rejects.toMatchObject({ status: 403 });
  });
});

describe("GET /api/dashboard/churn", () => {
  async function get(as: User | null, query = "") {
    const response = await apiLoader({
      request: await requestAs(as, `/api/dashboard/churn${query}`),
      params: {},
      context,
    } as LoaderFunctionArgs);
    await expectDocumented(response, "get", "/api/dashboard/churn");
    // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the route answers
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  }

  test("the list with reasons in words and the facts as numbers", async () => {
    const { status, json } = await get(s.staff.owner, "?location=all&limit=50");
    expect(status).toBe(200);
    expect(json).toMatchObject({
      location: "all",
      label: "All locations",
      settings: { inactiveDays: 30, creditExpiryDays: 14 },
    });
    expect(json.clients.find((c: { clientId: string }) => c.clientId === s.clients.amara.id)).toMatchObject({
      fullName: "Amara Okafor",
      expiringCredits: 3,
      reasons: [`3 credits expire on ${expiry()} unused`],
    });
  });

  test("401 without credentials, 403 for the desk, 400 for a bad limit", async () => {
    expect((await get(null)).json).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await get(s.staff.receptionist)).status).toBe(403);
    expect(await get(s.staff.owner, "?limit=0")).toMatchObject({ status: 400, json: { code: "VALIDATION_ERROR" } });
  });
});
