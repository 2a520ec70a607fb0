import { type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type PeriodPlaces, withPeriods } from "./report-periods.server";

/** How revenue is grouped: where it was taken, what it paid for, or who taught what it paid for. */
export const REVENUE_GROUPINGS = ["location", "service", "instructor"] as const;
export type RevenueGrouping = (typeof REVENUE_GROUPINGS)[number];

/** Local days `from`..`to` (ISO dates, both included), counted on each location's clock. */
export type ReportDayRange = { from: string; to: string };

export type RevenueGroupRow = {
  /** Stable within the report: a location, service, package or instructor id, or a kind of sale. */
  key: string;
  label: string;
  payments: number;
  takenMinor: number;
  refunds: number;
  refundedMinor: number;
  /** Credits spent on bookings that started in the period, at the package's list price (null by location). */
  creditsUsed: number | null;
  creditsUsedMinor: number | null;
};

/** What sits in each group's label column when nothing better names it; the wording is the report's. */
export const UNLOCATED_LABEL = "Studio-wide (online)";
const NO_INSTRUCTOR_LABEL = "Not tied to an instructor";
const KIND_LABELS_SQL = sql`CASE pay.kind WHEN 'other' THEN 'Other sales' WHEN 'booking' THEN 'Bookings'
  WHEN 'no_show_fee' THEN 'No-show fees' ELSE 'Packages' END`;

/**
 * A payment's group as (key, label), from `pay` joined to its booking `b`, package `pk`,
 * service `sv`, instructor `iu` and location `l`. A no-show fee belongs to the booking it was
 * charged for, like the booking's own payment.
 */
function groupOf(by: RevenueGrouping): { key: SQL; label: SQL } {
  if (by === "location") {
    return { key: sql`coalesce(pay.location_id::text, 'none')`, label: sql`coalesce(l.name, ${UNLOCATED_LABEL})` };
  }
  if (by === "service") {
    return {
      key: sql`CASE WHEN sv.id IS NOT NULL THEN 'service:' || sv.id
        WHEN pk.id IS NOT NULL THEN 'package:' || pk.id ELSE 'kind:' || pay.kind END`,
      label: sql`CASE WHEN sv.id IS NOT NULL THEN sv.name
        WHEN pk.id IS NOT NULL THEN 'Package: ' || pk.name ELSE ${KIND_LABELS_SQL} END`,
    };
  }
  return {
    key: sql`coalesce(iu.id::text, 'none')`,
    label: sql`coalesce(iu.full_name, ${NO_INSTRUCTOR_LABEL})`,
  };
}

function paymentJoins({ t }: Tenant): SQL {
  return sql`LEFT JOIN ${t.bookings} AS b ON b.id = pay.booking_id AND pay.kind IN ('booking', 'no_show_fee')
    LEFT JOIN ${t.services} AS sv ON sv.id = b.service_id
    LEFT JOIN ${t.users} AS iu ON iu.id = b.instructor_id
    LEFT JOIN ${t.packages} AS pk ON pk.id = pay.package_id AND pay.kind = 'package'
    LEFT JOIN ${t.locations} AS l ON l.id = pay.location_id`;
}

/**
 * The period's revenue per group, summed by the database in one statement: payments that went
 * through (dated when paid), refunds not failed (dated when made, so a refund in a later period
 * counts there) in the group of the payment they give back, each on its location's clock.
 *
 * Credits used (by service and by instructor): credits spent on bookings that started in the
 * period, less those given back (a cancellation returns its credit), valued at the list price
 * per credit of the package they came from (price / credits, as the package is priced now);
 * credits the studio gave without a package are worth nothing here. This is the value of the
 * classes taught from prepaid credits, not money taken in the period.
 */
export async function revenueByGroup(
  x: Executor,
  tenant: Tenant,
  places: PeriodPlaces,
  days: ReportDayRange,
  by: RevenueGrouping,
): Promise<{ groups: RevenueGroupRow[]; total: RevenueGroupRow }> {
  const { t } = tenant;
  const group = groupOf(by);
  const credits =
    by === "location"
      ? sql`SELECT NULL::text AS key, NULL::text AS label, 0 AS payments, 0 AS taken, 0 AS refunds, 0 AS refunded,
          0 AS credits, 0::numeric AS credits_value WHERE false`
      : // Summed per service or instructor and package first, so a year's credit lines reach the
        // grouping below as a few dozen rows, not one per booking.
        sql`SELECT ${by === "service" ? sql`'service:' || sv.id` : sql`iu.id::text`}, ${by === "service" ? sql`sv.name` : sql`iu.full_name`},
          0, 0, 0, 0, u.used,
          CASE WHEN pk.id IS NULL THEN 0 ELSE u.used * pk.price_minor::numeric / pk.credits END
        FROM (
          SELECT ${by === "service" ? sql`b.service_id` : sql`b.instructor_id`} AS who, g.package_id, sum(-cl.delta) AS used
          FROM periods AS p
          JOIN ${t.bookings} AS b ON b.location_id = p.location_id AND b.starts_at >= p.starts AND b.starts_at < p.ends
          JOIN ${t.creditLedger} AS cl ON cl.booking_id = b.id AND cl.kind IN ('spend', 'refund')
          JOIN ${t.creditGrants} AS g ON g.id = cl.grant_id
          GROUP BY 1, 2
        ) AS u
        LEFT JOIN ${t.packages} AS pk ON pk.id = u.package_id
        ${by === "service" ? sql`JOIN ${t.services} AS sv ON sv.id = u.who` : sql`JOIN ${t.users} AS iu ON iu.id = u.who`}`;
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, { kind: "days", ...days })},
  lines AS (
    SELECT ${group.key} AS key, ${group.label} AS label, 1 AS payments, pay.amount_minor AS taken, 0 AS refunds,
      0 AS refunded, 0 AS credits, 0::numeric AS credits_value
    FROM periods AS p
    JOIN ${t.payments} AS pay ON pay.status = 'succeeded' AND pay.paid_at >= p.starts AND pay.paid_at < p.ends
      AND pay.location_id IS NOT DISTINCT FROM p.location_id
    ${paymentJoins(tenant)}
    UNION ALL
    SELECT ${group.key}, ${group.label}, 0, 0, 1, r.amount_minor, 0, 0
    FROM periods AS p
    JOIN ${t.refunds} AS r ON r.status <> 'failed' AND r.created_at >= p.starts AND r.created_at < p.ends
    JOIN ${t.payments} AS pay ON pay.id = r.payment_id AND pay.location_id IS NOT DISTINCT FROM p.location_id
    ${paymentJoins(tenant)}
    UNION ALL
    ${credits}
  )
  SELECT grouping(key) = 1 AS whole, key, min(label) AS label, coalesce(sum(payments), 0)::int AS payments,
    coalesce(sum(taken), 0)::bigint AS taken, coalesce(sum(refunds), 0)::int AS refunds,
    coalesce(sum(refunded), 0)::bigint AS refunded, coalesce(sum(credits), 0)::int AS credits,
    coalesce(round(sum(credits_value)), 0)::bigint AS credits_value
  FROM lines
  GROUP BY GROUPING SETS ((key), ())
  ORDER BY grouping(key), sum(taken) - sum(refunded) DESC, min(label)`);
  const all = rows.map((r) => ({
    key: r.whole === true ? "all" : String(r.key),
    label: r.whole === true ? "All" : String(r.label),
    payments: Number(r.payments),
    takenMinor: Number(r.taken),
    refunds: Number(r.refunds),
    refundedMinor: Number(r.refunded),
    creditsUsed: by === "location" ? null : Number(r.credits),
    creditsUsedMinor: by === "location" ? null : Number(r.credits_value),
    whole: r.whole === true,
  }));
  // GROUPING SETS give the grand total row even when nothing happened; the database sums it too
  // (the credits' value rounded once, over all of them).
  const total = all.find((r) => r.whole);
  if (!total) throw new Error("the revenue query lost its grand total row");
  const strip = ({ whole, ...row }: (typeof all)[number]): RevenueGroupRow => row;
  return { groups: all.filter((r) => !r.whole).map(strip), total: strip(total) };
}

/** Net revenue over time: one bucket per local day, week (from Monday) or month. */
export type RevenueGrain = "day" | "week" | "month";
export type RevenueBucket = { start: string; netMinor: number };

/**
 * Net revenue (taken less refunded) per bucket of local days, every bucket of the range listed
 * even when nothing happened in it. A payment's day is its local day at its own location (the
 * studio's clock when it has none), so 23:30 in New York is that evening, not London's next day.
 */
export async function revenueOverTime(
  x: Executor,
  { t }: Tenant,
  places: PeriodPlaces,
  days: ReportDayRange,
  grain: RevenueGrain,
): Promise<RevenueBucket[]> {
  // Local days as timestamps without a zone: truncating them never consults the session's clock.
  const bucket = (day: SQL) => sql`date_trunc(${grain}, ${day}::timestamp)::date`;
  const rows = await x.execute<{ start: string; net: string }>(sql`${withPeriods(places, { kind: "days", ...days })},
  buckets AS (
    SELECT DISTINCT ${bucket(sql`d`)} AS start
    FROM generate_series(${days.from}::timestamp, ${days.to}::timestamp, interval '1 day') AS d
  ),
  money AS (
    SELECT ${bucket(sql`(pay.paid_at AT TIME ZONE p.tz)`)} AS start, pay.amount_minor AS amount
    FROM periods AS p
    JOIN ${t.payments} AS pay ON pay.status = 'succeeded' AND pay.paid_at >= p.starts AND pay.paid_at < p.ends
      AND pay.location_id IS NOT DISTINCT FROM p.location_id
    UNION ALL
    SELECT ${bucket(sql`(r.created_at AT TIME ZONE p.tz)`)}, -r.amount_minor
    FROM periods AS p
    JOIN ${t.refunds} AS r ON r.status <> 'failed' AND r.created_at >= p.starts AND r.created_at < p.ends
    JOIN ${t.payments} AS pay ON pay.id = r.payment_id AND pay.location_id IS NOT DISTINCT FROM p.location_id
  )
  SELECT to_char(b.start, 'YYYY-MM-DD') AS start, coalesce(sum(m.amount), 0)::bigint AS net
  FROM buckets AS b LEFT JOIN money AS m ON m.start = b.start
  GROUP BY b.start
  ORDER BY b.start`);
  return rows.map((r) => ({ start: r.start, netMinor: Number(r.net) }));
}
