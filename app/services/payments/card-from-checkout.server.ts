import type Stripe from "stripe";
import { saveClientCard } from "~/models/client-card.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment } from "~db/schema/tenant";
import { stripeClient } from "./stripe.server";
import { type CardFact, idOf } from "./webhook-context";

/** The card a client kept on file at Checkout, as Stripe holds it on the studio's account. */

/** Whether a completed Checkout asked to keep its card (the client ticked the box) and was paid. */
export function keepsCard(session: Stripe.Checkout.Session) {
  return session.metadata?.keep_card === "yes" && session.payment_status === "paid" && Boolean(session.payment_intent);
}

/**
 * The card a paid Checkout kept: its PaymentIntent read from the studio's account with the
 * payment method expanded (the event carries neither). Called before the event's transaction,
 * so no row waits on Stripe; null when there is no card to keep (not a card, or no Customer).
 * Throws when Stripe cannot be reached, so the event is sent again.
 */
export async function cardOfCheckout(event: Stripe.Event): Promise<CardFact | null> {
  const session = event.data.object as Stripe.Checkout.Session;
  const stripe = stripeClient();
  const intentId = idOf(session.payment_intent);
  if (!stripe || !intentId) throw new Error("stripe is not set up here");
  const intent = await stripe.paymentIntents.retrieve(
    intentId,
    { expand: ["payment_method"] },
    { stripeAccount: event.account ?? undefined },
  );
  const method = intent.payment_method;
  const customer = idOf(intent.customer) ?? idOf(session.customer);
  if (!method || typeof method === "string" || !method.card || !customer) return null;
  return {
    stripeCustomerId: customer,
    stripePaymentMethodId: method.id,
    brand: method.card.brand,
    last4: method.card.last4,
    expMonth: method.card.exp_month,
    expYear: method.card.exp_year,
  };
}

/** Keeps the card on file for the client who paid, in the transaction that settles the payment. */
export async function keepCard(tx: Executor, tenant: Tenant, payment: Payment, card: CardFact) {
  await saveClientCard(tx, tenant, { clientId: payment.clientId, ...card });
}
