import { type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { PaymentMethod } from "~db/schema/tenant";
import { type PeriodPlaces, withPeriods } from "./report-periods.server";
import type { ReportDayRange } from "./revenue-report.server";

/**
 * The money lines of the chosen days and places, each on its location's clock: payments that
 * went through (dated when paid) and refunds not failed (dated when made, against the payment's
 * location). Columns: kind, id, payment_id, at, tz, method, amount (a refund's negative), fee.
 */
function moneyLines({ t }: Tenant, cursor: MoneyLineCursor | null = null): SQL {
  // A page after `cursor` is cut inside each branch, so the database walks the paid_at and
  // created_at indexes from there instead of reading the days again for every page.
  const after = (at: SQL, id: SQL) =>
    cursor ? sql`AND (${at}, ${id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``;
  return sql`SELECT 'payment' AS kind, pay.id, pay.id AS payment_id, pay.paid_at AS at, p.tz, pay.method,
      pay.amount_minor AS amount, pay.application_fee_minor AS fee
    FROM periods AS p
    JOIN ${t.payments} AS pay ON pay.status = 'succeeded' AND pay.paid_at >= p.starts AND pay.paid_at < p.ends
      AND pay.location_id IS NOT DISTINCT FROM p.location_id ${after(sql`pay.paid_at`, sql`pay.id`)}
    UNION ALL
    SELECT 'refund', r.id, pay.id, r.created_at, p.tz, pay.method, -r.amount_minor, 0
    FROM periods AS p
    JOIN ${t.refunds} AS r ON r.status <> 'failed' AND r.created_at >= p.starts AND r.created_at < p.ends
    JOIN ${t.payments} AS pay ON pay.id = r.payment_id AND pay.location_id IS NOT DISTINCT FROM p.location_id
    ${after(sql`r.created_at`, sql`r.id`)}`;
}

export type MethodTotals = {
  /** null: every method together. */
  method: PaymentMethod | null;
  payments: number;
  takenMinor: number;
  feesMinor: number;
  refunds: number;
  refundedMinor: number;
};

/** The days' payments and refunds per method, and (method null) for all methods, summed by the database. */
export async function paymentTotalsByMethod(
  x: Executor,
  tenant: Tenant,
  places: PeriodPlaces,
  days: ReportDayRange,
): Promise<MethodTotals[]> {
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, { kind: "days", ...days })},
  lines AS (${moneyLines(tenant)})
  SELECT method,
    count(*) FILTER (WHERE kind = 'payment')::int AS payments,
    coalesce(sum(amount) FILTER (WHERE kind = 'payment'), 0)::bigint AS taken,
    coalesce(sum(fee), 0)::bigint AS fees,
    count(*) FILTER (WHERE kind = 'refund')::int AS refunds,
    coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::bigint AS refunded
  FROM lines
  GROUP BY rollup(method)
  ORDER BY method NULLS FIRST`);
  return rows.map((r) => ({
    method: (r.method as PaymentMethod | null) ?? null,
    payments: Number(r.payments),
    takenMinor: Number(r.taken),
    feesMinor: Number(r.fees),
    refunds: Number(r.refunds),
    refundedMinor: Number(r.refunded),
  }));
}

export type DayTotals = { day: string; payments: number; takenMinor: number; refunds: number; refundedMinor: number };

/** The same money per local day (the day where it was taken), days with none left out. */
export async function paymentTotalsByDay(
  x: Executor,
  tenant: Tenant,
  places: PeriodPlaces,
  days: ReportDayRange,
): Promise<DayTotals[]> {
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, { kind: "days", ...days })},
  lines AS (${moneyLines(tenant)})
  SELECT to_char((at AT TIME ZONE tz)::date, 'YYYY-MM-DD') AS day,
    count(*) FILTER (WHERE kind = 'payment')::int AS payments,
    coalesce(sum(amount) FILTER (WHERE kind = 'payment'), 0)::bigint AS taken,
    count(*) FILTER (WHERE kind = 'refund')::int AS refunds,
    coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::bigint AS refunded
  FROM lines
  GROUP BY 1
  ORDER BY 1`);
  return rows.map((r) => ({
    day: String(r.day),
    payments: Number(r.payments),
    takenMinor: Number(r.taken),
    refunds: Number(r.refunds),
    refundedMinor: Number(r.refunded),
  }));
}

/** Where the previous page of lines ended: its last line's moment (as text, exact to the microsecond) and id. */
export type MoneyLineCursor = { at: string; id: string };

export type MoneyLine = {
  kind: "payment" | "refund";
  id: string;
  paymentId: string;
  /** The local date and time where it was taken. */
  localDay: string;
  localTime: string;
  cursorAt: string;
  clientName: string;
  description: string;
  locationName: string | null;
  method: PaymentMethod;
  /** A refund's is negative, so the column sums to the net. */
  amountMinor: number;
  feeMinor: number;
};

/**
 * One page of the days' money lines, oldest first, after `cursor`: found by key, not offset,
 * so every page of a long export costs the same.
 */
export async function moneyLinesPage(
  x: Executor,
  tenant: Tenant,
  places: PeriodPlaces,
  days: ReportDayRange,
  cursor: MoneyLineCursor | null,
  size: number,
): Promise<MoneyLine[]> {
  const { t } = tenant;
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, { kind: "days", ...days })},
  lines AS (${moneyLines(tenant, cursor)})
  SELECT line.kind, line.id, line.payment_id, line.at::text AS cursor_at,
    to_char(line.at AT TIME ZONE line.tz, 'YYYY-MM-DD') AS local_day, to_char(line.at AT TIME ZONE line.tz, 'HH24:MI') AS local_time,
    u.full_name AS client_name, pay.description, l.name AS location_name, line.method, line.amount, line.fee
  FROM lines AS line
  JOIN ${t.payments} AS pay ON pay.id = line.payment_id
  JOIN ${t.users} AS u ON u.id = pay.client_id
  LEFT JOIN ${t.locations} AS l ON l.id = pay.location_id
  ORDER BY line.at, line.id
  LIMIT ${size}`);
  return rows.map((r) => ({
    kind: r.kind as MoneyLine["kind"],
    id: String(r.id),
    paymentId: String(r.payment_id),
    localDay: String(r.local_day),
    localTime: String(r.local_time),
    cursorAt: String(r.cursor_at),
    clientName: String(r.client_name),
    description: String(r.description),
    locationName: (r.location_name as string | null) ?? null,
    method: r.method as PaymentMethod,
    amountMinor: Number(r.amount),
    feeMinor: Number(r.fee),
  }));
}
