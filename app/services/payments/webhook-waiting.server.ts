import type Stripe from "stripe";
import { lockWaitingStripeEvents, setStripeEventOutcome } from "~/models/stripe-event.server";
import { applyChargeRefunded, applyDisputeCreated } from "./webhook-charge.server";
import type { Applied, EventContext, RefundFact } from "./webhook-context";

/** What a waiting event keeps: the event, and what was fetched from Stripe for it. */
export type WaitingPayload = { event: Stripe.Event; refunds?: RefundFact[] };

/** The events that can wait for their payment, by type. */
export const WAITING_HANDLERS: Record<string, (context: EventContext) => Promise<Applied>> = {
  "charge.refunded": applyChargeRefunded,
  "charge.dispute.created": applyDisputeCreated,
};

/**
 * A payment just got its PaymentIntent id (or just succeeded): refunds and disputes that came
 * first are applied now, in the same transaction, in the order Stripe created them. One still
 * not applicable (the payment is linked but not paid yet) keeps waiting.
 */
export async function applyWaitingEvents({ tx, tenant }: EventContext, intentId: string) {
  for (const row of await lockWaitingStripeEvents(tx, tenant.studio.id, intentId)) {
    const { event, refunds } = row.payload as WaitingPayload;
    const handler = WAITING_HANDLERS[event.type];
    if (!handler) continue;
    const applied = await handler({ tx, tenant, event, refunds });
    if (applied.outcome !== "waiting") await setStripeEventOutcome(tx, row.id, applied);
  }
}
