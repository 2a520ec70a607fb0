import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findOccurrence } from "~/models/occurrence.server";
import { insertPackage } from "~/models/package.server";
import { findPayment, insertPayment } from "~/models/payment.server";
import { holdClassForPayment } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import { recordRefund } from "./refund-record.server";
import { endPayment, PAID_AFTER_RELEASE, settlePayment } from "./settle.server";

/** A client holds the only place of a one-place class while paying £12 for it. */
async function heldPlace() {
  const s = await bookingStudio({ classCapacity: 1 });
  const [payer, other] = [await s.client(0), await s.client(1)];
  let paymentId = "";
  const { booking } = await holdClassForPayment(
    s.tenant,
    payer,
    { occurrenceId: s.yogaClass.id },
    {},
    async (tx, b) => {
      const payment = await insertPayment(tx, s.tenant, {
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
        expiresAt: new Date(Date.now() + 30 * 60_000),
      });
      paymentId = payment.id;
    },
  );
  const places = async () => (await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots;
  return { ...s, payer, other, booking, paymentId, places };
}

describe("a place held while the client pays", () => {
  test("counts against capacity: nobody else can take it meanwhile", async () => {
    const s = await heldPlace();
    expect(s.booking.status).toBe("awaiting_payment");
    expect(await s.places()).toBe(1);
    await expect(
      holdClassForPayment(s.tenant, s.other, { occurrenceId: s.yogaClass.id }, {}, async () => {}),
    ).rejects.toMatchObject({ code: "CLASS_FULL" });
  });

  test("settling confirms it once; a repeat changes nothing", async () => {
    const s = await heldPlace();
    const at = new Date();
    await database().transaction((tx) => settlePayment(tx, s.tenant, s.paymentId, { at, paymentIntentId: "pi_1" }));
    await database().transaction((tx) => settlePayment(tx, s.tenant, s.paymentId, { at, chargeId: "ch_1" }));
    const payment = await findPayment(database(), s.tenant, s.paymentId);
    expect(payment).toMatchObject({ status: "succeeded", stripePaymentIntentId: "pi_1", stripeChargeId: "ch_1" });
    expect((await findBooking(database(), s.tenant, s.booking.id))?.status).toBe("confirmed");
    expect(await s.places()).toBe(1);
  });

  test("an expired payment frees the place; paying after that flags the payment", async () => {
    const s = await heldPlace();
    await database().transaction((tx) => endPayment(tx, s.tenant, s.paymentId, "expired", "Payment page expired"));
    expect((await findBooking(database(), s.tenant, s.booking.id))?.status).toBe("cancelled");
    expect(await s.places()).toBe(0);
    await database().transaction((tx) => settlePayment(tx, s.tenant, s.paymentId, { at: new Date() }));
    const payment = await findPayment(database(), s.tenant, s.paymentId);
    expect(payment).toMatchObject({ status: "succeeded", needsAttention: PAID_AFTER_RELEASE });
    expect(await s.places()).toBe(0);
  });
});

describe("a package paid for", () => {
  test("grants its credits once, valid from the payment", async () => {
    const s = await bookingStudio();
    const client = await s.client(0);
    const pack = await insertPackage(database(), s.tenant, {
      name: "Five classes",
      credits: 5,
      priceMinor: 5000,
      validDays: 60,
      locationIds: [],
      serviceIds: [],
    });
    const payment = await insertPayment(database(), s.tenant, {
      clientId: client.id,
      kind: "package",
      method: "online_card",
      status: "open",
      amountMinor: 5000,
      currency: "GBP",
      applicationFeeMinor: 145,
      description: pack.name,
      packageId: pack.id,
      takenById: client.id,
    });
    for (let i = 0; i < 2; i++)
      await database().transaction((tx) => settlePayment(tx, s.tenant, payment.id, { at: new Date() }));
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(5);
    expect((await findPayment(database(), s.tenant, payment.id))?.creditGrantId).toBeTruthy();
  });

  test("a refund takes back its share of the unused credits, once per Stripe refund", async () => {
    const s = await bookingStudio();
    const client = await s.client(0);
    const pack = await insertPackage(database(), s.tenant, {
      name: "Five classes",
      credits: 5,
      priceMinor: 5000,
      validDays: 60,
      locationIds: [],
      serviceIds: [],
    });
    const payment = await insertPayment(database(), s.tenant, {
      clientId: client.id,
      kind: "package",
      method: "online_card",
      status: "open",
      amountMinor: 5000,
      currency: "GBP",
      description: pack.name,
      packageId: pack.id,
      takenById: client.id,
    });
    await database().transaction((tx) => settlePayment(tx, s.tenant, payment.id, { at: new Date() }));
    const half = { amountMinor: 2500, reason: "Moved away", status: "succeeded" as const, actorId: null };
    for (let i = 0; i < 2; i++)
      await database().transaction((tx) => recordRefund(tx, s.tenant, payment.id, { ...half, stripeRefundId: "re_1" }));
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(2);
    expect((await findPayment(database(), s.tenant, payment.id))?.refundedMinor).toBe(2500);
    await expect(
      database().transaction((tx) => recordRefund(tx, s.tenant, payment.id, { ...half, amountMinor: 2501 })),
    ).rejects.toMatchObject({ code: "REFUND_TOO_LARGE" });
  });
});
