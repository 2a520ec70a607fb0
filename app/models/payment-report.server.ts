import { and, desc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { PaymentMethod } from "~db/schema/tenant";

/** [start, end): instants, the caller having turned local days into them. */
export type Period = { start: Date; end: Date };

/** A payment's moment in reports: when it was paid, or when it was started if it never was. */
const paymentAt = ({ t }: Tenant) => sql<Date>`coalesce(${t.payments.paidAt}, ${t.payments.createdAt})`;

// Bound as text: a bare Date in raw SQL reaches the driver unserialised.
const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const total = (expression: ReturnType<typeof sql>) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);

/**
 * Money of the period, summed by the database, per method and (the row with a null method) for
 * all methods: payments that went through, dated by when they were paid, and refunds not failed,
 * dated by when they were made (a refund belongs to the period it gave money back in).
 */
export async function paymentTotals(x: Executor, tenant: Tenant, period: Period) {
  const { t } = tenant;
  const at = paymentAt(tenant);
  const [taken, refunded] = await Promise.all([
    x
      .select({
        method: t.payments.method,
        count: sql<number>`count(*)`.mapWith(Number),
        takenMinor: total(sql`${t.payments.amountMinor}`),
        feesMinor: total(sql`${t.payments.applicationFeeMinor}`),
      })
      .from(t.payments)
      .where(and(eq(t.payments.status, "succeeded"), gte(at, instant(period.start)), lt(at, instant(period.end))))
      .groupBy(sql`rollup(${t.payments.method})`),
    x
      .select({
        method: t.payments.method,
        count: sql<number>`count(*)`.mapWith(Number),
        refundedMinor: total(sql`${t.refunds.amountMinor}`),
      })
      .from(t.refunds)
      .innerJoin(t.payments, eq(t.payments.id, t.refunds.paymentId))
      .where(
        and(
          ne(t.refunds.status, "failed"),
          gte(t.refunds.createdAt, period.start),
          lt(t.refunds.createdAt, period.end),
        ),
      )
      .groupBy(sql`rollup(${t.payments.method})`),
  ]);
  return { taken, refunded };
}

export type PaymentTotalsRows = Awaited<ReturnType<typeof paymentTotals>>;

/** The period's payments, newest first, with who paid: every status, for the list. */
export async function listPaymentsInPeriod(x: Executor, tenant: Tenant, period: Period, limit: number) {
  const { t } = tenant;
  const at = paymentAt(tenant);
  return x
    .select({
      id: t.payments.id,
      at: at.mapWith(t.payments.createdAt),
      clientId: t.payments.clientId,
      clientName: t.users.fullName,
      description: t.payments.description,
      method: t.payments.method,
      status: t.payments.status,
      amountMinor: t.payments.amountMinor,
      currency: t.payments.currency,
      applicationFeeMinor: t.payments.applicationFeeMinor,
      refundedMinor: t.payments.refundedMinor,
      disputedAt: t.payments.disputedAt,
      needsAttention: t.payments.needsAttention,
    })
    .from(t.payments)
    .innerJoin(t.users, eq(t.users.id, t.payments.clientId))
    .where(and(gte(at, instant(period.start)), lt(at, instant(period.end))))
    .orderBy(desc(at), desc(t.payments.id))
    .limit(limit);
}

/** Where the previous page of export lines ended: its last line's moment (as text, exact to the microsecond) and id. */
export type LineCursor = { at: string; id: string };

export type ExportLine = {
  kind: "payment" | "refund";
  id: string;
  paymentId: string;
  at: Date;
  cursorAt: string;
  clientName: string;
  description: string;
  method: PaymentMethod;
  status: string;
  amountMinor: number;
  feeMinor: number;
  refundedMinor: number;
  currency: string;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeRefundId: string | null;
};

/**
 * One page of the period's export, oldest first: a line per payment (dated as in the list) and
 * one per refund (dated when it was made), ordered by moment then id, after `cursor`. Pages are
 * found by key, not offset, so each costs the same however deep the export goes.
 */
export async function exportLinesPage(
  x: Executor,
  tenant: Tenant,
  period: Period,
  cursor: LineCursor | null,
  size: number,
): Promise<ExportLine[]> {
  const { t } = tenant;
  const pat = paymentAt(tenant);
  const rat = sql<Date>`${t.refunds.createdAt}`;
  const after = (at: ReturnType<typeof sql>, id: ReturnType<typeof sql>) =>
    cursor ? sql`(${at}, ${id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql`true`;
  const [from, to] = [instant(period.start), instant(period.end)];
  const rows = await x.execute<{
    kind: "payment" | "refund";
    id: string;
    payment_id: string;
    at_ms: number;
    cursor_at: string;
    client_name: string;
    description: string;
    method: PaymentMethod;
    status: string;
    amount_minor: number;
    fee_minor: number;
    refunded_minor: number;
    currency: string;
    stripe_payment_intent_id: string | null;
    stripe_charge_id: string | null;
    stripe_refund_id: string | null;
  }>(sql`
    select *, (extract(epoch from line_.at) * 1000)::float8 as at_ms from (
      select 'payment' as kind, ${t.payments.id} as id, ${t.payments.id} as payment_id, ${pat} as at,
        ${pat}::text as cursor_at, ${t.users.fullName} as client_name, ${t.payments.description} as description,
        ${t.payments.method} as method, ${t.payments.status} as status, ${t.payments.amountMinor} as amount_minor,
        ${t.payments.applicationFeeMinor} as fee_minor, ${t.payments.refundedMinor} as refunded_minor,
        ${t.payments.currency} as currency, ${t.payments.stripePaymentIntentId} as stripe_payment_intent_id,
        ${t.payments.stripeChargeId} as stripe_charge_id, null::text as stripe_refund_id
      from ${t.payments} join ${t.users} on ${t.users.id} = ${t.payments.clientId}
      where ${pat} >= ${from} and ${pat} < ${to} and ${after(pat, sql`${t.payments.id}`)}
      union all
      select 'refund', ${t.refunds.id}, ${t.payments.id}, ${rat}, ${rat}::text, ${t.users.fullName},
        ${t.payments.description}, ${t.payments.method}, ${t.refunds.status}, ${t.refunds.amountMinor}, 0,
        ${t.refunds.amountMinor}, ${t.payments.currency}, ${t.payments.stripePaymentIntentId},
        ${t.payments.stripeChargeId}, ${t.refunds.stripeRefundId}
      from ${t.refunds}
        join ${t.payments} on ${t.payments.id} = ${t.refunds.paymentId}
        join ${t.users} on ${t.users.id} = ${t.payments.clientId}
      where ${rat} >= ${from} and ${rat} < ${to} and ${after(rat, sql`${t.refunds.id}`)}
    ) as line_
    order by line_.at, line_.id
    limit ${size}
  `);
  return [...rows].map((r) => ({
    kind: r.kind,
    id: r.id,
    paymentId: r.payment_id,
    at: new Date(Number(r.at_ms)),
    cursorAt: r.cursor_at,
    clientName: r.client_name,
    description: r.description,
    method: r.method,
    status: r.status,
    amountMinor: Number(r.amount_minor),
    feeMinor: Number(r.fee_minor),
    refundedMinor: Number(r.refunded_minor),
    currency: r.currency,
    stripePaymentIntentId: r.stripe_payment_intent_id,
    stripeChargeId: r.stripe_charge_id,
    stripeRefundId: r.stripe_refund_id,
  }));
}
