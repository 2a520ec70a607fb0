import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findOccurrence } from "~/models/occurrence.server";
import { insertPackage } from "~/models/package.server";
import { findPayment, insertPayment, listRefundsOfPayment } from "~/models/payment.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { holdClassForPayment } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { feeFor, onlinePayments, openCheckout } from "~/services/payments/checkout.server";
import { type FakeStripe, fakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { CHECKOUT_EXPIRED } from "~/services/payments/webhook-checkout.server";
import { database } from "~db/client";
import { organizations, stripeEvents } from "~db/schema/control";
import type { User } from "~db/schema/tenant";
import { action, loader } from "./api.payments.webhooks.stripe";

const SECRET = "whsec_webhook_test_at_least_24_characters";
const PATH = "/api/payments/webhooks/stripe";
let stripe: FakeStripe;
const saved = { ...process.env };

beforeAll(async () => {
  stripe = await fakeStripe();
  process.env.STRIPE_SECRET_KEY = "sk_test_webhooks";
  process.env.STRIPE_API_BASE = stripe.url;
  // A rotated secret first: events signed with either are accepted.
  process.env.STRIPE_WEBHOOK_SECRET = `whsec_old_one_at_least_24_characters, ${SECRET}`;
});
afterAll(async () => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await stripe.close();
});

/** Posts a body to the route as Stripe would (any host: Stripe posts to the apex domain). */
async function post(body: string, signature: string | null, host = "127.0.0.1:3000") {
  const request = new Request(`http://${host}${PATH}`, {
    method: "POST",
    headers: {
      host,
      "content-type": "application/json",
      ...(signature === null ? {} : { "stripe-signature": signature }),
    },
    body,
  });
  const response = await action({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
  // Every 2xx and 4xx as the document says; a 503 asks Stripe to send the event again.
  if (response.status !== 503) await expectDocumented(response, "post", PATH);
  return { status: response.status, body: await response.json() };
}

const sign = (payload: string, secret = SECRET) => Stripe.webhooks.generateTestHeaderString({ payload, secret });

async function send(event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return post(payload, sign(payload));
}

const stored = async (id: string) => (await database().select().from(stripeEvents).where(eq(stripeEvents.id, id)))[0];

/** A studio connected to its own Stripe account, with a five-credit package on sale. */
async function connectedStudio(options: { classCapacity?: number } = {}) {
  const s = await bookingStudio(options);
  const account = stripe.connectedAccount();
  await database()
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
    .where(eq(organizations.id, s.tenant.studio.id));
  s.tenant.studio.stripeAccountId = account.id;
  const online = await onlinePayments(s.tenant);
  if (!online.ready) throw new Error(online.reason);
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 5000,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
  const buyer = await s.client(0);
  const credits = async (who: User = buyer) => (await clientCredits(s.tenant, who, who.id)).balance;
  const payment = async (id: string) => (await findPayment(database(), s.tenant, id))!;

  /** The client opens Checkout for the package; the session as Stripe holds it. */
  async function buyPackage() {
    const row = await insertPayment(database(), s.tenant, {
      clientId: buyer.id,
      kind: "package",
      method: "online_card",
      status: "open",
      amountMinor: pack.priceMinor,
      currency: "GBP",
      applicationFeeMinor: feeFor(online as Extract<typeof online, { ready: true }>, pack.priceMinor),
      description: pack.name,
      packageId: pack.id,
      takenById: buyer.id,
    });
    await openCheckout(s.tenant, online as Extract<typeof online, { ready: true }>, row, { cancel: "/packages" });
    return sessionOf(row.id);
  }

  /** Another client holds the class's place while paying £12 for it. */
  async function holdPlace(payer: User) {
    let paymentId = "";
    const { booking } = await holdClassForPayment(
      s.tenant,
      payer,
      { occurrenceId: s.yogaClass.id },
      {},
      async (tx, b) => {
        const row = await insertPayment(tx, s.tenant, {
          clientId: payer.id,
          kind: "booking",
          method: "online_card",
          status: "open",
          amountMinor: 1200,
          currency: "GBP",
          applicationFeeMinor: 35,
          description: "Yoga",
          bookingId: b.id,
          locationId: b.locationId,
          takenById: payer.id,
        });
        paymentId = row.id;
      },
    );
    await openCheckout(s.tenant, online as Extract<typeof online, { ready: true }>, (await payment(paymentId))!, {
      cancel: "/book",
    });
    return { booking, session: sessionOf(paymentId) };
  }

  const places = async () => (await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots;
  return { ...s, account, pack, buyer, credits, payment, buyPackage, holdPlace, places };
}

function sessionOf(paymentId: string) {
  const session = [...stripe.sessions.values()].find((x) => x.metadata.payment_id === paymentId);
  if (!session) throw new Error(`no session for ${paymentId}`);
  return session;
}

/** Pays in the fake Checkout; returns the events Stripe sends for it (not yet delivered). */
async function pay(sessionId: string) {
  const before = stripe.events.length;
  const session = await stripe.pay(sessionId);
  const [completed, succeeded] = stripe.events.slice(before) as [Stripe.Event, Stripe.Event];
  return { completed, succeeded, intentId: session.payment_intent as string };
}

describe("who may post", () => {
  test("a missing, forged or tampered signature, or an unreadable body: 400 and nothing stored", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const { completed } = await pay(session.id);
    const payload = JSON.stringify(completed);
    const tampered = payload.replace(session.id, "cs_test_other");
    const cases: [string, string | null, string][] = [
      [payload, null, "SIGNATURE_MISSING"],
      [payload, "t=1,v1=deadbeef", "SIGNATURE_INVALID"],
      [payload, sign(payload, "whsec_someone_else_at_least_24_chars"), "SIGNATURE_INVALID"],
      [tampered, sign(payload), "SIGNATURE_INVALID"],
      ["{not json", sign("{not json"), "INVALID_EVENT"],
      ['{"id":"evt_1"}', sign('{"id":"evt_1"}'), "INVALID_EVENT"],
    ];
    for (const [body, signature, code] of cases) {
      expect(await post(body, signature)).toEqual({ status: 400, body: { error: expect.any(String), code } });
    }
    expect(await stored(completed.id)).toBeUndefined();
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({ status: "open" });
    expect(await s.credits()).toBe(0);
  });

  test("GET is 405; without a configured secret, 404 with a code saying so", async () => {
    const response = await loader();
    expect([response.status, await response.json()]).toEqual([405, { error: "Use POST", code: "METHOD_NOT_ALLOWED" }]);
    const secrets = process.env.STRIPE_WEBHOOK_SECRET;
    process.env.STRIPE_WEBHOOK_SECRET = "";
    try {
      expect(await post("{}", sign("{}"))).toMatchObject({ status: 404, body: { code: "WEBHOOKS_NOT_SET_UP" } });
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = secrets;
    }
  });
});

describe("a package bought through Checkout", () => {
  test("each event is applied once: repeats answer 200 and grant nothing more", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const { completed, succeeded, intentId } = await pay(session.id);
    const paymentId = session.metadata.payment_id!;
    for (const event of [completed, completed, succeeded, completed, succeeded]) {
      expect((await send(event)).status).toBe(200);
    }
    expect(await send(succeeded)).toMatchObject({ status: 200, body: { duplicate: true, outcome: "applied" } });
    expect(await s.credits()).toBe(5);
    expect(await s.payment(paymentId)).toMatchObject({
      status: "succeeded",
      stripePaymentIntentId: intentId,
      stripeChargeId: stripe.charges.get(intentId),
    });
    expect(await stored(completed.id)).toMatchObject({
      outcome: "applied",
      organizationId: s.tenant.studio.id,
      account: s.account.id,
      type: "checkout.session.completed",
    });
  });

  test("payment_intent.succeeded before checkout.session.completed ends the same", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const { completed, succeeded, intentId } = await pay(session.id);
    expect((await send(succeeded)).body).toMatchObject({ outcome: "applied", duplicate: false });
    expect((await send(completed)).body).toMatchObject({ outcome: "applied", duplicate: false });
    expect(await s.credits()).toBe(5);
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({
      status: "succeeded",
      stripePaymentIntentId: intentId,
      stripeChargeId: stripe.charges.get(intentId),
    });
  });

  test("a refund in Stripe's dashboard that arrives before the payment waits for it, then applies once", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const paymentId = session.metadata.payment_id!;
    const { completed, succeeded, intentId } = await pay(session.id);
    const refund = await stripe.refundInDashboard(intentId, 2000);
    const refunded = stripe.events.at(-1) as Stripe.Event;
    expect((await send(refunded)).body).toMatchObject({ outcome: "waiting" });
    expect(await stored(refunded.id)).toMatchObject({ outcome: "waiting", objectRef: intentId });
    const listed = stripe.requests.filter((r) => r.method === "GET" && r.path === "/v1/refunds");
    expect(listed.at(-1)).toMatchObject({ form: { charge: stripe.charges.get(intentId) } });
    expect(listed.at(-1)?.headers["stripe-account"]).toBe(s.account.id);

    await send(completed);
    await send(succeeded);
    await send(refunded);
    expect(await stored(refunded.id)).toMatchObject({ outcome: "applied", payload: null });
    expect(await s.payment(paymentId)).toMatchObject({ status: "succeeded", refundedMinor: 2000 });
    const refunds = await listRefundsOfPayment(database(), s.tenant, paymentId);
    expect(refunds).toMatchObject([
      {
        amountMinor: 2000,
        stripeRefundId: refund.id,
        status: "succeeded",
        actorId: null,
        reason: "Refunded in Stripe",
      },
    ]);
    // 2 of the 5 credits taken back (40% of the package).
    expect(await s.credits()).toBe(3);

    // The rest, refunded later: the new event lists both refunds; only the new one is added.
    await stripe.refundInDashboard(intentId);
    await send(stripe.events.at(-1) as Stripe.Event);
    expect(await s.payment(paymentId)).toMatchObject({ refundedMinor: 5000 });
    expect(await listRefundsOfPayment(database(), s.tenant, paymentId)).toHaveLength(2);
    expect(await s.credits()).toBe(0);
  });

  test("Stripe unreachable while listing a charge's refunds: 503 TRY_AGAIN, nothing stored, the retry applies", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const { completed, intentId } = await pay(session.id);
    await send(completed);
    await stripe.refundInDashboard(intentId);
    const refunded = stripe.events.at(-1) as Stripe.Event;
    stripe.failNext(1);
    expect(await send(refunded)).toMatchObject({ status: 503, body: { code: "TRY_AGAIN" } });
    expect(await stored(refunded.id)).toBeUndefined();
    expect(await send(refunded)).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({ refundedMinor: 5000 });
  });

  test("a declined card keeps the payment open with the reason; the client may try another card", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const paymentId = session.metadata.payment_id!;
    const failed = stripe.event(
      "payment_intent.payment_failed",
      {
        id: "pi_test_declined",
        object: "payment_intent",
        status: "requires_payment_method",
        metadata: session.metadata,
        last_payment_error: { message: "Your card has insufficient funds." },
      },
      s.account.id,
    );
    expect((await send(failed)).body).toMatchObject({ outcome: "applied" });
    expect(await s.payment(paymentId)).toMatchObject({
      status: "open",
      failureMessage: "Your card has insufficient funds.",
    });
    const { succeeded } = await pay(session.id);
    await send(succeeded);
    expect(await s.payment(paymentId)).toMatchObject({ status: "succeeded", failureMessage: null });
  });
});

describe("events for another studio", () => {
  test("another studio's account, or metadata naming another studio: ignored, nothing changes in either", async () => {
    const a = await connectedStudio();
    const b = await connectedStudio();
    const session = await a.buyPackage();
    const { completed, succeeded } = await pay(session.id);
    const onB = (event: Stripe.Event) => ({ ...event, id: `${event.id}_b`, account: b.account.id }) as Stripe.Event;
    const namingB = (event: Stripe.Event) =>
      ({
        ...event,
        id: `${event.id}_named`,
        data: { object: { ...event.data.object, metadata: { ...session.metadata, studio_id: b.tenant.studio.id } } },
      }) as unknown as Stripe.Event;
    const unknown = { ...completed, id: `${completed.id}_x`, account: "acct_nobody" } as Stripe.Event;
    for (const event of [onB(completed), onB(succeeded), namingB(completed), namingB(succeeded), unknown]) {
      expect((await send(event)).body).toMatchObject({ outcome: "ignored" });
    }
    expect(await stored(unknown.id)).toMatchObject({ outcome: "ignored", organizationId: null });
    expect(await a.payment(session.metadata.payment_id!)).toMatchObject({
      status: "open",
      stripePaymentIntentId: null,
    });
    expect([await a.credits(), await b.credits()]).toEqual([0, 0]);
  });
});

describe("a class place held while paying", () => {
  test("expiry frees the place; the payment ends as expired", async () => {
    const s = await connectedStudio({ classCapacity: 1 });
    const { booking, session } = await s.holdPlace(await s.client(0));
    expect(await s.places()).toBe(1);
    await stripe.expire(session.id);
    expect((await send(stripe.events.at(-1) as Stripe.Event)).body).toMatchObject({ outcome: "applied" });
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({
      status: "expired",
      failureMessage: CHECKOUT_EXPIRED,
    });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("cancelled");
    expect(await s.places()).toBe(0);
  });

  test("expiry arriving after the payment succeeded changes nothing", async () => {
    const s = await connectedStudio({ classCapacity: 1 });
    const { booking, session } = await s.holdPlace(await s.client(0));
    const { succeeded } = await pay(session.id);
    await send(succeeded);
    const late = stripe.event("checkout.session.expired", { ...session, status: "expired" }, s.account.id);
    expect((await send(late)).status).toBe(200);
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({ status: "succeeded", failureMessage: null });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
    expect(await s.places()).toBe(1);
  });
});

describe("a dispute", () => {
  const disputeOf = (intentId: string, account: string) =>
    stripe.event(
      "charge.dispute.created",
      {
        id: `dp_test_${intentId}`,
        object: "dispute",
        amount: 5000,
        currency: "gbp",
        charge: stripe.charges.get(intentId),
        payment_intent: intentId,
        reason: "product_not_received",
        status: "needs_response",
      },
      account,
    );

  test("flags the payment and emails the owner once", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const paymentId = session.metadata.payment_id!;
    const { succeeded, intentId } = await pay(session.id);
    await send(succeeded);
    const dispute = disputeOf(intentId, s.account.id);
    await send(dispute);
    await send(dispute);
    expect(await s.payment(paymentId)).toMatchObject({
      disputedAt: new Date(dispute.created * 1000),
      disputeReason: "product not received",
    });
    const { t } = s.tenant;
    const emails = await database()
      .select()
      .from(t.outboxMessages)
      .where(eq(t.outboxMessages.template, "payment_disputed"));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ recipient: s.owner.email, subject: "A client disputed a payment: £50.00" });
    expect(emails[0]?.body).toContain(`/payments/${paymentId}`);
    expect(emails[0]?.body).toContain("product not received");
  });

  test("before the payment is known it waits, and applies when the payment is linked", async () => {
    const s = await connectedStudio();
    const session = await s.buyPackage();
    const { completed, intentId } = await pay(session.id);
    const dispute = disputeOf(intentId, s.account.id);
    expect((await send(dispute)).body).toMatchObject({ outcome: "waiting" });
    await send(completed);
    expect(await stored(dispute.id)).toMatchObject({ outcome: "applied" });
    expect(await s.payment(session.metadata.payment_id!)).toMatchObject({ disputeReason: "product not received" });
  });
});

describe("account.updated", () => {
  test("keeps the studio's account state as of the newest event; an older one arriving late is ignored", async () => {
    const s = await connectedStudio();
    const account = (charges: boolean, created: number) => ({
      ...stripe.event(
        "account.updated",
        { ...s.account, charges_enabled: charges, details_submitted: true },
        s.account.id,
      ),
      created,
    });
    const newer = account(false, 2_000_000_000);
    const older = account(true, 1_900_000_000);
    expect((await send(newer)).body).toMatchObject({ outcome: "applied" });
    expect((await send(older)).body).toMatchObject({ outcome: "ignored" });
    const [row] = await database().select().from(organizations).where(eq(organizations.id, s.tenant.studio.id));
    expect(row).toMatchObject({
      stripeChargesEnabled: false,
      stripeDetailsSubmitted: true,
      stripeAccountCheckedAt: new Date(2_000_000_000 * 1000),
    });
  });
});
