import { findCreditGrant } from "~/models/credit.server";
import { findPackage } from "~/models/package.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Payment, User } from "~db/schema/tenant";
import { settleFromCheckout } from "./expire-checkout.server";
import { requireVisiblePayment } from "./payment-page.server";

/** A payment's state as an app shows it: "pending" until Stripe's word arrives, then the outcome. */
export type PaymentState = "pending" | "paid" | "partially_refunded" | "refunded" | "failed" | "expired";

export function paymentStateOf(payment: Payment): PaymentState {
  if (payment.status === "open") return "pending";
  if (payment.status !== "succeeded") return payment.status;
  if (payment.refundedMinor >= payment.amountMinor) return "refunded";
  return payment.refundedMinor > 0 ? "partially_refunded" : "paid";
}

/** What the payment gave once paid: the package's credits, or the held booking confirmed. */
async function grantedBy(tenant: Tenant, payment: Payment) {
  if (payment.status !== "succeeded") return { credits: null, bookingId: null };
  const db = database();
  const [grant, pack] = await Promise.all([
    payment.creditGrantId ? findCreditGrant(db, tenant, payment.creditGrantId) : undefined,
    payment.packageId ? findPackage(db, tenant, payment.packageId) : undefined,
  ]);
  return {
    credits:
      grant && pack ? { grantId: grant.id, credits: pack.credits, expiresAt: grant.expiresAt.toISOString() } : null,
    // A place released before the money came is not taken back: the payment is flagged instead.
    bookingId: payment.bookingId && !payment.needsAttention ? payment.bookingId : null,
  };
}

/**
 * Where a payment stands, for its payer or staff who may see it (anyone else: not found). This
 * grants nothing itself: Stripe's webhook does. While it is open, Stripe is asked about its
 * Checkout session and a missed answer applied as the webhook would have (the expiry backstop's
 * code); Stripe unreachable leaves it pending.
 */
export async function paymentState(tenant: Tenant, actor: User, paymentId: string, now = new Date()) {
  let payment = await requireVisiblePayment(tenant, actor, paymentId);
  if (payment.status === "open") {
    try {
      const said = await settleFromCheckout(tenant, payment, now);
      if (said === "settled" || said === "expired") payment = await requireVisiblePayment(tenant, actor, paymentId);
    } catch (error) {
      console.error("stripe checkout session not read", payment.id, error);
    }
  }
  const pageOpen =
    payment.status === "open" &&
    payment.stripeCheckoutUrl !== null &&
    (payment.expiresAt?.getTime() ?? 0) > now.getTime();
  return {
    payment: {
      id: payment.id,
      kind: payment.kind,
      status: paymentStateOf(payment),
      amountMinor: payment.amountMinor,
      refundedMinor: payment.refundedMinor,
      currency: payment.currency,
      paidAt: payment.paidAt?.toISOString() ?? null,
      failure: payment.failureMessage,
    },
    granted: await grantedBy(tenant, payment),
    checkoutUrl: pageOpen ? payment.stripeCheckoutUrl : null,
  };
}
