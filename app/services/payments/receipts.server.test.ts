import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { insertPackage } from "~/models/package.server";
import { insertPayment } from "~/models/payment.server";
import { holdClassForPayment } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import { recordRefund } from "./refund-record.server";
import { settlePayment } from "./settle.server";

const outboxOf = (tenant: Tenant, userId: string) =>
  database().select().from(tenant.t.outboxMessages).where(eq(tenant.t.outboxMessages.userId, userId));

/** A client paying £39.00 online for a five-class pack. */
async function packBought() {
  const s = await bookingStudio();
  const client = await s.client(0);
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 3900,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
  const payment = await insertPayment(database(), s.tenant, {
    clientId: client.id,
    kind: "package",
    method: "online_card",
    status: "open",
    amountMinor: 3900,
    currency: "GBP",
    applicationFeeMinor: 113,
    description: pack.name,
    packageId: pack.id,
    takenById: client.id,
  });
  return { ...s, client, payment };
}

const addressOf = (a: { line1: string; line2?: string; city: string; postcode: string }) =>
  [a.line1, a.line2, a.city, a.postcode].filter(Boolean).join(", ");

describe("emailed receipts", () => {
  test("a settled payment queues exactly one receipt, to the client, with the purchase in full", async () => {
    const s = await packBought();
    const at = new Date("2026-06-12T17:30:00Z");
    for (let i = 0; i < 2; i++) await database().transaction((tx) => settlePayment(tx, s.tenant, s.payment.id, { at }));
    const rows = await outboxOf(s.tenant, s.client.id);
    expect(rows).toHaveLength(1);
    const [email] = rows;
    expect(email).toMatchObject({
      channel: "email",
      recipient: s.client.email,
      template: "payment_receipt",
      subject: `Your receipt from ${s.tenant.studio.name}: £39.00`,
    });
    const expires = DateTime.fromJSDate(new Date(at.getTime() + 60 * 86_400_000), { zone: s.main.timezone })
      .setLocale("en-GB")
      .toFormat("cccc d LLLL yyyy");
    expect(email?.body).toContain(`Five classes\n5 credits, valid for 60 days, until ${expires}`);
    expect(email?.body).toContain("Total paid £39.00\nPaid by card online on Friday 12 June 2026 at 18:30");
    expect(email?.body).toContain(`/payments/${s.payment.id}`);
    expect(email?.body).toContain(`${s.tenant.studio.name}\n${addressOf(s.main.address)}`);
    expect(email?.html).toContain("Total paid £39.00");
  });

  test("a recorded refund queues one refund receipt with what remains and the credits taken back", async () => {
    const s = await packBought();
    await database().transaction((tx) => settlePayment(tx, s.tenant, s.payment.id, { at: new Date() }));
    const refund = (tx: Executor) =>
      recordRefund(tx, s.tenant, s.payment.id, {
        amountMinor: 1950,
        reason: "Moved away",
        status: "pending",
        stripeRefundId: "re_receipt",
        actorId: null,
      });
    const rollback = new Error("rolled back");
    await expect(
      database().transaction(async (tx) => {
        await refund(tx);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const receipts = async () => (await outboxOf(s.tenant, s.client.id)).filter((m) => m.template === "refund_receipt");
    expect(await receipts()).toHaveLength(0);
    await database().transaction(refund);
    const refunds = await receipts();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      recipient: s.client.email,
      subject: `Your refund from ${s.tenant.studio.name}: £19.50`,
    });
    expect(refunds[0]?.body).toContain("Refunded in all £19.50; £19.50 remains paid.");
    expect(refunds[0]?.body).toContain("3 credits not yet used were taken back.");
    expect(refunds[0]?.body).toContain("The money reaches your card in 5 to 10 working days.");
  });

  test("a booking's receipt names the class, its time and place; it rolls back with the payment", async () => {
    const s = await bookingStudio();
    const client = await s.client(0);
    let paymentId = "";
    await holdClassForPayment(s.tenant, client, { occurrenceId: s.yogaClass.id }, {}, async (tx, b) => {
      const payment = await insertPayment(tx, s.tenant, {
        clientId: client.id,
        kind: "booking",
        method: "online_card",
        status: "open",
        amountMinor: 1200,
        currency: "GBP",
        description: "Yoga",
        bookingId: b.id,
        locationId: b.locationId,
        takenById: client.id,
      });
      paymentId = payment.id;
    });
    const rollback = new Error("rolled back");
    await expect(
      database().transaction(async (tx) => {
        await settlePayment(tx, s.tenant, paymentId, { at: new Date() });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const receipts = async () => (await outboxOf(s.tenant, client.id)).filter((m) => m.template === "payment_receipt");
    expect(await receipts()).toHaveLength(0);

    await database().transaction((tx) => settlePayment(tx, s.tenant, paymentId, { at: new Date() }));
    const [email, ...more] = await receipts();
    expect(more).toHaveLength(0);
    const day = DateTime.fromJSDate(s.yogaClass.startsAt, { zone: s.main.timezone }).setLocale("en-GB");
    expect(email?.body).toContain(
      `Yoga\nYoga, ${day.toFormat("cccc d LLLL yyyy")}, 18:00–19:00\n${s.main.name}, ${addressOf(s.main.address)}`,
    );
    expect(email?.bookingId).toBeTruthy();
  });
});
