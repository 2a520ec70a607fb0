import { sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type PeriodChoice, type PeriodKey, type PeriodPlaces, withPeriods } from "./report-periods.server";

/** The headline figures of one location (or of no location) over one period, as counted by the database. */
export type PeriodFigures = PeriodKey & {
  /** Payments that went through, dated by when they were paid (minor units of the studio's currency). */
  takenMinor: number;
  /** Refunds not failed, dated by when they were made, against payments of this location. */
  refundedMinor: number;
  /** Places booked in the period (by when the booking was made) and not cancelled since. */
  bookingsMade: number;
  /** Bookings cancelled in the period (by when), of which late (the credit kept by the studio). */
  cancellations: number;
  lateCancellations: number;
  /** Visits that started in the period, up to now: came (checked in or completed), no-show, not marked yet. */
  attended: number;
  noShows: number;
  unmarked: number;
  /** Class places booked and offered in the period's classes (not cancelled ones). */
  bookedSpots: number;
  capacity: number;
  /** Clients who joined in the period, by their home location. */
  newClients: number;
};

const count = (expression: ReturnType<typeof sql>) => sql`coalesce((${expression}), 0)::int`;

/**
 * Every headline figure for every (location, period) in one statement: one row per period row,
 * each figure a subquery over an index range of its table's time column, so the work grows with
 * the period's rows, not the studio's history.
 */
export async function periodFigures(
  x: Executor,
  { t }: Tenant,
  places: PeriodPlaces,
  choice: PeriodChoice,
  now: Date,
): Promise<PeriodFigures[]> {
  const at = now.toISOString();
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, choice)}
    SELECT p.location_id, p.period, p.side,
      ${count(sql`SELECT sum(pay.amount_minor) FROM ${t.payments} AS pay
        WHERE pay.status = 'succeeded' AND pay.paid_at >= p.starts AND pay.paid_at < p.ends
          AND pay.location_id IS NOT DISTINCT FROM p.location_id`)} AS taken_minor,
      ${count(sql`SELECT sum(r.amount_minor) FROM ${t.refunds} AS r JOIN ${t.payments} AS pay ON pay.id = r.payment_id
        WHERE r.status <> 'failed' AND r.created_at >= p.starts AND r.created_at < p.ends
          AND pay.location_id IS NOT DISTINCT FROM p.location_id`)} AS refunded_minor,
      ${count(sql`SELECT sum(b.spots_booked) FROM ${t.bookings} AS b
        WHERE b.location_id = p.location_id AND b.created_at >= p.starts AND b.created_at < p.ends
          AND b.status NOT IN ('cancelled', 'awaiting_payment', 'pending')`)} AS bookings_made,
      x.cancellations, x.late_cancellations,
      v.attended, v.no_shows, v.unmarked,
      c.booked_spots, c.capacity,
      ${count(sql`SELECT count(*) FROM ${t.users} AS u
        WHERE u.role = 'client' AND u.created_at >= p.starts AND u.created_at < p.ends
          AND u.primary_location_id IS NOT DISTINCT FROM p.location_id`)} AS new_clients
    FROM periods AS p
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE b.status IN ('checked_in', 'completed'))::int AS attended,
        count(*) FILTER (WHERE b.status = 'no_show')::int AS no_shows,
        count(*) FILTER (WHERE b.status = 'confirmed')::int AS unmarked
      FROM ${t.bookings} AS b
      WHERE b.location_id = p.location_id AND b.starts_at >= p.starts AND b.starts_at < least(p.ends, ${at}::timestamptz)
    ) AS v
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS cancellations, count(*) FILTER (WHERE b.credit_forfeited)::int AS late_cancellations
      FROM ${t.bookings} AS b
      WHERE b.cancelled_at >= p.starts AND b.cancelled_at < p.ends AND b.location_id = p.location_id
        AND b.status = 'cancelled'
    ) AS x
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(o.booked_spots + o.offered_spots), 0)::int AS booked_spots,
        coalesce(sum(o.capacity), 0)::int AS capacity
      FROM ${t.occurrences} AS o
      WHERE o.location_id = p.location_id AND o.starts_at >= p.starts AND o.starts_at < p.ends AND o.status = 'scheduled'
    ) AS c`);
  return rows.map((r) => ({
    locationId: (r.location_id as string | null) ?? null,
    period: r.period as PeriodFigures["period"],
    side: r.side as PeriodFigures["side"],
    takenMinor: Number(r.taken_minor),
    refundedMinor: Number(r.refunded_minor),
    bookingsMade: Number(r.bookings_made),
    cancellations: Number(r.cancellations),
    lateCancellations: Number(r.late_cancellations),
    attended: Number(r.attended),
    noShows: Number(r.no_shows),
    unmarked: Number(r.unmarked),
    bookedSpots: Number(r.booked_spots),
    capacity: Number(r.capacity),
    newClients: Number(r.new_clients),
  }));
}
