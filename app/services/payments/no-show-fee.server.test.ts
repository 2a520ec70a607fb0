import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { findBooking, updateBooking } from "~/models/booking.server";
import { saveClientCard } from "~/models/client-card.server";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { listPaymentsOfClient } from "~/models/payment.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import type { User } from "~db/schema/tenant";
import { type FakePaymentMethod, type FakeStripe, withFakeStripe } from "./fake-stripe.test-helper";
import { chargeNoShowFee } from "./no-show-fee.server";
import { receiveStripeEvent } from "./webhooks.server";

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});
beforeEach(() => {
  stripe.requests.length = 0;
});

/**
 * A studio connected to Stripe that charges £10 for a no-show, and a client booked into its
 * Monday Yoga class and marked a no-show by the owner; with a card on file unless `card: null`.
 */
async function noShow(card: Partial<FakePaymentMethod["card"]> | null = {}) {
  const s = await bookingStudio();
  const account = stripe.connectedAccount();
  await database()
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
    .where(eq(organizations.id, s.tenant.studio.id));
  await database()
    .update(s.tenant.t.studioSettings)
    .set({ noShowRule: "charge_fee", noShowFeeMinor: 1000 })
    .where(eq(s.tenant.t.studioSettings.id, 1));
  const client: User = await s.client(1);
  const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
  await updateBooking(database(), s.tenant, booking.id, {
    status: "no_show",
    attendanceMarkedAt: new Date(),
    attendanceMarkedById: s.owner.id,
  });
  const kept = card ? stripe.customerWithCard(account.id, card) : null;
  if (kept) {
    const { brand, last4, exp_month, exp_year } = kept.method.card;
    await saveClientCard(database(), s.tenant, {
      clientId: client.id,
      stripeCustomerId: kept.customer,
      stripePaymentMethodId: kept.method.id,
      brand,
      last4,
      expMonth: exp_month,
      expYear: exp_year,
    });
  }
  const payments = () => listPaymentsOfClient(database(), s.tenant, client.id);
  const emails = async () =>
    (await listRecentOutboxMessages(database(), s.tenant, 50)).filter((m) => m.userId === client.id);
  return { ...s, account, client, booking, kept, payments, emails };
}

const intentRequests = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/payment_intents");

describe("charging a no-show fee", () => {
  test("one off-session charge to the card on file, on the studio's account, even when the job runs twice", async () => {
    const s = await noShow();
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("charged");
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("not_due");
    const [payment, ...others] = await s.payments();
    expect(others.filter((p) => p.kind === "no_show_fee")).toEqual([]);
    expect(payment).toMatchObject({
      kind: "no_show_fee",
      method: "online_card",
      status: "succeeded",
      amountMinor: 1000,
      currency: "GBP",
      applicationFeeMinor: 29,
      bookingId: s.booking.id,
      locationId: s.main.id,
      takenById: s.owner.id,
      description: expect.stringMatching(/^No-show fee: Yoga, Mon \d{1,2} \w{3} 18:00$/),
    });
    expect(payment?.stripePaymentIntentId).toMatch(/^pi_/);
    expect(payment?.stripeChargeId).toMatch(/^ch_/);
    expect((await findBooking(database(), s.tenant, s.booking.id))?.noShowFeePaymentId).toBe(payment?.id);
    const [request, ...more] = intentRequests();
    expect(more).toEqual([]);
    expect(request?.headers["stripe-account"]).toBe(s.account.id);
    expect(request?.headers["idempotency-key"]).toBe(`no-show-fee-${s.booking.id}`);
    expect(request?.form).toEqual({
      amount: "1000",
      currency: "gbp",
      customer: s.kept?.customer,
      payment_method: s.kept?.method.id,
      "automatic_payment_methods[enabled]": "true",
      "automatic_payment_methods[allow_redirects]": "never",
      off_session: "true",
      confirm: "true",
      application_fee_amount: "29",
      description: payment?.description,
      "metadata[studio_id]": s.tenant.studio.id,
      "metadata[payment_id]": payment?.id,
      "metadata[client_id]": s.client.id,
      "metadata[kind]": "no_show_fee",
      "metadata[booking_id]": s.booking.id,
    });
    const receipts = (await s.emails()).filter((m) => m.template === "payment_receipt");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.body).toContain("No-show fee: Yoga");
  });

  test("Stripe unreachable: the job throws and its retry charges the same payment, once", async () => {
    const s = await noShow();
    stripe.failNext(1);
    await expect(chargeNoShowFee(s.tenant, s.booking.id)).rejects.toThrow();
    expect(await s.payments()).toMatchObject([{ kind: "no_show_fee", status: "open" }]);
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("charged");
    expect(await s.payments()).toMatchObject([{ kind: "no_show_fee", status: "succeeded" }]);
    const keys = intentRequests().map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual([`no-show-fee-${s.booking.id}`, `no-show-fee-${s.booking.id}`]);
  });

  test("a declined card: the payment fails with the reason in words and the client is emailed once", async () => {
    const s = await noShow({ last4: "0002" });
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("failed");
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("not_due");
    const [payment] = await s.payments();
    expect(payment).toMatchObject({
      kind: "no_show_fee",
      status: "failed",
      failureMessage: "The card was declined.",
      stripePaymentIntentId: expect.stringMatching(/^pi_/),
    });
    // Stripe's own payment_intent.payment_failed arriving after the job's answer changes nothing.
    const failed = stripe.events.find((e) => e.type === "payment_intent.payment_failed");
    await receiveStripeEvent(failed!);
    const told = (await s.emails()).filter((m) => m.template === "no_show_fee_failed");
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toBe("Your no-show fee of £10.00 could not be charged");
    expect(told[0]?.body).toContain("The card was declined.");
    expect(told[0]?.body).toContain("Please pay the fee at the front desk");
    expect((await s.emails()).filter((m) => m.template === "payment_receipt")).toEqual([]);
  });

  test("a card whose bank wants the cardholder to confirm fails with that reason", async () => {
    const s = await noShow({ last4: "3184" });
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("failed");
    expect((await s.payments())[0]?.failureMessage).toMatch(/confirmed by the cardholder/);
  });

  test("no card on file, a booking no longer a no-show, or a rule that no longer charges: nothing is charged", async () => {
    const noCard = await noShow(null);
    expect(await chargeNoShowFee(noCard.tenant, noCard.booking.id)).toBe("no_card");
    expect(await noCard.payments()).toEqual([]);

    const attended = await noShow();
    await updateBooking(database(), attended.tenant, attended.booking.id, { status: "completed" });
    expect(await chargeNoShowFee(attended.tenant, attended.booking.id)).toBe("not_due");

    const forfeit = await noShow();
    await database()
      .update(forfeit.tenant.t.studioSettings)
      .set({ noShowRule: "forfeit_credit" })
      .where(eq(forfeit.tenant.t.studioSettings.id, 1));
    expect(await chargeNoShowFee(forfeit.tenant, forfeit.booking.id)).toBe("not_due");
    expect(intentRequests()).toEqual([]);
    expect([...(await attended.payments()), ...(await forfeit.payments())]).toEqual([]);
  });
});

describe("the fee's result by webhook", () => {
  test("a success that arrives only by webhook settles the payment once", async () => {
    const s = await noShow();
    const before = stripe.events.length;
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("charged");
    // As if the job had never heard Stripe's answer: the payment open again, no receipt yet.
    const [paid] = await s.payments();
    await database()
      .update(s.tenant.t.payments)
      .set({ status: "open", paidAt: null, stripePaymentIntentId: null, stripeChargeId: null })
      .where(eq(s.tenant.t.payments.id, paid!.id));
    await database().delete(s.tenant.t.outboxMessages).where(eq(s.tenant.t.outboxMessages.userId, s.client.id));
    const succeeded = stripe.events.slice(before).find((e) => e.type === "payment_intent.succeeded")!;
    expect((await receiveStripeEvent(succeeded)).outcome).toBe("applied");
    expect((await receiveStripeEvent(succeeded)).duplicate).toBe(true);
    expect(await s.payments()).toMatchObject([{ id: paid!.id, status: "succeeded", stripeChargeId: /^ch_/ }]);
    expect((await s.emails()).filter((m) => m.template === "payment_receipt")).toHaveLength(1);
    // The job run again finds the fee already charged.
    expect(await chargeNoShowFee(s.tenant, s.booking.id)).toBe("not_due");
    expect(intentRequests()).toHaveLength(1);
  });
});
