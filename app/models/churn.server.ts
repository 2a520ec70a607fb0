import { type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

/**
 * Churn risk, counted by the database in one statement. Definitions:
 * - A visit is a booking that started before `now` and was neither cancelled nor a no-show
 *   (confirmed, checked in or completed: a class not marked yet counts as attended). Pending and
 *   unpaid bookings never happened. Visits are counted across the whole studio, whichever location
 *   filters the list: someone who moved to the other location has not left.
 * - Booked ahead: a live booking (pending, confirmed or checked in) starting at or after `now`.
 * - Drop (a): at least 6 visits in the 12 weeks before the last 4 (about every two weeks or more
 *   often), and a recent weekly rate at most half the old one (recent / 4 <= baseline / 12 / 2,
 *   that is 6 × recent <= baseline), with nothing booked ahead.
 * - Inactive (b): at least one visit ever, the last one `inactiveDays` or more local days ago,
 *   and nothing booked ahead.
 * - Credits (c): unused credits of grants expiring after `now` and within `creditExpiryDays`
 *   days, whether or not they have booked ahead (a booking ahead spends one credit, not all).
 * - Score, highest first: 100 per weekly visit lost (a weekly regular who stopped: 100), 40 per
 *   credit about to expire unused (money paid, about to be lost), and for the inactive one point
 *   a day since the last visit. The drop and the credits weigh most; long silence adds up slowly.
 */

/** Visits in the 12 weeks before the last 4 that show a regular (about every two weeks). */
const DROP_MIN_BASELINE_VISITS = 6;

export type ChurnCriteria = {
  /** Clients tied to one of these locations (home or a booking there); null: every client. */
  locationIds: readonly string[] | null;
  inactiveDays: number;
  creditExpiryDays: number;
  /** The clock for days and dates of clients without a home location. */
  studioZone: string;
  limit: number;
};

export type ChurnRow = {
  clientId: string;
  fullName: string;
  email: string;
  phone: string | null;
  homeLocation: string | null;
  /** Visits in the 12 weeks before the last 4, and in the last 4. */
  baselineVisits: number;
  recentVisits: number;
  /** The last visit's local date (at the home location, else the studio) and local days since; null: never came. */
  lastVisitDate: string | null;
  daysSinceLastVisit: number | null;
  dropped: boolean;
  inactive: boolean;
  /** Unused credits expiring within the window, and the first and last local expiry dates. */
  expiringCredits: number;
  firstExpiryDate: string | null;
  lastExpiryDate: string | null;
  score: number;
};

const VISIT = sql.raw(`('confirmed', 'checked_in', 'completed')`);
const LIVE = sql.raw(`('pending', 'confirmed', 'checked_in')`);

/** The same rule as the client list's: a home location there, or a booking there not cancelled. */
function tiedTo({ t }: Tenant, locationIds: readonly string[] | null): SQL {
  if (locationIds === null) return sql`true`;
  if (locationIds.length === 0) return sql`false`;
  const ids = sql`ARRAY[${sql.join(
    locationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  return sql`(u.accessible_locations && ${ids} OR EXISTS (
    SELECT 1 FROM ${t.bookings} AS tb
    WHERE tb.client_id = u.id AND tb.location_id = ANY(${ids}) AND tb.status <> 'cancelled'))`;
}

/**
 * The clients at risk, ranked. Each client is looked at through index probes of their own
 * bookings (bookings_client_time_idx) and grants (credit_grants_client_expiry_idx), so the work
 * grows with the number of clients, not with the studio's years of bookings.
 */
export async function findChurnRisks(
  x: Executor,
  tenant: Tenant,
  at: Date,
  criteria: ChurnCriteria,
): Promise<{ rows: ChurnRow[]; total: number }> {
  const { t } = tenant;
  const now = sql`${at.toISOString()}::timestamptz`;
  // MATERIALIZED: each client's facts are worked out once; inlined, the planner repeated the
  // "booked ahead" test in every condition that reads it.
  const rows = await x.execute<Record<string, unknown>>(sql`
    WITH facts AS MATERIALIZED (
      SELECT u.id, u.full_name, u.email, u.phone, l.name AS home_location,
        coalesce(l.timezone, ${criteria.studioZone}::text) AS tz,
        w.baseline, w.recent, lv.last_visit, ahead.booked_ahead,
        cr.credits, cr.first_expiry, cr.last_expiry
      FROM ${t.users} AS u
      LEFT JOIN ${t.locations} AS l ON l.id = u.primary_location_id
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE b.starts_at < ${now} - interval '4 weeks')::int AS baseline,
          count(*) FILTER (WHERE b.starts_at >= ${now} - interval '4 weeks')::int AS recent
        FROM ${t.bookings} AS b
        WHERE b.client_id = u.id AND b.starts_at >= ${now} - interval '16 weeks' AND b.starts_at < ${now}
          AND b.status IN ${VISIT}
      ) AS w
      CROSS JOIN LATERAL (
        SELECT max(b.starts_at) AS last_visit FROM ${t.bookings} AS b
        WHERE b.client_id = u.id AND b.starts_at < ${now} AND b.status IN ${VISIT}
      ) AS lv
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM ${t.bookings} AS b
          WHERE b.client_id = u.id AND b.starts_at >= ${now} AND b.status IN ${LIVE}) AS booked_ahead
      ) AS ahead
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(g.remaining), 0)::int AS credits, min(g.expires_at) AS first_expiry,
          max(g.expires_at) AS last_expiry
        FROM ${t.creditGrants} AS g
        WHERE g.client_id = u.id AND g.remaining > 0 AND g.expires_at > ${now}
          AND g.expires_at <= ${now} + make_interval(days => ${criteria.creditExpiryDays}::int)
      ) AS cr
      WHERE u.role = 'client' AND u.status <> 'deactivated' AND ${tiedTo(tenant, criteria.locationIds)}
    ),
    judged AS (
      SELECT f.*,
        (NOT f.booked_ahead AND f.baseline >= ${DROP_MIN_BASELINE_VISITS} AND 6 * f.recent <= f.baseline) AS dropped,
        ((${now} AT TIME ZONE f.tz)::date - (f.last_visit AT TIME ZONE f.tz)::date) AS days_since
      FROM facts AS f
    ),
    flagged AS (
      SELECT j.*, (NOT j.booked_ahead AND j.days_since >= ${criteria.inactiveDays}::int) AS inactive
      FROM judged AS j
    )
    SELECT fl.id, fl.full_name, fl.email, fl.phone, fl.home_location, fl.baseline, fl.recent,
      (fl.last_visit AT TIME ZONE fl.tz)::date::text AS last_visit_date, fl.days_since,
      fl.dropped, coalesce(fl.inactive, false) AS inactive, fl.credits,
      (fl.first_expiry AT TIME ZONE fl.tz)::date::text AS first_expiry_date,
      (fl.last_expiry AT TIME ZONE fl.tz)::date::text AS last_expiry_date,
      round(
        (CASE WHEN fl.dropped THEN 100 * (fl.baseline / 12.0 - fl.recent / 4.0) ELSE 0 END)
        + 40 * fl.credits
        + (CASE WHEN fl.inactive THEN fl.days_since ELSE 0 END)
      )::int AS score,
      count(*) OVER ()::int AS total
    FROM flagged AS fl
    WHERE fl.dropped OR fl.inactive OR fl.credits > 0
    ORDER BY score DESC, fl.full_name, fl.id
    LIMIT ${criteria.limit}::int`);
  const risks = rows.map(
    (r): ChurnRow => ({
      clientId: r.id as string,
      fullName: r.full_name as string,
      email: r.email as string,
      phone: (r.phone as string | null) ?? null,
      homeLocation: (r.home_location as string | null) ?? null,
      baselineVisits: Number(r.baseline),
      recentVisits: Number(r.recent),
      lastVisitDate: (r.last_visit_date as string | null) ?? null,
      daysSinceLastVisit: r.days_since === null ? null : Number(r.days_since),
      dropped: r.dropped === true,
      inactive: r.inactive === true,
      expiringCredits: Number(r.credits),
      firstExpiryDate: (r.first_expiry_date as string | null) ?? null,
      lastExpiryDate: (r.last_expiry_date as string | null) ?? null,
      score: Number(r.score),
    }),
  );
  // How many are at risk in all, however many rows the limit let through.
  return { rows: risks, total: Number(rows[0]?.total ?? 0) };
}
