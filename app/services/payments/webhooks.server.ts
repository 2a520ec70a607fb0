import Stripe from "stripe";
import { findStudioByStripeAccount, recordStudioStripeState } from "~/models/organization.server";
import { findStripeEvent, insertStripeEvent, setStripeEventOutcome } from "~/models/stripe-event.server";
import { Refused } from "~/services/shared/errors";
import { tenantFor } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { StripeEventOutcome } from "~db/schema/control";
import { cardOfCheckout, keepsCard } from "./card-from-checkout.server";
import { stripeClient, webhookSecrets } from "./stripe.server";
import { applyChargeRefunded, applyDisputeCreated } from "./webhook-charge.server";
import {
  applyCheckoutCompleted,
  applyCheckoutExpired,
  applyIntentFailed,
  applyIntentSucceeded,
} from "./webhook-checkout.server";
import type { CardFact } from "./webhook-context";
import { type Applied, createdAt, type EventContext, IGNORED, type RefundFact } from "./webhook-context";
import type { WaitingPayload } from "./webhook-waiting.server";

/** The events to enable on the Connect webhook endpoint; any other is stored and ignored. */
export const HANDLERS: Record<string, (context: EventContext) => Promise<Applied>> = {
  "checkout.session.completed": applyCheckoutCompleted,
  "checkout.session.expired": applyCheckoutExpired,
  "payment_intent.succeeded": applyIntentSucceeded,
  "payment_intent.payment_failed": applyIntentFailed,
  "charge.refunded": applyChargeRefunded,
  "charge.dispute.created": applyDisputeCreated,
  "account.updated": applyAccountUpdated,
};

export type Received = { id: string; type: string; outcome: StripeEventOutcome; duplicate: boolean };

/**
 * The event Stripe signed, from the raw body and its `Stripe-Signature` header, checked against
 * each endpoint secret. Anything else is refused before it is read.
 */
export function verifyStripeEvent(payload: string, signature: string | null): Stripe.Event {
  const secrets = webhookSecrets();
  if (secrets.length === 0)
    throw new Refused(404, "WEBHOOKS_NOT_SET_UP", "Stripe webhooks are not set up here (no STRIPE_WEBHOOK_SECRET).");
  if (!signature) throw new Refused(400, "SIGNATURE_MISSING", "The Stripe-Signature header is missing.");
  for (const secret of secrets) {
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(payload, signature, secret);
    } catch (error) {
      // Signed by us but not JSON: no other secret makes it readable.
      if (error instanceof SyntaxError) throw new Refused(400, "INVALID_EVENT", "The event is not valid JSON.");
      continue;
    }
    if (!isEvent(event)) throw new Refused(400, "INVALID_EVENT", "The event lacks its id, type, time or object.");
    return event;
  }
  throw new Refused(400, "SIGNATURE_INVALID", "The Stripe-Signature header does not match this endpoint's secret.");
}

function isEvent(value: unknown): value is Stripe.Event {
  const event = value as Partial<Stripe.Event> | null;
  return (
    typeof event?.id === "string" &&
    typeof event.type === "string" &&
    Number.isInteger(event.created) &&
    typeof event.data?.object === "object" &&
    event.data.object !== null
  );
}

/**
 * Stores a verified event by its id and applies it, once, in one transaction: a repeat changes
 * nothing. The studio is the one whose connected account sent it; an event from an account no
 * studio has (or from the platform itself) is stored as ignored. A failure rolls everything back
 * and asks Stripe to send the event again (503).
 */
export async function receiveStripeEvent(event: Stripe.Event): Promise<Received> {
  const db = database();
  const known = await findStripeEvent(db, event.id);
  if (known) return { id: event.id, type: event.type, outcome: known.outcome, duplicate: true };
  const account = accountOf(event);
  const studio = account ? await findStudioByStripeAccount(db, account) : undefined;
  const handler = studio ? HANDLERS[event.type] : undefined;
  const refunds = handler && event.type === "charge.refunded" ? await refundsOfCharge(event) : undefined;
  const card = handler && event.type === "checkout.session.completed" ? await cardOf(event) : undefined;
  try {
    return await db.transaction(async (tx) => {
      const stored = await insertStripeEvent(tx, {
        id: event.id,
        type: event.type,
        account,
        organizationId: studio?.id ?? null,
        outcome: "ignored",
        stripeCreatedAt: createdAt(event),
      });
      if (!stored) return { id: event.id, type: event.type, outcome: "ignored" as const, duplicate: true };
      const applied =
        studio && handler ? await handler({ tx, tenant: tenantFor(studio), event, refunds, card }) : IGNORED;
      const payload: WaitingPayload | null = applied.outcome === "waiting" ? { event, refunds } : null;
      await setStripeEventOutcome(tx, event.id, { ...applied, payload });
      return { id: event.id, type: event.type, outcome: applied.outcome, duplicate: false };
    });
  } catch (error) {
    console.error("stripe event not applied", event.id, event.type, error);
    throw tryAgain();
  }
}

const tryAgain = () => new Refused(503, "TRY_AGAIN", "The event could not be applied now; Stripe will send it again.");

/** The connected account an event is about: its `account`, or the account itself. */
function accountOf(event: Stripe.Event): string | null {
  if (event.account) return event.account;
  const object = event.data.object as { object?: string; id?: string };
  return object.object === "account" && typeof object.id === "string" ? object.id : null;
}

/**
 * Every refund of a refunded charge. Recent API versions leave `refunds` off the Charge, so they
 * are listed from the studio's account (outside the transaction: no row waits on Stripe).
 */
async function refundsOfCharge(event: Stripe.Event): Promise<RefundFact[]> {
  const charge = event.data.object as Stripe.Charge;
  const listed = charge.refunds;
  if (listed?.data && !listed.has_more) return listed.data.map(refundFact);
  const stripe = stripeClient();
  if (!stripe) throw tryAgain();
  try {
    const refunds = await stripe.refunds
      .list({ charge: charge.id, limit: 100 }, { stripeAccount: event.account ?? undefined })
      .autoPagingToArray({ limit: 10_000 });
    return refunds.map(refundFact);
  } catch (error) {
    console.error("stripe refunds not listed", event.id, charge.id, String(error));
    throw tryAgain();
  }
}

/** The card a paid Checkout kept on file, read before the transaction (undefined: none kept). */
async function cardOf(event: Stripe.Event): Promise<CardFact | null | undefined> {
  if (!keepsCard(event.data.object as Stripe.Checkout.Session)) return undefined;
  try {
    return await cardOfCheckout(event);
  } catch (error) {
    console.error("stripe card of checkout not read", event.id, String(error));
    throw tryAgain();
  }
}

const refundFact = (refund: Stripe.Refund): RefundFact => ({
  id: refund.id,
  amount: refund.amount,
  status: refund.status,
});

/**
 * What Stripe says of the studio's account (may it take charges, are its details in), as of the
 * event's time: an older event arriving after a newer one changes nothing.
 */
async function applyAccountUpdated({ tx, tenant, event }: EventContext): Promise<Applied> {
  const account = event.data.object as Stripe.Account;
  if (account.id !== tenant.studio.stripeAccountId) return IGNORED;
  const updated = await recordStudioStripeState(tx, account.id, {
    chargesEnabled: account.charges_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    checkedAt: createdAt(event),
  });
  return { outcome: updated ? "applied" : "ignored", objectRef: account.id };
}
