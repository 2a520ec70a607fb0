import type Stripe from "stripe";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { StripeEventOutcome } from "~db/schema/control";

/** A refund as Stripe lists it on a charge, fetched before the event's transaction opens. */
export type RefundFact = { id: string; amount: number; status: string | null };

/** One event to apply inside its transaction, in the studio its connected account belongs to. */
export type EventContext = {
  tx: Executor;
  tenant: Tenant;
  event: Stripe.Event;
  /** `charge.refunded` only: every refund of the charge. */
  refunds?: RefundFact[];
  /** `checkout.session.completed` that kept its card: the card, read from Stripe. */
  card?: CardFact | null;
};

/** What became of an event; `waiting` names the PaymentIntent it waits for. */
export type Applied = { outcome: StripeEventOutcome; objectRef?: string | null };

export const IGNORED: Applied = { outcome: "ignored" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Wondrous payment an object's metadata names, if it names one of this studio's: the
 * `studio_id` must be this studio's (a payment id from another studio's metadata is never looked
 * up here), and the id must be a uuid (anything else could only fail the query).
 */
export function paymentIdOf(
  tenant: Tenant,
  metadata: Stripe.Metadata | null | undefined,
  fallback?: string | null,
): string | null {
  if (metadata?.studio_id !== tenant.studio.id) return null;
  const id = metadata.payment_id ?? fallback ?? "";
  return UUID.test(id) ? id : null;
}

/** An expandable Stripe reference (an id or the object) as its id. */
export function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : ref.id;
}

export const createdAt = (event: Stripe.Event) => new Date(event.created * 1000);

/** The card a completed Checkout left on file, as Stripe described it. */
export type CardFact = {
  stripeCustomerId: string;
  stripePaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};
