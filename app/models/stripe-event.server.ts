import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "~db/client";
import { type StripeEvent, type StripeEventOutcome, stripeEvents } from "~db/schema/control";

export type NewStripeEvent = Omit<typeof stripeEvents.$inferInsert, "receivedAt">;

export async function findStripeEvent(x: Executor, id: string): Promise<StripeEvent | undefined> {
  const [row] = await x.select().from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1);
  return row;
}

/**
 * Stores an event by its Stripe id, once: undefined when it was already stored (Stripe sends
 * an event again until it gets a 2xx, and may send it twice anyway). A second delivery racing
 * the first waits here on the key until the first commits or rolls back.
 */
export async function insertStripeEvent(x: Executor, values: NewStripeEvent): Promise<StripeEvent | undefined> {
  const [row] = await x
    .insert(stripeEvents)
    .values(values)
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning();
  return row;
}

export type StripeEventResult = {
  outcome: StripeEventOutcome;
  objectRef?: string | null;
  /** Kept for a waiting event, to apply it later; null once it has been. */
  payload?: Record<string, unknown> | null;
};

export async function setStripeEventOutcome(x: Executor, id: string, result: StripeEventResult) {
  await x
    .update(stripeEvents)
    .set({ outcome: result.outcome, objectRef: result.objectRef ?? null, payload: result.payload ?? null })
    .where(eq(stripeEvents.id, id));
}

/**
 * Orders, per PaymentIntent, an event that finds no payment for it (and is stored as waiting)
 * and the event that links a payment to it (and applies what waits): whichever commits second
 * sees the other's work. Held until the transaction ends.
 */
export async function lockPaymentIntentEvents(x: Executor, organizationId: string, intentId: string) {
  await x.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe:${organizationId}:${intentId}`}, 0))`);
}

/**
 * A studio's events that came before the payment they concern was known (a refund or dispute
 * on a PaymentIntent not yet linked), locked so two deliveries linking it do not both apply them.
 */
export async function lockWaitingStripeEvents(
  x: Executor,
  organizationId: string,
  objectRef: string,
): Promise<StripeEvent[]> {
  await lockPaymentIntentEvents(x, organizationId, objectRef);
  return x
    .select()
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.outcome, "waiting"),
        eq(stripeEvents.objectRef, objectRef),
        eq(stripeEvents.organizationId, organizationId),
      ),
    )
    .orderBy(asc(stripeEvents.stripeCreatedAt), asc(stripeEvents.id))
    .for("update");
}
