import { insertLedgerEntries, lockCreditGrant } from "~/models/credit.server";
import { findPackage } from "~/models/package.server";
import { findRefundByStripeId, insertRefund, lockPayment } from "~/models/payment.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { NotFound, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment, Refund, RefundStatus } from "~db/schema/tenant";
import { queueRefundReceipt } from "./receipts.server";

export type RefundRecord = {
  amountMinor: number;
  reason: string;
  /** As Stripe answered (`succeeded` or `pending`); a cash or terminal refund is `succeeded`. */
  status: RefundStatus;
  stripeRefundId?: string | null;
  /** Who refunded in Wondrous; null for a refund made in Stripe's dashboard. */
  actorId: string | null;
};

/** The unused credits a refund of `amountMinor` takes back: its share of the package, rounded up. */
export function creditsTakenBack(packageCredits: number, paymentMinor: number, refundMinor: number, remaining: number) {
  return Math.min(remaining, Math.ceil((packageCredits * refundMinor) / paymentMinor));
}

/**
 * Writes a refund of a paid payment, once, in the caller's transaction (the payment's row lock
 * orders a refund from the page and the same refund arriving by `charge.refunded`): a refund
 * Stripe id already on record is returned as it is. When the studio's setting says so
 * (`refund_removes_credits`), the payment's package gives back its unused credits in proportion
 * to the amount. The client gets a receipt for it.
 */
export async function recordRefund(
  tx: Executor,
  tenant: Tenant,
  paymentId: string,
  record: RefundRecord,
): Promise<{ refund: Refund; payment: Payment; created: boolean }> {
  const payment = await lockPayment(tx, tenant, paymentId);
  if (!payment) throw new NotFound("There is no such payment.");
  if (record.stripeRefundId) {
    const existing = await findRefundByStripeId(tx, tenant, record.stripeRefundId);
    if (existing) return { refund: existing, payment, created: false };
  }
  if (payment.status !== "succeeded")
    throw new Refused(409, "NOT_PAID", "Only a payment that went through can be refunded.");
  const refundable = payment.amountMinor - payment.refundedMinor;
  if (!Number.isInteger(record.amountMinor) || record.amountMinor <= 0 || record.amountMinor > refundable)
    throw new Refused(
      422,
      "REFUND_TOO_LARGE",
      refundable === 0
        ? "This payment has already been refunded in full."
        : `At most ${formatMoney(refundable, payment.currency)} of this payment can still be refunded.`,
    );
  const creditsRemoved = record.status === "failed" ? 0 : await takeBackCredits(tx, tenant, payment, record);
  const refund = await insertRefund(tx, tenant, {
    paymentId: payment.id,
    amountMinor: record.amountMinor,
    status: record.status,
    reason: record.reason,
    creditsRemoved,
    stripeRefundId: record.stripeRefundId ?? null,
    actorId: record.actorId,
  });
  if (!refund) throw new Error(`refund ${record.stripeRefundId} appeared under the payment's lock`);
  const refreshed = { ...payment, refundedMinor: payment.refundedMinor + refund.amountMinor };
  if (refund.status !== "failed") await queueRefundReceipt(tx, tenant, refreshed, refund);
  return { refund, payment: refreshed, created: true };
}

async function takeBackCredits(tx: Executor, tenant: Tenant, payment: Payment, record: RefundRecord) {
  if (!payment.creditGrantId || !payment.packageId) return 0;
  const settings = await findStudioSettings(tx, tenant);
  if (!settings.refundRemovesCredits) return 0;
  const [grant, pack] = await Promise.all([
    lockCreditGrant(tx, tenant, payment.creditGrantId),
    findPackage(tx, tenant, payment.packageId),
  ]);
  if (!grant || !pack) return 0;
  const taken = creditsTakenBack(pack.credits, payment.amountMinor, record.amountMinor, grant.remaining);
  if (taken > 0)
    await insertLedgerEntries(tx, tenant, [
      {
        clientId: payment.clientId,
        grantId: grant.id,
        bookingId: null,
        delta: -taken,
        kind: "adjustment",
        reason: `Refunded ${formatMoney(record.amountMinor, payment.currency)}: ${record.reason}`,
        actorId: record.actorId,
      },
    ]);
  return taken;
}
