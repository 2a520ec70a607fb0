import { type SQL, sql } from "drizzle-orm";

/**
 * Reports count days on each location's own clock. Every report query starts from a `periods`
 * relation built here: one row per location (plus one for what has no location, on the studio's
 * clock) and period, with the local days it covers and the instants they start and end, worked
 * out by PostgreSQL's time zone rules (`local midnight AT TIME ZONE tz`). An event belongs to a
 * period when `starts <= at < ends`, a range an index on the event's time can serve, and a day
 * of 23 or 25 hours (a clock change) is counted as the day it is.
 */

/** Where a report counts: locations each with its clock, and optionally what has no location. */
export type PeriodPlaces = {
  locations: { id: string; timezone: string }[];
  /** Also count what belongs to no location (location_id null), on `studioZone`. */
  includeUnlocated: boolean;
  studioZone: string;
};

/**
 * Which days: the dashboard's (today, this week, this month, each "so far" beside the same days
 * of the one before, relative to each location's today at `now`), or local days `from`..`to`
 * inclusive (ISO dates), the same calendar days at every location.
 */
export type PeriodChoice = { kind: "dashboard"; now: Date } | { kind: "days"; from: string; to: string };

export const DASHBOARD_PERIODS = ["today", "week", "month"] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export type PeriodName = DashboardPeriod | "days";
export type PeriodSide = "current" | "previous";

/** The `loc(location_id, tz)` rows: never an empty VALUES list, which PostgreSQL refuses. */
function placesSql(places: PeriodPlaces): SQL {
  const rows: SQL[] = places.locations.map((l) => sql`(${l.id}::uuid, ${l.timezone}::text)`);
  if (places.includeUnlocated) rows.push(sql`(NULL::uuid, ${places.studioZone}::text)`);
  if (rows.length === 0) return sql`SELECT NULL::uuid AS location_id, NULL::text AS tz WHERE false`;
  return sql`SELECT * FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(location_id, tz)`;
}

function daysSql(choice: PeriodChoice): SQL {
  if (choice.kind === "days") return sql`VALUES ('days', 'current', ${choice.from}::date, ${choice.to}::date)`;
  // "Previous" is the same stretch one period back: yesterday; last week Monday to the same
  // weekday; last month's first to the same day of the month (the 31st maps to the 30th or 28th).
  return sql`VALUES
    ('today', 'current', l.today, l.today),
    ('today', 'previous', l.today - 1, l.today - 1),
    ('week', 'current', date_trunc('week', l.today)::date, l.today),
    ('week', 'previous', date_trunc('week', l.today)::date - 7, l.today - 7),
    ('month', 'current', date_trunc('month', l.today)::date, l.today),
    ('month', 'previous', (date_trunc('month', l.today) - interval '1 month')::date, (l.today - interval '1 month')::date)`;
}

/**
 * `WITH loc AS (...), periods AS (...)`: the start of every report query. `periods` has
 * location_id (null for no location), tz, period, side, from_date, to_date (local, inclusive)
 * and starts, ends (instants, [starts, ends)).
 */
export function withPeriods(places: PeriodPlaces, choice: PeriodChoice): SQL {
  const now = choice.kind === "dashboard" ? choice.now.toISOString() : new Date(0).toISOString();
  return sql`WITH loc AS (
    SELECT v.location_id, v.tz, ((${now}::timestamptz) AT TIME ZONE v.tz)::date AS today FROM (${placesSql(places)}) AS v
  ),
  periods AS (
    SELECT l.location_id, l.tz, p.period, p.side, p.from_date, p.to_date,
      (p.from_date::timestamp AT TIME ZONE l.tz) AS starts,
      ((p.to_date + 1)::timestamp AT TIME ZONE l.tz) AS ends
    FROM loc AS l CROSS JOIN LATERAL (${daysSql(choice)}) AS p(period, side, from_date, to_date)
  )`;
}

/** A report row's key: the location (null: none) and the period it counts. */
export type PeriodKey = { locationId: string | null; period: PeriodName; side: PeriodSide };
