import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { findPayment, insertPayment, listRefundsOfPayment } from "~/models/payment.server";
import { findStudioSettings, updateStudioSettings } from "~/models/studio-settings.server";
import { holdClassForPayment } from "~/services/booking/engine.server";
import { signIn } from "~/services/identity/auth.server";
import { type FakeStripe, withFakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { refundStudio } from "~/services/payments/refund-fixtures.test-helper";
import { settlePayment } from "~/services/payments/settle.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Payment, User } from "~db/schema/tenant";
import * as refundApi from "./api.payments.refund";
import * as bookingPage from "./bookings.$id";
import * as refundForm from "./payments.$id_.refund";
import * as settingsPage from "./settings";

/**
 * Refunds as staff meet them: the refund page (JavaScript off: a plain POST and a redirect),
 * `POST /api/payments/refund`, the booking page's payment line and the studio's setting.
 */
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

let stripe: FakeStripe;
let s: Awaited<ReturnType<typeof refundStudio>>;
withFakeStripe((fake) => {
  stripe = fake;
});
beforeAll(async () => {
  s = await refundStudio(stripe);
});

const cookies = new Map<string, string>();
async function cookieFor(tenant: Tenant, user: User) {
  if (!cookies.has(user.id)) {
    const response = await signIn(tenant, user);
    cookies.set(user.id, (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "");
  }
  return cookies.get(user.id) as string;
}

/** A loader or action called the way Remix calls it; JSON or a page's `data(...)` read back. */
async function call(
  handler: Handler,
  path: string,
  options: {
    as: User;
    tenant?: Tenant;
    method?: string;
    json?: unknown;
    form?: Record<string, string>;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  },
) {
  const tenant = options.tenant ?? s.tenant;
  const host = `${tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, cookie: await cookieFor(tenant, options.as), ...options.headers };
  let body: string | URLSearchParams | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form);
  }
  const request = new Request(`http://${host}${path}`, { method: options.method ?? "POST", headers, body });
  const args = { request, params: options.params ?? {}, context: { requestId: "t", clientIp: "192.0.2.8" } };
  let result: unknown;
  try {
    result = await handler(args as never);
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("location"), json: {} };
    throw thrown;
  }
  if (result instanceof Response) {
    const json = result.headers.get("content-type")?.includes("json") ? await result.json() : {};
    // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever each route answers
    return { status: result.status, location: result.headers.get("location"), json: json as Record<string, any> };
  }
  const page = result as { init?: { status?: number } | null; data?: unknown; type?: string };
  const json = page.type === "DataWithResponseInit" ? page.data : page;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return { status: page.init?.status ?? 200, location: null, json: json as Record<string, any> };
}

async function unchanged(payment: Payment) {
  expect((await findPayment(database(), s.tenant, payment.id))?.refundedMinor).toBe(payment.refundedMinor);
}

describe("/payments/:id/refund", () => {
  test("shows the payment, what is left, the receptionist's limit and what happens to the credits", async () => {
    const payment = await s.paid();
    const path = `/payments/${payment.id}/refund`;
    const params = { id: payment.id };
    const page = await call(refundForm.loader as Handler, path, { as: s.staff.receptionist, method: "GET", params });
    expect(page.json).toMatchObject({
      payment: { description: "Five classes", amount: "£50.00", refunded: null, method: "Card, online" },
      amount: "50.00",
      limit: "£50.00",
      creditsNote: "Refunding £50.00 takes back all 5 unused credits of Five classes.",
    });
    const elsewhere = await call(refundForm.loader as Handler, path, { as: s.staff.elsewhere, method: "GET", params });
    expect(elsewhere.status).toBe(404);
    const finance = await call(refundForm.loader as Handler, path, { as: s.staff.finance, method: "GET", params });
    expect(finance.status).toBe(403);
  });

  test("a plain POST refunds once and goes to the payment; errors sit next to their field", async () => {
    const payment = await s.paid("cash");
    const path = `/payments/${payment.id}/refund`;
    const params = { id: payment.id };
    const idempotencyKey = crypto.randomUUID();
    const as = s.staff.receptionist;
    const bad = await call(refundForm.action as Handler, path, {
      as,
      params,
      form: { amount: "twelve", reason: "", idempotencyKey },
    });
    expect(bad).toMatchObject({
      status: 400,
      json: {
        result: {
          error: { amount: ["Enter an amount in pounds, like 25 or 25.00"], reason: ["Say why the money goes back"] },
        },
      },
    });
    const tooMuch = await call(refundForm.action as Handler, path, {
      as,
      params,
      form: { amount: "60", reason: "Wrong class", idempotencyKey },
    });
    expect(tooMuch).toMatchObject({
      status: 422,
      json: { result: { error: { amount: ["At most £50.00 of this payment can still be refunded."] } } },
    });
    await updateStudioSettings(database(), s.tenant, { receptionistRefundLimitMinor: 1000 });
    const aboveLimit = await call(refundForm.action as Handler, path, {
      as,
      params,
      form: { amount: "10.01", reason: "Wrong class", idempotencyKey },
    });
    await updateStudioSettings(database(), s.tenant, { receptionistRefundLimitMinor: 5000 });
    expect(aboveLimit).toMatchObject({
      status: 403,
      json: { result: { error: { amount: ["That refund is above your limit; ask a manager."] } } },
    });
    await unchanged(payment);
    const form = { amount: "12.50", reason: "Wrong class", idempotencyKey };
    const done = await call(refundForm.action as Handler, path, { as, params, form });
    const again = await call(refundForm.action as Handler, path, { as, params, form });
    const [refund, ...more] = await listRefundsOfPayment(database(), s.tenant, payment.id);
    expect(more).toHaveLength(0);
    expect(refund).toMatchObject({ amountMinor: 1250, status: "succeeded", stripeRefundId: null });
    expect(done).toMatchObject({ status: 302, location: `/payments/${payment.id}?refunded=${refund?.id}` });
    expect(again).toMatchObject({ status: 302, location: `/payments/${payment.id}?refunded=${refund?.id}` });
  });
});

describe("POST /api/payments/refund", () => {
  test("refunds by the same rules; an Idempotency-Key makes a resend return the first refund", async () => {
    const payment = await s.paid();
    const path = "/api/payments/refund";
    const json = { paymentId: payment.id, amountMinor: 2000, reason: "Injured" };
    const headers = { "Idempotency-Key": "api-refund-1" };
    const first = await call(refundApi.action as Handler, path, { as: s.staff.manager, json, headers });
    expect(first).toMatchObject({
      status: 201,
      json: {
        refund: { paymentId: payment.id, amountMinor: 2000, currency: "GBP", status: "succeeded", creditsRemoved: 2 },
        payment: { refundedMinor: 2000 },
      },
    });
    const again = await call(refundApi.action as Handler, path, { as: s.staff.manager, json, headers });
    expect(again).toMatchObject({ status: 200, json: { refund: { id: first.json.refund.id } } });
    const [request, ...others] = stripe.requests.filter(
      (r) => r.path === "/v1/refunds" && r.form["metadata[payment_id]"] === payment.id,
    );
    expect(others).toHaveLength(0);
    expect(request?.headers["idempotency-key"]).toBe("refund-api-refund-1");
    expect(request?.headers["stripe-account"]).toBe(s.account.id);
    expect(request?.form).toMatchObject({ amount: "2000", payment_intent: payment.stripePaymentIntentId });
  });

  test("bad input is a 4xx with a code, and a refused refund changes nothing", async () => {
    const payment = await s.paid();
    const path = "/api/payments/refund";
    const json = { paymentId: payment.id, amountMinor: 1000, reason: "Injured" };
    const answers = await Promise.all([
      call(refundApi.action as Handler, path, { as: s.staff.owner, json: { ...json, amountMinor: 10.5 } }),
      call(refundApi.action as Handler, path, { as: s.staff.owner, json: { ...json, reason: " " } }),
      call(refundApi.action as Handler, path, { as: s.staff.owner, json: { ...json, amountMinor: 5001 } }),
      call(refundApi.action as Handler, path, { as: s.staff.elsewhere, json }),
      call(refundApi.action as Handler, path, { as: s.staff.finance, json }),
      call(refundApi.action as Handler, path, { as: s.staff.owner, json, headers: { "Idempotency-Key": "no spaces" } }),
    ]);
    expect(answers.map((a) => [a.status, a.json.code])).toEqual([
      [400, "VALIDATION_ERROR"],
      [400, "VALIDATION_ERROR"],
      [422, "REFUND_TOO_LARGE"],
      [404, "NOT_FOUND"],
      [403, "INSUFFICIENT_PERMISSIONS"],
      [400, "INVALID_IDEMPOTENCY_KEY"],
    ]);
    await updateStudioSettings(database(), s.tenant, { receptionistRefundLimitMinor: 500 });
    const aboveLimit = await call(refundApi.action as Handler, path, { as: s.staff.receptionist, json });
    await updateStudioSettings(database(), s.tenant, { receptionistRefundLimitMinor: 5000 });
    expect(aboveLimit).toMatchObject({
      status: 403,
      json: { code: "INSUFFICIENT_PERMISSIONS", error: "That refund is above your limit; ask a manager." },
    });
    const other = await refundStudio(stripe);
    const foreign = await call(refundApi.action as Handler, path, {
      as: other.staff.owner,
      tenant: other.tenant,
      json,
    });
    expect(foreign).toMatchObject({ status: 404, json: { code: "NOT_FOUND" } });
    await unchanged(payment);
  });
});

describe("the booking page", () => {
  test("staff who may refund see what was paid and a Refund link; the client sees neither", async () => {
    const client = s.client;
    let paymentId = "";
    const { booking } = await holdClassForPayment(
      s.tenant,
      client,
      { occurrenceId: s.yogaClass.id },
      {},
      async (tx, held) => {
        const payment = await insertPayment(tx, s.tenant, {
          clientId: client.id,
          kind: "booking",
          method: "cash",
          status: "open",
          amountMinor: 1200,
          currency: "GBP",
          description: "Yoga",
          bookingId: held.id,
          locationId: held.locationId,
          takenById: s.staff.receptionist.id,
        });
        paymentId = payment.id;
      },
    );
    await database().transaction((tx) => settlePayment(tx, s.tenant, paymentId, { at: new Date() }));
    const path = `/bookings/${booking.id}`;
    const params = { id: booking.id };
    const staff = await call(bookingPage.loader as Handler, path, { as: s.staff.receptionist, method: "GET", params });
    expect(staff.json.payment).toEqual({
      paymentId,
      text: "Paid £12.00 in cash",
      refundHref: `/payments/${paymentId}/refund`,
    });
    const own = await call(bookingPage.loader as Handler, path, { as: client, method: "GET", params });
    expect(own.json.payment).toBeNull();
  });
});

describe("/settings: what refunds do to credits", () => {
  test("a tick box, on by default; unticked, refunds leave the credits", async () => {
    const owner = s.staff.owner;
    const page = await call(settingsPage.loader as Handler, "/settings", { as: owner, method: "GET" });
    expect(page.json.refundRemovesCredits).toBe(true);
    const form = {
      receptionistRefundLimit: "50",
      maxSpotsPerBooking: "1",
      undoMinutes: "10",
      studioType: "hybrid",
      country: "GB",
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
    };
    const off = await call(settingsPage.action as Handler, "/settings", { as: owner, form });
    expect(off).toMatchObject({ status: 302, location: "/settings?saved=1" });
    expect((await findStudioSettings(database(), s.tenant)).refundRemovesCredits).toBe(false);
    await call(settingsPage.action as Handler, "/settings", {
      as: owner,
      form: { ...form, refundRemovesCredits: "on" },
    });
    expect((await findStudioSettings(database(), s.tenant)).refundRemovesCredits).toBe(true);
  });
});
