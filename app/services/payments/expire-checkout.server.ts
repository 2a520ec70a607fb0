import { findStudioById } from "~/models/organization.server";
import { findPayment } from "~/models/payment.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Payment } from "~db/schema/tenant";
import { enqueue } from "../../../jobs/enqueue";
import { EXPIRE_CHECKOUT } from "../../../jobs/queues";
import { endPayment, settlePayment } from "./settle.server";
import { stripeClient } from "./stripe.server";

export type ExpireCheckoutJob = { studioId: string; paymentId: string };

export const CHECKOUT_EXPIRED = "The payment page expired before the payment was made.";

/** How long to wait before asking again about a page Stripe still calls open past its expiry. */
const ASK_AGAIN_MS = 5 * 60_000;

/** The expiry job looks at an open payment this long after its Checkout page should have closed. */
const EXPIRY_GRACE_MS = 2 * 60_000;

/** Queues the backstop for an open Checkout payment, in the transaction that writes it. */
export async function queueCheckoutExpiry(tx: Executor, tenant: Tenant, payment: Payment) {
  if (!payment.expiresAt) throw new Error(`payment ${payment.id} has no Checkout expiry`);
  const job: ExpireCheckoutJob = { studioId: tenant.studio.id, paymentId: payment.id };
  await enqueue(tx, EXPIRE_CHECKOUT, job, { startAfter: new Date(payment.expiresAt.getTime() + EXPIRY_GRACE_MS) });
}

/**
 * The backstop for a Checkout page whose webhook never came (missed, or the endpoint down): after
 * the page's expiry, a payment still open is settled or ended from what Stripe says about its
 * session now. Stripe unreachable throws, and the job is retried; the place stays held meanwhile.
 */
export async function expireCheckout(tenant: Tenant, paymentId: string, now = new Date()) {
  const payment = await findPayment(database(), tenant, paymentId);
  if (payment?.status !== "open") return "done";
  const said = await settleFromCheckout(tenant, payment, now);
  if (said === "no_page") {
    // No page was ever opened (or this deployment lost its keys): nothing can be paid any more.
    await database().transaction((tx) => endPayment(tx, tenant, payment.id, "expired", CHECKOUT_EXPIRED));
    return "expired";
  }
  if (said !== "still_open") return said;
  await database().transaction((tx) =>
    enqueue(tx, EXPIRE_CHECKOUT, { studioId: tenant.studio.id, paymentId: payment.id } satisfies ExpireCheckoutJob, {
      startAfter: new Date(now.getTime() + ASK_AGAIN_MS),
    }),
  );
  return "still_open";
}

/**
 * Asks Stripe about an open payment's Checkout session and applies its answer as the webhook
 * would (both steps are idempotent): paid settles it, expired ends it; "still_open" changes
 * nothing, "no_page" when there is no session to ask about. Stripe unreachable throws.
 */
export async function settleFromCheckout(tenant: Tenant, payment: Payment, now = new Date()) {
  const stripe = stripeClient();
  const studio = await findStudioById(database(), tenant.studio.id);
  if (!stripe || !payment.stripeCheckoutSessionId || !studio?.stripeAccountId) return "no_page";
  const session = await stripe.checkout.sessions.retrieve(payment.stripeCheckoutSessionId, undefined, {
    stripeAccount: studio.stripeAccountId,
  });
  if (session.status === "complete" && session.payment_status === "paid") {
    const intent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
    await database().transaction((tx) => settlePayment(tx, tenant, payment.id, { at: now, paymentIntentId: intent }));
    return "settled";
  }
  if (session.status === "expired") {
    await database().transaction((tx) => endPayment(tx, tenant, payment.id, "expired", CHECKOUT_EXPIRED));
    return "expired";
  }
  return "still_open";
}
