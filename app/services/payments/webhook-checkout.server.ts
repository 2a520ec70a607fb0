import type Stripe from "stripe";
import { lockPayment, updatePayment } from "~/models/payment.server";
import { lockPaymentIntentEvents } from "~/models/stripe-event.server";
import { keepCard } from "./card-from-checkout.server";
import { failNoShowFee, refusalWords } from "./no-show-fee-failed.server";
import { endPayment, settlePayment } from "./settle.server";
import { type Applied, createdAt, type EventContext, IGNORED, idOf, paymentIdOf } from "./webhook-context";
import { applyWaitingEvents } from "./webhook-waiting.server";

export const CHECKOUT_EXPIRED = "The payment page expired before the payment was made.";
export const CARD_DECLINED = "The card was declined.";

/**
 * The client finished Checkout. Paid: the payment succeeds (credits granted or the held place
 * confirmed). Not yet paid (a slower payment method): its PaymentIntent is linked so later
 * events find it. Either way, events that waited for that PaymentIntent are applied now (its
 * lock is taken before the payment's, as the events that wait take them).
 */
export async function applyCheckoutCompleted(context: EventContext): Promise<Applied> {
  const { tx, tenant, event } = context;
  const session = event.data.object as Stripe.Checkout.Session;
  const paymentId = paymentIdOf(tenant, session.metadata, session.client_reference_id);
  if (!paymentId) return IGNORED;
  const intentId = idOf(session.payment_intent);
  if (intentId) await lockPaymentIntentEvents(tx, tenant.studio.id, intentId);
  const payment =
    session.payment_status === "paid"
      ? await settlePayment(tx, tenant, paymentId, { at: createdAt(event), paymentIntentId: intentId })
      : await linkIntent(context, paymentId, intentId);
  if (!payment) return IGNORED;
  if (context.card && payment.status === "succeeded") await keepCard(tx, tenant, payment, context.card);
  if (intentId) await applyWaitingEvents(context, intentId);
  return { outcome: "applied", objectRef: payment.id };
}

async function linkIntent({ tx, tenant }: EventContext, paymentId: string, intentId: string | null) {
  const payment = await lockPayment(tx, tenant, paymentId);
  if (!payment || !intentId || payment.stripePaymentIntentId) return payment;
  return updatePayment(tx, tenant, payment.id, { stripePaymentIntentId: intentId });
}

/** The Checkout page expired unpaid: the payment ends and any place it held is freed. */
export async function applyCheckoutExpired({ tx, tenant, event }: EventContext): Promise<Applied> {
  const session = event.data.object as Stripe.Checkout.Session;
  const paymentId = paymentIdOf(tenant, session.metadata, session.client_reference_id);
  if (!paymentId) return IGNORED;
  const payment = await endPayment(tx, tenant, paymentId, "expired", CHECKOUT_EXPIRED);
  return payment ? { outcome: "applied", objectRef: payment.id } : IGNORED;
}

/** The money arrived: the payment succeeds, with its charge id for refunds and disputes. */
export async function applyIntentSucceeded(context: EventContext): Promise<Applied> {
  const { tx, tenant, event } = context;
  const intent = event.data.object as Stripe.PaymentIntent;
  const paymentId = paymentIdOf(tenant, intent.metadata);
  if (!paymentId) return IGNORED;
  await lockPaymentIntentEvents(tx, tenant.studio.id, intent.id);
  const payment = await settlePayment(tx, tenant, paymentId, {
    at: createdAt(event),
    paymentIntentId: intent.id,
    chargeId: idOf(intent.latest_charge),
  });
  if (!payment) return IGNORED;
  await applyWaitingEvents(context, intent.id);
  return { outcome: "applied", objectRef: payment.id };
}

/**
 * A card was declined. Checkout lets the client try another card until the page expires, so
 * the payment stays open (and its place held); the reason is kept to show them. A no-show fee
 * charged off session has no second try: it fails and the client is told (once, whichever of
 * this event and the job's own answer from Stripe comes first).
 */
export async function applyIntentFailed({ tx, tenant, event }: EventContext): Promise<Applied> {
  const intent = event.data.object as Stripe.PaymentIntent;
  const paymentId = paymentIdOf(tenant, intent.metadata);
  if (!paymentId) return IGNORED;
  const payment = await lockPayment(tx, tenant, paymentId);
  if (!payment) return IGNORED;
  if (payment.kind === "no_show_fee") {
    const error = intent.last_payment_error;
    const reason = refusalWords({ code: error?.code, declineCode: error?.decline_code, message: error?.message });
    await failNoShowFee(tx, tenant, payment.id, reason, intent.id);
  } else if (payment.status === "open")
    await updatePayment(tx, tenant, payment.id, {
      failureMessage: intent.last_payment_error?.message ?? CARD_DECLINED,
    });
  return { outcome: "applied", objectRef: payment.id };
}
