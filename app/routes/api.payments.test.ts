import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { insertPackage } from "~/models/package.server";
import { findPayment, listPaymentsOfClient } from "~/models/payment.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { type FakeStripe, withFakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { payForClass } from "~/services/payments/purchase.server";
import { refundStudio } from "~/services/payments/refund-fixtures.test-helper";
import { settlePayment } from "~/services/payments/settle.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as purchaseRoute from "./api.packages.purchase";
import * as confirmRoute from "./api.payments.confirm";
import * as createIntentRoute from "./api.payments.create-intent";
import * as refundRoute from "./api.payments.refund";

/** Paying through the API against the fake Stripe: what Stripe is sent, and what the caller is answered. */

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});
beforeEach(() => {
  stripe.requests.length = 0;
});

type Studio = Awaited<ReturnType<typeof refundStudio>>;
let s: Studio;
beforeAll(async () => {
  s = await refundStudio(stripe);
  await database().update(s.tenant.t.services).set({ priceMinor: 1200 }).where(eq(s.tenant.t.services.id, s.yoga.id));
});

type Action = (args: ActionFunctionArgs) => Promise<Response>;

async function post(
  action: Action,
  path: string,
  options: { as?: User; json?: unknown; key?: string; tenant?: Tenant } = {},
): Promise<Response> {
  const tenant = options.tenant ?? s.tenant;
  const host = `${tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (options.as)
    headers.cookie = ((await signIn(tenant, options.as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (options.key) headers["idempotency-key"] = options.key;
  const request = new Request(`http://${host}${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(options.json ?? {}),
  });
  return action({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
}

const checkoutRequests = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
const sessionIdOf = (checkoutUrl: string) => checkoutUrl.split("/").at(-1) as string;

async function newClient() {
  return (await s.person("client", [s.main.id])) as User;
}

async function newPackage(name: string, priceMinor: number) {
  return insertPackage(database(), s.tenant, {
    name,
    credits: 3,
    priceMinor,
    validDays: 30,
    locationIds: [],
    serviceIds: [],
  });
}

describe("POST /api/packages/purchase", () => {
  test("an open payment and Checkout on the studio's account; the same key again is the same page, another package with it a 422", async () => {
    const client = await newClient();
    const key = "purchase-1";
    const first = await post(purchaseRoute.action, "/api/packages/purchase", {
      as: client,
      json: { packageId: s.pack.id },
      key,
    });
    expect(first.status).toBe(201);
    const body = await expectDocumented(first, "post", "/api/packages/purchase");
    expect(body).toMatchObject({ payment: { status: "pending", amountMinor: 5000, currency: "GBP" } });
    expect(body.checkoutUrl).toMatch(`${stripe.url}/checkout/`);
    const [request, ...more] = checkoutRequests();
    expect(more).toHaveLength(0);
    expect(request?.headers["stripe-account"]).toBe(s.account.id);
    expect(request?.headers["idempotency-key"]).toBe(`checkout-${body.payment.id}`);
    expect(request?.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "5000",
      "line_items[0][price_data][currency]": "gbp",
      "line_items[0][price_data][product_data][name]": "Five classes",
      "metadata[kind]": "package",
      "metadata[package_id]": s.pack.id,
      "metadata[payment_id]": body.payment.id,
      "metadata[client_id]": client.id,
      client_reference_id: body.payment.id,
      cancel_url: expect.stringMatching(/\/packages$/),
    });

    const again = await post(purchaseRoute.action, "/api/packages/purchase", {
      as: client,
      json: { packageId: s.pack.id },
      key,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await expectDocumented(again, "post", "/api/packages/purchase")).toEqual(body);
    expect(checkoutRequests()).toHaveLength(1);
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(1);

    const other = await newPackage("Three classes", 3300);
    const reused = await post(purchaseRoute.action, "/api/packages/purchase", {
      as: client,
      json: { packageId: other.id },
      key,
    });
    expect(reused.status).toBe(422);
    expect(await expectDocumented(reused, "post", "/api/packages/purchase")).toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(1);
    // Nothing is granted until Stripe says the money arrived.
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(0);
  });

  test("who may buy and what: 401, 403 for staff, 404, 400, and nothing written", async () => {
    const client = await newClient();
    const path = "/api/packages/purchase";
    const answers = [
      await post(purchaseRoute.action, path, { json: { packageId: s.pack.id } }),
      await post(purchaseRoute.action, path, { as: s.staff.owner, json: { packageId: s.pack.id } }),
      await post(purchaseRoute.action, path, { as: client, json: { packageId: crypto.randomUUID() } }),
      await post(purchaseRoute.action, path, { as: client, json: { packageId: "nope" } }),
    ];
    const codes = [];
    for (const answer of answers) {
      const body = await expectDocumented(answer, "post", path);
      codes.push([answer.status, body.code]);
    }
    // The document adds the key's errors to every idempotent operation (errorsOf).
    const badKey = await post(purchaseRoute.action, path, {
      as: client,
      json: { packageId: s.pack.id },
      key: "no spaces",
    });
    codes.push([badKey.status, (await badKey.json()).code]);
    expect(codes).toEqual([
      [401, "UNAUTHENTICATED"],
      [403, "INSUFFICIENT_PERMISSIONS"],
      [404, "NOT_FOUND"],
      [400, "VALIDATION_ERROR"],
      [400, "INVALID_IDEMPOTENCY_KEY"],
    ]);
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(0);
    expect(checkoutRequests()).toHaveLength(0);
  });
});

describe("POST /api/payments/create-intent", () => {
  test("a package: the purchase's payment and page, one per key", async () => {
    const client = await newClient();
    const json = { packageId: s.pack.id };
    const first = await post(createIntentRoute.action, "/api/payments/create-intent", {
      as: client,
      json,
      key: "ci-1",
    });
    expect(first.status).toBe(201);
    const body = await expectDocumented(first, "post", "/api/payments/create-intent");
    expect(body.payment).toMatchObject({ status: "pending", amountMinor: 5000 });
    const again = await post(createIntentRoute.action, "/api/payments/create-intent", {
      as: client,
      json,
      key: "ci-1",
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).checkoutUrl).toBe(body.checkoutUrl);
    expect(checkoutRequests()).toHaveLength(1);
  });

  test("a booking awaiting payment: its own Checkout session again; the key replays, another body with it is a 422", async () => {
    const client = await newClient();
    const held = await payForClass(
      s.tenant,
      client,
      { occurrenceId: s.yogaClass.id },
      { idempotencyKey: crypto.randomUUID() },
    );
    const bookingId = held.payment.bookingId as string;
    stripe.requests.length = 0;
    const path = "/api/payments/create-intent";

    const first = await post(createIntentRoute.action, path, { as: client, json: { bookingId }, key: "ci-booking" });
    expect(first.status).toBe(201);
    const body = await expectDocumented(first, "post", path);
    expect(body).toEqual({
      payment: { id: held.payment.id, status: "pending", amountMinor: 1200, currency: "GBP" },
      checkoutUrl: held.redirectTo,
    });
    // The session opened when the place was held is the one answered: Stripe is not asked for another.
    expect(checkoutRequests()).toHaveLength(0);

    const again = await post(createIntentRoute.action, path, { as: client, json: { bookingId }, key: "ci-booking" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(body);

    const reused = await post(createIntentRoute.action, path, {
      as: client,
      json: { packageId: s.pack.id },
      key: "ci-booking",
    });
    expect(reused.status).toBe(422);
    expect(await expectDocumented(reused, "post", path)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(1);

    // Someone else's booking is not found; both ids or neither is a 400.
    const stranger = await newClient();
    const answers = [
      await post(createIntentRoute.action, path, { as: stranger, json: { bookingId } }),
      await post(createIntentRoute.action, path, { as: client, json: { bookingId, packageId: s.pack.id } }),
      await post(createIntentRoute.action, path, { as: client, json: {} }),
    ];
    const codes = [];
    for (const answer of answers) codes.push([answer.status, (await expectDocumented(answer, "post", path)).code]);
    expect(codes).toEqual([
      [404, "NOT_FOUND"],
      [400, "VALIDATION_ERROR"],
      [400, "VALIDATION_ERROR"],
    ]);

    // Paid: nothing more to pay.
    await database().transaction((tx) => settlePayment(tx, s.tenant, held.payment.id, { at: new Date() }));
    const paid = await post(createIntentRoute.action, path, { as: client, json: { bookingId } });
    expect(paid.status).toBe(409);
    expect(await expectDocumented(paid, "post", path)).toMatchObject({ code: "ALREADY_PAID" });
  });
});

describe("POST /api/payments/confirm", () => {
  test("pending while Stripe says the page is open; a payment Stripe says is paid is settled as the webhook would; others' 404", async () => {
    const client = await newClient();
    const started = await (
      await post(purchaseRoute.action, "/api/packages/purchase", { as: client, json: { packageId: s.pack.id } })
    ).json();
    const sessionId = sessionIdOf(started.checkoutUrl);
    const path = "/api/payments/confirm";
    const json = { paymentId: started.payment.id };
    stripe.requests.length = 0;

    const pending = await post(confirmRoute.action, path, { as: client, json });
    expect(pending.status).toBe(200);
    expect(await expectDocumented(pending, "post", path)).toEqual({
      payment: {
        id: started.payment.id,
        kind: "package",
        status: "pending",
        amountMinor: 5000,
        refundedMinor: 0,
        currency: "GBP",
        paidAt: null,
        failure: null,
      },
      granted: { credits: null, bookingId: null },
      checkoutUrl: started.checkoutUrl,
    });
    expect(stripe.requests).toHaveLength(1);
    expect(stripe.requests[0]).toMatchObject({ method: "GET", path: `/v1/checkout/sessions/${sessionId}` });
    expect(stripe.requests[0]?.headers["stripe-account"]).toBe(s.account.id);

    // Paid on Stripe's page, and the webhook lost (this fake delivers to no endpoint).
    await stripe.pay(sessionId);
    const paid = await post(confirmRoute.action, path, { as: client, json });
    const body = await expectDocumented(paid, "post", path);
    expect(body).toMatchObject({
      payment: { status: "paid", paidAt: expect.any(String) },
      granted: { credits: { credits: 5 }, bookingId: null },
      checkoutUrl: null,
    });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(5);

    // Asked again, nothing more is granted and Stripe is not asked.
    stripe.requests.length = 0;
    const again = await post(confirmRoute.action, path, { as: s.staff.owner, json });
    expect(await expectDocumented(again, "post", path)).toEqual(body);
    expect(stripe.requests).toHaveLength(0);
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(5);

    const stranger = await post(confirmRoute.action, path, { as: await newClient(), json });
    expect(stranger.status).toBe(404);
    expect(await expectDocumented(stranger, "post", path)).toMatchObject({ code: "NOT_FOUND" });
    const bad = await post(confirmRoute.action, path, { as: client, json: { paymentId: 12 } });
    expect(await expectDocumented(bad, "post", path)).toMatchObject({ code: "VALIDATION_ERROR" });
  });

  test("a booking's payment: the booking it confirmed; Stripe down leaves it pending", async () => {
    const client = await newClient();
    const held = await payForClass(
      s.tenant,
      client,
      { occurrenceId: s.yogaClass.id },
      { idempotencyKey: crypto.randomUUID() },
    );
    const path = "/api/payments/confirm";
    const json = { paymentId: held.payment.id };
    stripe.failNext(1);
    const down = await post(confirmRoute.action, path, { as: client, json });
    expect(await expectDocumented(down, "post", path)).toMatchObject({ payment: { status: "pending" } });
    expect((await findPayment(database(), s.tenant, held.payment.id))?.status).toBe("open");

    await database().transaction((tx) => settlePayment(tx, s.tenant, held.payment.id, { at: new Date() }));
    const paid = await post(confirmRoute.action, path, { as: client, json });
    expect(await expectDocumented(paid, "post", path)).toMatchObject({
      payment: { kind: "booking", status: "paid" },
      granted: { credits: null, bookingId: held.payment.bookingId },
    });
  });
});

describe("another studio's ids", () => {
  test("its package, booking and payment are not found from here, and nothing is written", async () => {
    const other = await refundStudio(stripe);
    const theirs = await other.paid();
    const client = await newClient();
    const answers = [
      await post(purchaseRoute.action, "/api/packages/purchase", { as: client, json: { packageId: other.pack.id } }),
      await post(createIntentRoute.action, "/api/payments/create-intent", {
        as: client,
        json: { bookingId: theirs.id },
      }),
      await post(confirmRoute.action, "/api/payments/confirm", { as: s.staff.owner, json: { paymentId: theirs.id } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(0);
  });
});

describe("POST /api/payments/refund", () => {
  test("documented: the refund, the same key replayed with one refund at Stripe, the key for another payment a 422", async () => {
    const [payment, another] = [await s.paid(), await s.paid()];
    const path = "/api/payments/refund";
    const json = { paymentId: payment.id, amountMinor: 1000, reason: "Injured" };
    const first = await post(refundRoute.action, path, { as: s.staff.owner, json, key: "refund-doc-1" });
    expect(first.status).toBe(201);
    const body = await expectDocumented(first, "post", path);
    const again = await post(refundRoute.action, path, { as: s.staff.owner, json, key: "refund-doc-1" });
    expect(again.status).toBe(200);
    expect((await expectDocumented(again, "post", path)).refund.id).toBe(body.refund.id);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
    const reused = await post(refundRoute.action, path, {
      as: s.staff.owner,
      json: { ...json, paymentId: another.id },
      key: "refund-doc-1",
    });
    expect(reused.status).toBe(422);
    expect(await expectDocumented(reused, "post", path)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    const otherAmount = await post(refundRoute.action, path, {
      as: s.staff.owner,
      json: { ...json, amountMinor: 500 },
      key: "refund-doc-1",
    });
    expect(otherAmount.status).toBe(422);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
    expect((await findPayment(database(), s.tenant, payment.id))?.refundedMinor).toBe(1000);
    const tooMuch = await post(refundRoute.action, path, { as: s.staff.owner, json: { ...json, amountMinor: 9999 } });
    expect(await expectDocumented(tooMuch, "post", path)).toMatchObject({ code: "REFUND_TOO_LARGE" });
    const denied = await post(refundRoute.action, path, { as: s.client, json });
    expect(await expectDocumented(denied, "post", path)).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
  });
});
