import { insertCreditGrant, insertLedgerEntries } from "~/models/credit.server";
import { findPackage } from "~/models/package.server";
import { lockPayment, updatePayment } from "~/models/payment.server";
import { confirmHeldBooking, releaseHeldBooking } from "~/services/booking/engine.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment } from "~db/schema/tenant";
import { queuePaymentReceipt } from "./receipts.server";

const DAY_MS = 86_400_000;

/** What Stripe (or the desk) said about the money; ids fill in whatever the payment lacks. */
export type SettlementFacts = { at: Date; paymentIntentId?: string | null; chargeId?: string | null };

export const PAID_AFTER_RELEASE =
  "Paid after the place it held was released. Refund the client or book them in by hand.";

/**
 * The money arrived (Stripe said so by webhook, or staff took it at the desk): the payment
 * succeeds and what it bought is given, once, in the caller's transaction: a package's credits
 * granted, a held booking confirmed, and the receipt queued. Repeats (a second webhook for the
 * same payment, the other of `checkout.session.completed` and `payment_intent.succeeded`) only
 * fill in ids still missing. A payment that expired first still succeeds (the money is real);
 * its released place is not taken back from whoever has it since, so it is flagged instead.
 */
export async function settlePayment(
  tx: Executor,
  tenant: Tenant,
  paymentId: string,
  facts: SettlementFacts,
): Promise<Payment | undefined> {
  const payment = await lockPayment(tx, tenant, paymentId);
  if (!payment) return undefined;
  const ids = {
    ...(facts.paymentIntentId && !payment.stripePaymentIntentId
      ? { stripePaymentIntentId: facts.paymentIntentId }
      : {}),
    ...(facts.chargeId && !payment.stripeChargeId ? { stripeChargeId: facts.chargeId } : {}),
  };
  if (payment.status === "succeeded")
    return Object.keys(ids).length ? updatePayment(tx, tenant, payment.id, ids) : payment;

  const given: Parameters<typeof updatePayment>[3] = {};
  if (payment.kind === "package" && payment.packageId && !payment.creditGrantId) {
    given.creditGrantId = await grantPackageCredits(tx, tenant, payment, facts.at);
  }
  if (payment.kind === "booking" && payment.bookingId) {
    const confirmed = await confirmHeldBooking(tx, tenant, payment.bookingId, facts.at);
    if (!confirmed) given.needsAttention = PAID_AFTER_RELEASE;
  }
  const settled = await updatePayment(tx, tenant, payment.id, {
    ...ids,
    ...given,
    status: "succeeded",
    paidAt: facts.at,
    failureMessage: null,
  });
  if (settled) await queuePaymentReceipt(tx, tenant, settled);
  return settled;
}

async function grantPackageCredits(tx: Executor, tenant: Tenant, payment: Payment, at: Date) {
  const pack = await findPackage(tx, tenant, payment.packageId as string);
  if (!pack) throw new Error(`payment ${payment.id} names a package that does not exist`);
  const grant = await insertCreditGrant(tx, tenant, {
    clientId: payment.clientId,
    packageId: pack.id,
    name: pack.name,
    locationIds: pack.locationIds,
    serviceIds: pack.serviceIds,
    expiresAt: new Date(at.getTime() + pack.validDays * DAY_MS),
  });
  await insertLedgerEntries(tx, tenant, [
    {
      clientId: payment.clientId,
      grantId: grant.id,
      bookingId: null,
      delta: pack.credits,
      kind: "grant",
      reason: `Bought ${pack.name}`,
      actorId: payment.takenById,
    },
  ]);
  return grant.id;
}

/**
 * The money did not arrive: Checkout expired (`expired`) or could not be started (`failed`). An
 * open payment ends with the reason and any place it held is freed at once; a payment that
 * already succeeded or ended stays as it is (events may come in any order).
 */
export async function endPayment(
  tx: Executor,
  tenant: Tenant,
  paymentId: string,
  outcome: "expired" | "failed",
  message: string,
): Promise<Payment | undefined> {
  const payment = await lockPayment(tx, tenant, paymentId);
  if (payment?.status !== "open") return payment;
  if (payment.bookingId) await releaseHeldBooking(tx, tenant, payment.bookingId, message);
  return updatePayment(tx, tenant, payment.id, { status: outcome, failureMessage: message });
}
