import type Stripe from "stripe";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findRefundByStripeId, lockPaymentByIntent, updatePayment, updateRefundStatus } from "~/models/payment.server";
import { listStaffAt } from "~/models/staff.server";
import { lockPaymentIntentEvents } from "~/models/stripe-event.server";
import { emailLayout } from "~/services/shared/email-layout";
import { Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment, RefundStatus } from "~db/schema/tenant";
import { recordRefund } from "./refund-record.server";
import { type Applied, createdAt, type EventContext, IGNORED, idOf, type RefundFact } from "./webhook-context";

export const DASHBOARD_REFUND_REASON = "Refunded in Stripe";

/** Stripe's refund statuses as ours: `requires_action` is still on its way; `canceled` never happened. */
function refundStatus(status: string | null): RefundStatus {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending";
}

/**
 * A charge was refunded, here or in Stripe's dashboard: every refund Stripe lists for it is on
 * record once (a refund made in Wondrous already is, by its Stripe id; one still pending here
 * takes Stripe's final status). Before the payment is known and paid, the event waits for it.
 */
export async function applyChargeRefunded({ tx, tenant, event, refunds }: EventContext): Promise<Applied> {
  const charge = event.data.object as Stripe.Charge;
  const intentId = idOf(charge.payment_intent);
  if (!intentId || !refunds) return IGNORED;
  if (charge.metadata?.studio_id && charge.metadata.studio_id !== tenant.studio.id) return IGNORED;
  await lockPaymentIntentEvents(tx, tenant.studio.id, intentId);
  const payment = await lockPaymentByIntent(tx, tenant, intentId);
  if (payment?.status !== "succeeded") return { outcome: "waiting", objectRef: intentId };
  for (const fact of refunds) await recordStripeRefund(tx, tenant, payment, fact);
  return { outcome: "applied", objectRef: intentId };
}

async function recordStripeRefund(tx: Executor, tenant: Tenant, payment: Payment, fact: RefundFact) {
  const status = refundStatus(fact.status);
  const existing = await findRefundByStripeId(tx, tenant, fact.id);
  if (existing) {
    // Only forward: a late event saying "pending" never undoes a final status.
    if (existing.status === "pending" && status !== "pending")
      await updateRefundStatus(tx, tenant, existing.id, status);
    return;
  }
  if (status === "failed") return;
  try {
    await recordRefund(tx, tenant, payment.id, {
      amountMinor: fact.amount,
      reason: DASHBOARD_REFUND_REASON,
      status,
      stripeRefundId: fact.id,
      actorId: null,
    });
  } catch (error) {
    // Stripe's books and ours disagree (more refunded than paid here): nothing to retry.
    if (!(error instanceof Refused)) throw error;
    console.error("stripe refund not recorded", payment.id, fact.id, error.code);
  }
}

/**
 * A client disputed a payment with their bank: the payment is flagged with the bank's reason
 * and the studio's owners are told by email. Before the payment is known, the event waits.
 */
export async function applyDisputeCreated({ tx, tenant, event }: EventContext): Promise<Applied> {
  const dispute = event.data.object as Stripe.Dispute;
  const intentId = idOf(dispute.payment_intent);
  if (!intentId) return IGNORED;
  await lockPaymentIntentEvents(tx, tenant.studio.id, intentId);
  const payment = await lockPaymentByIntent(tx, tenant, intentId);
  if (!payment) return { outcome: "waiting", objectRef: intentId };
  if (payment.disputedAt) return { outcome: "applied", objectRef: intentId };
  const reason = dispute.reason.replaceAll("_", " ");
  await updatePayment(tx, tenant, payment.id, { disputedAt: createdAt(event), disputeReason: reason });
  await tellOwners(tx, tenant, payment, dispute.amount, reason);
  return { outcome: "applied", objectRef: intentId };
}

async function tellOwners(tx: Executor, tenant: Tenant, payment: Payment, amountMinor: number, reason: string) {
  // With no locations asked for, only the owners (who work everywhere) are listed.
  const owners = (await listStaffAt(tx, tenant, [])).filter((u) => u.role === "org_owner" && u.status === "active");
  const amount = formatMoney(amountMinor, payment.currency);
  for (const owner of owners) {
    if (!owner.email) continue;
    const email = emailLayout({
      studioName: tenant.studio.name,
      greeting: `Hello ${owner.fullName.split(" ")[0] ?? ""},`,
      paragraphs: [
        `A client disputed a payment of ${amount} for ${payment.description} with their bank. Reason given: ${reason}.`,
        "Answer the dispute in your Stripe dashboard before its deadline, or the bank may take the money back.",
      ],
      action: { label: "See the payment", url: studioUrl(tenant.studio.slug, `/payments/${payment.id}`) },
    });
    await insertOutboxMessage(tx, tenant, {
      channel: "email",
      recipient: owner.email,
      subject: `A client disputed a payment: ${amount}`,
      body: email.text,
      html: email.html,
      template: "payment_disputed",
      userId: owner.id,
      locationId: payment.locationId,
    });
  }
}
