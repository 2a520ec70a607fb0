import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment, Refund } from "~db/schema/tenant";

export type NewPayment = Omit<
  Tenant["t"]["payments"]["$inferInsert"],
  "id" | "createdAt" | "updatedAt" | "refundedMinor" | "disputedAt" | "disputeReason" | "needsAttention"
>;

export async function insertPayment(x: Executor, { t }: Tenant, values: NewPayment): Promise<Payment> {
  const [row] = await x.insert(t.payments).values(values).returning();
  if (!row) throw new Error("insert returned no payment");
  return row;
}

export async function findPayment(x: Executor, { t }: Tenant, id: string): Promise<Payment | undefined> {
  const [row] = await x.select().from(t.payments).where(eq(t.payments.id, id)).limit(1);
  return row;
}

/** Row lock: a webhook, the expiry job and a refund of one payment queue behind each other. */
export async function lockPayment(x: Executor, { t }: Tenant, id: string): Promise<Payment | undefined> {
  const [row] = await x.select().from(t.payments).where(eq(t.payments.id, id)).for("update").limit(1);
  return row;
}

export async function lockPaymentByIntent(
  x: Executor,
  { t }: Tenant,
  paymentIntentId: string,
): Promise<Payment | undefined> {
  const [row] = await x
    .select()
    .from(t.payments)
    .where(eq(t.payments.stripePaymentIntentId, paymentIntentId))
    .for("update")
    .limit(1);
  return row;
}

export type PaymentChanges = Partial<
  Pick<
    Payment,
    | "status"
    | "stripeCheckoutSessionId"
    | "stripeCheckoutUrl"
    | "stripePaymentIntentId"
    | "stripeChargeId"
    | "expiresAt"
    | "paidAt"
    | "failureMessage"
    | "creditGrantId"
    | "disputedAt"
    | "disputeReason"
    | "needsAttention"
    | "refundedMinor"
  >
>;

export async function updatePayment(x: Executor, { t }: Tenant, id: string, values: PaymentChanges) {
  const [row] = await x
    .update(t.payments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(t.payments.id, id))
    .returning();
  return row;
}

/** The open or paid payment of a booking held for payment (one at most, by a unique index). */
export async function findLivePaymentForBooking(
  x: Executor,
  { t }: Tenant,
  bookingId: string,
): Promise<Payment | undefined> {
  const [row] = await x
    .select()
    .from(t.payments)
    .where(and(eq(t.payments.bookingId, bookingId), inArray(t.payments.status, ["open", "succeeded"])))
    .limit(1);
  return row;
}

/** Open Checkout payments whose page has expired by `now`: the expiry job's backstop. */
export async function listExpiredOpenPayments(x: Executor, { t }: Tenant, now: Date, limit = 100) {
  return x
    .select()
    .from(t.payments)
    .where(and(eq(t.payments.status, "open"), lte(t.payments.expiresAt, now)))
    .orderBy(asc(t.payments.expiresAt))
    .limit(limit);
}

export async function listPaymentsOfClient(x: Executor, { t }: Tenant, clientId: string, limit = 100) {
  return x
    .select()
    .from(t.payments)
    .where(eq(t.payments.clientId, clientId))
    .orderBy(desc(t.payments.createdAt))
    .limit(limit);
}

export type NewRefund = Omit<Tenant["t"]["refunds"]["$inferInsert"], "id" | "createdAt" | "updatedAt">;

/**
 * Records a refund and adds it to its payment's refunded total in one statement pair; the
 * payment's check refuses a total above its amount. A refund Stripe already told us about (same
 * `stripe_refund_id`) is not recorded twice: undefined.
 */
export async function insertRefund(x: Executor, { t }: Tenant, values: NewRefund): Promise<Refund | undefined> {
  const [row] = await x.insert(t.refunds).values(values).onConflictDoNothing().returning();
  if (!row) return undefined;
  if (row.status !== "failed")
    await x
      .update(t.payments)
      .set({ refundedMinor: sql`${t.payments.refundedMinor} + ${row.amountMinor}`, updatedAt: new Date() })
      .where(eq(t.payments.id, row.paymentId));
  return row;
}

export async function findRefundByStripeId(x: Executor, { t }: Tenant, stripeRefundId: string) {
  const [row] = await x.select().from(t.refunds).where(eq(t.refunds.stripeRefundId, stripeRefundId)).limit(1);
  return row;
}

export async function findRefund(x: Executor, { t }: Tenant, id: string): Promise<Refund | undefined> {
  const [row] = await x.select().from(t.refunds).where(eq(t.refunds.id, id)).limit(1);
  return row;
}

export async function listRefundsOfPayment(x: Executor, { t }: Tenant, paymentId: string): Promise<Refund[]> {
  return x.select().from(t.refunds).where(eq(t.refunds.paymentId, paymentId)).orderBy(asc(t.refunds.createdAt));
}

/**
 * A refund's status changes (pending -> succeeded or failed); a failed one gives its amount back
 * to what may still be refunded.
 */
export async function updateRefundStatus(x: Executor, { t }: Tenant, id: string, status: Refund["status"]) {
  const [before] = await x.select().from(t.refunds).where(eq(t.refunds.id, id)).for("update").limit(1);
  if (!before || before.status === status) return before;
  const [row] = await x
    .update(t.refunds)
    .set({ status, updatedAt: new Date() })
    .where(eq(t.refunds.id, id))
    .returning();
  const delta = (status === "failed" ? -1 : 0) + (before.status === "failed" ? 1 : 0);
  if (delta !== 0)
    await x
      .update(t.payments)
      .set({ refundedMinor: sql`${t.payments.refundedMinor} + ${delta * before.amountMinor}`, updatedAt: new Date() })
      .where(eq(t.payments.id, before.paymentId));
  return row;
}
