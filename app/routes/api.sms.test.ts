import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { findBooking } from "~/models/booking.server";
import { upsertSmsReplyRoute } from "~/models/sms-reply-route.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { OutboxMessage } from "~db/schema/tenant";
import { requireWebhookSecret } from "../route-handlers/sms-webhook.server";
import { action as reportAction } from "./api.sms.delivery-report";
import { action as inboundAction } from "./api.sms.inbound";

const SECRETS = vi.hoisted(() => {
  const secrets = { report: "report-secret-long-enough-0123456789", inbound: "inbound-secret-long-enough-0123456789" };
  process.env.SMS_DELIVERY_REPORT_SECRET = secrets.report;
  process.env.SMS_INBOUND_SECRET = secrets.inbound;
  return secrets;
});

type Studio = Awaited<ReturnType<typeof bookingStudio>>;
let s: Studio;
let studioHost: string;

beforeAll(async () => {
  s = await bookingStudio();
  studioHost = `${s.tenant.studio.slug}.localhost`;
});

async function post(
  action: (args: ActionFunctionArgs) => Promise<Response>,
  path: string,
  body: unknown,
  options: { host?: string; headers?: Record<string, string> } = {},
) {
  const host = options.host ?? studioHost;
  const request = new Request(`http://${host}${path}`, {
    method: "POST",
    headers: { host, "content-type": "application/json", ...options.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await action({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
  return { status: response.status, body: await response.json() };
}

async function sentSms(values: Partial<OutboxMessage> = {}) {
  const id = crypto.randomUUID();
  const [row] = await database()
    .insert(s.tenant.t.outboxMessages)
    .values({
      id,
      channel: "sms",
      recipient: "+447700900555",
      body: "Booked.",
      template: "bookingConfirmedSms",
      status: "sent",
      provider: "infobip",
      providerMessageId: id,
      ...values,
    })
    .returning();
  return row!;
}

const reread = async (id: string) =>
  (await database().select().from(s.tenant.t.outboxMessages).where(eq(s.tenant.t.outboxMessages.id, id)))[0]!;

const report = (messageId: string, groupName: string, extra: Record<string, unknown> = {}) => ({
  bulkId: "b1",
  messageId,
  to: "447700900555",
  sentAt: "2026-12-04T18:00:00.000+0000",
  doneAt: "2026-12-04T18:00:07.000+0000",
  smsCount: 1,
  price: { pricePerMessage: 0.01, currency: "EUR" },
  status: { groupId: 3, groupName, id: 5, name: `${groupName}_X`, description: `Message ${groupName.toLowerCase()}` },
  error: { groupId: 0, groupName: "OK", id: 0, name: "NO_ERROR", description: "No Error", permanent: false },
  ...extra,
});

const REPORT = `/api/sms/delivery-report?secret=${SECRETS.report}`;
const INBOUND = `/api/sms/inbound?secret=${SECRETS.inbound}`;

describe("POST /api/sms/delivery-report", () => {
  test("delivered, undeliverable, expired and rejected are recorded; pending and unknown ids change nothing", async () => {
    const [delivered, undeliverable, expired, pending] = [
      await sentSms(),
      await sentSms(),
      await sentSms(),
      await sentSms(),
    ];
    const email = await sentSms({ channel: "email", recipient: "a@example.com" });
    const answer = await post(reportAction, REPORT, {
      results: [
        report(delivered.id, "DELIVERED"),
        report(undeliverable.id, "UNDELIVERABLE", {
          error: { groupName: "HANDSET_ERRORS", name: "EC_ABSENT_SUBSCRIBER", description: "Absent subscriber" },
        }),
        report(expired.id, "EXPIRED"),
        report(pending.id, "PENDING"),
        report(email.id, "DELIVERED"),
        report("not-ours", "DELIVERED"),
      ],
    });
    expect(answer).toEqual({ status: 200, body: { received: 6, updated: 3 } });
    expect(await reread(delivered.id)).toMatchObject({
      status: "delivered",
      deliveredAt: new Date("2026-12-04T18:00:07.000Z"),
    });
    expect(await reread(undeliverable.id)).toMatchObject({
      status: "undeliverable",
      lastError: "The phone network could not deliver it: Message undeliverable: Absent subscriber",
    });
    expect((await reread(expired.id)).status).toBe("undeliverable");
    expect((await reread(pending.id)).status).toBe("sent");
    expect((await reread(email.id)).status).toBe("sent");
  });

  test("delivered is final: a late 'rejected' does not undo it", async () => {
    const sms = await sentSms();
    await post(reportAction, REPORT, { results: [report(sms.id, "DELIVERED")] });
    await post(reportAction, REPORT, { results: [report(sms.id, "REJECTED")] });
    expect((await reread(sms.id)).status).toBe("delivered");
  });

  test("the secret in the header works too; none or a wrong one is a 401, whatever the body", async () => {
    const sms = await sentSms();
    const body = { results: [report(sms.id, "DELIVERED")] };
    for (const path of ["/api/sms/delivery-report", "/api/sms/delivery-report?secret=wrong", `${REPORT}x`]) {
      expect(await post(reportAction, path, body)).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
      expect(await post(reportAction, path, "not json")).toMatchObject({ status: 401 });
    }
    expect((await reread(sms.id)).status).toBe("sent");
    const ok = await post(reportAction, "/api/sms/delivery-report", body, {
      headers: { "x-wondrous-secret": SECRETS.report },
    });
    expect(ok.status).toBe(200);
    expect((await reread(sms.id)).status).toBe("delivered");
  });

  test("malformed bodies are a 400 with a code, never a 500", async () => {
    for (const body of ["{", "null", "[]", { results: "x" }, { results: [{ messageId: 5 }] }, { results: [{}] }]) {
      const answer = await post(reportAction, REPORT, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.code).toMatch(/^(INVALID_JSON|VALIDATION_ERROR)$/);
    }
  });

  test("only on a studio's address", async () => {
    const answer = await post(reportAction, REPORT, { results: [] }, { host: "localhost" });
    expect(answer).toMatchObject({ status: 404, body: { code: "STUDIO_NOT_FOUND" } });
  });
});

describe("POST /api/sms/inbound", () => {
  test("a CANCEL reply on the platform's address cancels the booking the last text was about", async () => {
    const client = await s.client(2);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const phone = `+4477009${String(Math.floor(Math.random() * 100000)).padStart(5, "0")}`;
    await sentSms({ recipient: phone, bookingId: booking.id, userId: client.id, locationId: booking.locationId });
    await upsertSmsReplyRoute(database(), phone, s.tenant.studio.id);
    const sms = { messageId: "in-1", from: phone.slice(1), to: "447860099999", text: " Cancel ", cleanText: "" };
    const answer = await post(inboundAction, INBOUND, { results: [sms] }, { host: "localhost" });
    expect(answer).toEqual({ status: 200, body: { results: [{ messageId: "in-1", outcome: "cancelled" }] } });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("cancelled");
  });

  test("an unknown number is a 200 that changes nothing", async () => {
    const sms = { messageId: "in-2", from: "447700900000", text: "CANCEL" };
    const answer = await post(inboundAction, INBOUND, { results: [sms] });
    expect(answer).toEqual({ status: 200, body: { results: [{ messageId: "in-2", outcome: "ignored" }] } });
  });

  test("no secret or a wrong one: 401; malformed: 400", async () => {
    const body = { results: [{ messageId: "in-3", from: "447700900000", text: "CANCEL" }] };
    for (const path of ["/api/sms/inbound", "/api/sms/inbound?secret=", `/api/sms/inbound?secret=${SECRETS.report}`]) {
      expect(await post(inboundAction, path, body)).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
    }
    for (const bad of ["", "{results:", { results: [{ messageId: "x" }] }, { results: [{ from: 1 }] }, { nope: 1 }]) {
      const answer = await post(inboundAction, INBOUND, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.code).toMatch(/^(INVALID_JSON|VALIDATION_ERROR)$/);
    }
  });
});

test("an endpoint whose secret is not configured serves nobody", () => {
  const request = new Request("http://localhost/api/sms/inbound?secret=anything");
  expect(() => requireWebhookSecret(request, undefined)).toThrow(
    expect.objectContaining({ status: 503, code: "NOT_CONFIGURED" }),
  );
  expect(() => requireWebhookSecret(request, "")).toThrow(expect.objectContaining({ status: 503 }));
});

describe("as the API document describes them", () => {
  const raw = (action: (args: ActionFunctionArgs) => Promise<Response>, path: string, body: unknown) =>
    action({
      request: new Request(`http://${studioHost}${path}`, {
        method: "POST",
        headers: { host: studioHost, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      params: {},
      context: { requestId: "t", clientIp: "127.0.0.1" },
    });

  test("delivery reports: 200 with the counts; no secret 401; a bad body 400", async () => {
    const sms = await sentSms();
    const ok = await raw(reportAction, REPORT, { results: [report(sms.id, "DELIVERED")] });
    expect(ok.status).toBe(200);
    expect(await expectDocumented(ok, "post", "/api/sms/delivery-report")).toEqual({ received: 1, updated: 1 });
    const refused = await raw(reportAction, "/api/sms/delivery-report", { results: [] });
    expect(await expectDocumented(refused, "post", "/api/sms/delivery-report")).toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const bad = await raw(reportAction, REPORT, { results: "x" });
    expect(await expectDocumented(bad, "post", "/api/sms/delivery-report")).toMatchObject({ code: "VALIDATION_ERROR" });
  });

  test("inbound texts: 200 with an outcome each; no secret 401", async () => {
    const ok = await raw(inboundAction, INBOUND, {
      results: [{ messageId: "in-doc", from: "447700900001", text: "hi" }],
    });
    expect(ok.status).toBe(200);
    expect(await expectDocumented(ok, "post", "/api/sms/inbound")).toEqual({
      results: [{ messageId: "in-doc", outcome: "ignored" }],
    });
    const refused = await raw(inboundAction, "/api/sms/inbound", { results: [] });
    expect(await expectDocumented(refused, "post", "/api/sms/inbound")).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
