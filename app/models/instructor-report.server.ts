import { sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type PeriodChoice, type PeriodPlaces, withPeriods } from "./report-periods.server";

/** How long after a visit a new booking with the same instructor counts as the client coming back. */
export const REBOOK_WINDOW_DAYS = 30;

/** One instructor's (or trainer's) work over a period at the counted locations, as counted by the database. */
export type InstructorFigures = {
  instructorId: string;
  name: string;
  /** 1:1 sessions that started in the period and were not cancelled (a no-show still took their time). */
  sessions: number;
  /** Classes they taught that started in the period (a substitute's class is the substitute's), */
  classes: number;
  /** and the places booked in those classes out of their capacity. */
  placesFilled: number;
  capacity: number;
  /** Visits with them (sessions and class places) that started in the period, up to now. */
  attended: number;
  noShows: number;
  /** Started, still confirmed: nobody has marked the attendance yet. */
  unmarked: number;
  /** Visits due in the period that the client cancelled late (the credit kept by the studio). */
  lateCancellations: number;
  /** Distinct clients who attended with them in the period, and of those, who rebooked. */
  attendedClients: number;
  rebookedClients: number;
};

/**
 * Every instructor's figures over the period in one statement. Visits are the bookings that
 * start in the period at a counted location, each on that location's clock; a class booking
 * belongs to whoever teaches the class (occurrences.instructor_id, so a substitute's).
 *
 * Rebooked within 30 days: a client who attended (checked in or completed) a visit with the
 * instructor in the period counts as rebooked when another booking of theirs with the same
 * instructor, at any location, not cancelled and not still awaiting payment, was made in the 30
 * days after that visit started (made after the start, at most 30 × 24 hours later). Clients
 * are counted once each however often they came; the rate is rebooked clients over attended
 * clients. For a visit in the last 30 days the window is still open, so the rate can only grow.
 */
export async function listInstructorFigures(
  x: Executor,
  { t }: Tenant,
  places: PeriodPlaces,
  choice: PeriodChoice,
  now: Date,
): Promise<InstructorFigures[]> {
  const at = now.toISOString();
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, choice)},
    visits AS (
      SELECT b.id, b.client_id, b.status, b.starts_at, b.occurrence_id, b.credit_forfeited,
        coalesce(o.instructor_id, b.instructor_id) AS instructor_id,
        b.starts_at < ${at}::timestamptz AS started
      FROM periods AS p
      JOIN ${t.bookings} AS b ON b.location_id = p.location_id AND b.starts_at >= p.starts AND b.starts_at < p.ends
      LEFT JOIN ${t.occurrences} AS o ON o.id = b.occurrence_id
    ),
    visit_counts AS (
      SELECT v.instructor_id,
        count(*) FILTER (WHERE v.started AND v.occurrence_id IS NULL
          AND v.status IN ('confirmed', 'checked_in', 'completed', 'no_show'))::int AS sessions,
        count(*) FILTER (WHERE v.started AND v.status IN ('checked_in', 'completed'))::int AS attended,
        count(*) FILTER (WHERE v.started AND v.status = 'no_show')::int AS no_shows,
        count(*) FILTER (WHERE v.started AND v.status = 'confirmed')::int AS unmarked,
        count(*) FILTER (WHERE v.status = 'cancelled' AND v.credit_forfeited)::int AS late_cancellations
      FROM visits AS v
      GROUP BY v.instructor_id
    ),
    attended_visits AS (
      SELECT v.id, v.instructor_id, v.client_id, v.starts_at
      FROM visits AS v
      WHERE v.started AND v.status IN ('checked_in', 'completed')
    ),
    -- One join of the attended visits with the bookings made in the period and the 30 days after
    -- (an index range on created_at), rather than a look-up per visit: a year of a busy studio has
    -- tens of thousands of visits.
    rebooked_pairs AS (
      SELECT DISTINCT a.instructor_id, a.client_id
      FROM attended_visits AS a
      JOIN ${t.bookings} AS n ON n.client_id = a.client_id AND n.instructor_id = a.instructor_id AND n.id <> a.id
        AND n.created_at > a.starts_at
        AND n.created_at <= a.starts_at + make_interval(days => ${REBOOK_WINDOW_DAYS})
      WHERE n.status NOT IN ('cancelled', 'awaiting_payment')
        AND n.created_at > (SELECT min(starts) FROM periods)
        AND n.created_at <= (SELECT max(ends) FROM periods) + make_interval(days => ${REBOOK_WINDOW_DAYS})
    ),
    rebooking AS (
      SELECT a.instructor_id, count(DISTINCT a.client_id)::int AS attended_clients,
        count(DISTINCT r.client_id)::int AS rebooked_clients
      FROM attended_visits AS a
      LEFT JOIN rebooked_pairs AS r ON r.instructor_id = a.instructor_id AND r.client_id = a.client_id
      GROUP BY a.instructor_id
    ),
    taught AS (
      SELECT o.instructor_id, count(*)::int AS classes,
        sum(o.booked_spots)::int AS places_filled, sum(o.capacity)::int AS capacity
      FROM periods AS p
      JOIN ${t.occurrences} AS o ON o.location_id = p.location_id
        AND o.starts_at >= p.starts AND o.starts_at < least(p.ends, ${at}::timestamptz)
      WHERE o.status = 'scheduled'
      GROUP BY o.instructor_id
    )
    SELECT u.id, u.full_name,
      coalesce(vc.sessions, 0) AS sessions, coalesce(c.classes, 0) AS classes,
      coalesce(c.places_filled, 0) AS places_filled, coalesce(c.capacity, 0) AS capacity,
      coalesce(vc.attended, 0) AS attended, coalesce(vc.no_shows, 0) AS no_shows,
      coalesce(vc.unmarked, 0) AS unmarked, coalesce(vc.late_cancellations, 0) AS late_cancellations,
      coalesce(r.attended_clients, 0) AS attended_clients, coalesce(r.rebooked_clients, 0) AS rebooked_clients
    FROM ${t.users} AS u
    LEFT JOIN visit_counts AS vc ON vc.instructor_id = u.id
    LEFT JOIN taught AS c ON c.instructor_id = u.id
    LEFT JOIN rebooking AS r ON r.instructor_id = u.id
    WHERE vc.instructor_id IS NOT NULL OR c.instructor_id IS NOT NULL
    ORDER BY u.full_name, u.id`);
  return rows.map((r) => ({
    instructorId: r.id as string,
    name: r.full_name as string,
    sessions: Number(r.sessions),
    classes: Number(r.classes),
    placesFilled: Number(r.places_filled),
    capacity: Number(r.capacity),
    attended: Number(r.attended),
    noShows: Number(r.no_shows),
    unmarked: Number(r.unmarked),
    lateCancellations: Number(r.late_cancellations),
    attendedClients: Number(r.attended_clients),
    rebookedClients: Number(r.rebooked_clients),
  }));
}
