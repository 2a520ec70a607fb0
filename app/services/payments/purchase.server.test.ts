import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findOccurrence } from "~/models/occurrence.server";
import { insertPackage } from "~/models/package.server";
import { findPayment, listPaymentsOfClient } from "~/models/payment.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import { EXPIRE_CHECKOUT } from "../../../jobs/queues";
import { expireCheckout } from "./expire-checkout.server";
import { type FakeStripe, withFakeStripe } from "./fake-stripe.test-helper";
import { buyPackage, payForClass, payForSession } from "./purchase.server";
import { settlePayment } from "./settle.server";

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});
beforeEach(() => {
  stripe.requests.length = 0;
});

/** The booking studio connected to the fake's Stripe account, Yoga and the session priced £12 and £40. */
async function paidStudio(options: { classCapacity?: number } = {}) {
  const s = await bookingStudio(options);
  const account = stripe.connectedAccount();
  await database()
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
    .where(eq(organizations.id, s.tenant.studio.id));
  const { services } = s.tenant.t;
  await database().update(services).set({ priceMinor: 1200 }).where(eq(services.id, s.yoga.id));
  await database().update(services).set({ priceMinor: 4000 }).where(eq(services.id, s.session.id));
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 5500,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
  return { ...s, account, pack };
}

const checkoutRequests = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");

async function expiryJobs(tenant: Tenant, paymentId: string) {
  const rows = await database().execute(
    sql`SELECT start_after FROM pgboss.job WHERE name = ${EXPIRE_CHECKOUT} AND data->>'paymentId' = ${paymentId} AND data->>'studioId' = ${tenant.studio.id}`,
  );
  return [...rows].map((row) => new Date(String(row.start_after)));
}

describe("buying a package", () => {
  test("an open payment for the package's price, then Checkout on the studio's account; the same form again reaches the same page", async () => {
    const s = await paidStudio();
    const client = await s.client(0);
    const key = crypto.randomUUID();
    const first = await buyPackage(s.tenant, client, s.pack.id, { idempotencyKey: key });
    expect(first.payment).toMatchObject({
      kind: "package",
      method: "online_card",
      status: "open",
      amountMinor: 5500,
      currency: "GBP",
      applicationFeeMinor: 160,
      description: "Five classes",
      packageId: s.pack.id,
      clientId: client.id,
    });
    const [request] = checkoutRequests();
    expect(first.redirectTo).toMatch(`${stripe.url}/checkout/`);
    expect(request?.headers["stripe-account"]).toBe(s.account.id);
    expect(request?.headers["idempotency-key"]).toBe(`checkout-${first.payment.id}`);
    expect(request?.form).toMatchObject({
      "line_items[0][price_data][unit_amount]": "5500",
      "line_items[0][price_data][currency]": "gbp",
      "line_items[0][price_data][product_data][name]": "Five classes",
      "payment_intent_data[application_fee_amount]": "160",
      "metadata[kind]": "package",
      "metadata[package_id]": s.pack.id,
      "metadata[client_id]": client.id,
      cancel_url: expect.stringMatching(/\/packages$/),
    });
    const expiresAt = first.payment.expiresAt as Date;
    expect(expiresAt.getTime() - first.payment.createdAt.getTime()).toBeGreaterThanOrEqual(29 * 60_000);
    const [job] = await expiryJobs(s.tenant, first.payment.id);
    expect(job?.getTime()).toBe(expiresAt.getTime() + 2 * 60_000);

    const again = await buyPackage(s.tenant, client, s.pack.id, { idempotencyKey: key });
    expect(again.payment.id).toBe(first.payment.id);
    expect(again.redirectTo).toBe(first.redirectTo);
    expect(checkoutRequests()).toHaveLength(1);
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(1);

    // Paid: the credits are granted (by the webhook in production), and the form now leads to the result.
    await database().transaction((tx) => settlePayment(tx, s.tenant, first.payment.id, { at: new Date() }));
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(5);
    expect((await buyPackage(s.tenant, client, s.pack.id, { idempotencyKey: key })).redirectTo).toBe(
      `/payments/${first.payment.id}`,
    );
  });

  test("a studio not connected to Stripe refuses with its reason, and writes nothing", async () => {
    const s = await bookingStudio();
    const client = await s.client(0);
    const pack = await insertPackage(database(), s.tenant, {
      name: "Five",
      credits: 5,
      priceMinor: 5000,
      validDays: 60,
      locationIds: [],
      serviceIds: [],
    });
    await expect(buyPackage(s.tenant, client, pack.id, { idempotencyKey: crypto.randomUUID() })).rejects.toMatchObject({
      status: 409,
      code: "ONLINE_PAYMENT_NOT_READY",
      message: expect.stringContaining("front desk"),
    });
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(0);
    expect(checkoutRequests()).toHaveLength(0);
  });
});

describe("no one pays for a place that is gone", () => {
  test("two clients paying for the last place of a class: one reaches Checkout, the other is told it is full", async () => {
    const s = await paidStudio({ classCapacity: 1 });
    const [amy, ben] = [await s.client(0), await s.client(0)];
    const results = await Promise.allSettled(
      [amy, ben].map((c) =>
        payForClass(s.tenant, c, { occurrenceId: s.yogaClass.id }, { idempotencyKey: crypto.randomUUID() }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CLASS_FULL"]);
    expect(checkoutRequests()).toHaveLength(1);
    const { payment } = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof payForClass>>>).value;
    expect(payment).toMatchObject({ kind: "booking", amountMinor: 1200, applicationFeeMinor: 35, status: "open" });
    expect(payment.description).toMatch(/^Yoga, Mon \d{1,2} [A-Z][a-z]{2} 18:00$/);
    expect(checkoutRequests()[0]?.form).toMatchObject({
      "metadata[booking_id]": payment.bookingId,
      "metadata[kind]": "booking",
      "payment_intent_data[application_fee_amount]": "35",
      cancel_url: expect.stringMatching(new RegExp(`/payments/${payment.id}\\?from=cancel$`)),
    });
    const payments = await Promise.all([amy, ben].map((c) => listPaymentsOfClient(database(), s.tenant, c.id)));
    expect(payments.flat()).toHaveLength(1);

    // The hold counts while open; when Checkout expires the backstop frees it for the other client.
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(1);
    const opened = await findPayment(database(), s.tenant, payment.id);
    await stripe.expire(opened?.stripeCheckoutSessionId as string);
    expect(await expireCheckout(s.tenant, payment.id)).toBe("expired");
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
    expect((await findBooking(database(), s.tenant, payment.bookingId as string))?.status).toBe("cancelled");
    const loser = won[0] === results[0] ? ben : amy;
    await expect(
      payForClass(s.tenant, loser, { occurrenceId: s.yogaClass.id }, { idempotencyKey: crypto.randomUUID() }),
    ).resolves.toMatchObject({ payment: { status: "open" } });
  });

  test("two clients paying for the same session time: one reaches Checkout, the other is told it is taken", async () => {
    const s = await paidStudio();
    const [amy, ben] = [await s.client(0), await s.client(0)];
    const request = { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") };
    const results = await Promise.allSettled(
      [amy, ben].map((c) => payForSession(s.tenant, c, request, { idempotencyKey: crypto.randomUUID() })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === "rejected" ? [r.reason.code] : []))).toEqual(["SLOT_TAKEN"]);
    expect(checkoutRequests()).toHaveLength(1);
    expect(checkoutRequests()[0]?.form).toMatchObject({ "line_items[0][price_data][unit_amount]": "4000" });
  });

  test("Stripe down when Checkout opens: the payment fails, the place is freed, the client is told", async () => {
    const s = await paidStudio({ classCapacity: 1 });
    const amy = await s.client(0);
    stripe.failNext(1);
    await expect(
      payForClass(s.tenant, amy, { occurrenceId: s.yogaClass.id }, { idempotencyKey: crypto.randomUUID() }),
    ).rejects.toMatchObject({
      status: 503,
      code: "PAYMENT_NOT_STARTED",
      message: expect.stringContaining("Nothing was charged"),
    });
    const [payment] = await listPaymentsOfClient(database(), s.tenant, amy.id);
    expect(payment?.status).toBe("failed");
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
  });

  test("a service that takes no credit or has no price is not paid for online", async () => {
    const s = await paidStudio();
    const { services } = s.tenant.t;
    await database().update(services).set({ priceMinor: 0 }).where(eq(services.id, s.yoga.id));
    const amy = await s.client(0);
    await expect(
      payForClass(s.tenant, amy, { occurrenceId: s.yogaClass.id }, { idempotencyKey: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: "NOTHING_TO_PAY" });
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
    expect(checkoutRequests()).toHaveLength(0);
  });
});

describe("the expiry backstop", () => {
  test("a page paid but never reported is settled; one still open is asked about again later; Stripe down is retried", async () => {
    const s = await paidStudio();
    const amy = await s.client(0);
    const { payment } = await payForClass(
      s.tenant,
      amy,
      { occurrenceId: s.yogaClass.id },
      { idempotencyKey: crypto.randomUUID() },
    );
    const sessionId = (await findPayment(database(), s.tenant, payment.id))?.stripeCheckoutSessionId as string;

    expect(await expireCheckout(s.tenant, payment.id)).toBe("still_open");
    expect(await expiryJobs(s.tenant, payment.id)).toHaveLength(2);
    expect(stripe.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/checkout/sessions/${sessionId}` });
    expect(stripe.requests.at(-1)?.headers["stripe-account"]).toBe(s.account.id);

    stripe.failNext(1);
    await expect(expireCheckout(s.tenant, payment.id)).rejects.toThrow();
    expect((await findPayment(database(), s.tenant, payment.id))?.status).toBe("open");

    const session = stripe.sessions.get(sessionId);
    if (session) Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: "pi_backstop" });
    expect(await expireCheckout(s.tenant, payment.id)).toBe("settled");
    expect(await findPayment(database(), s.tenant, payment.id)).toMatchObject({
      status: "succeeded",
      stripePaymentIntentId: "pi_backstop",
    });
    expect((await findBooking(database(), s.tenant, payment.bookingId as string))?.status).toBe("confirmed");
    expect(await expireCheckout(s.tenant, payment.id)).toBe("done");
  });
});
