import { sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type PeriodChoice, type PeriodPlaces, withPeriods } from "./report-periods.server";

/** Distinct clients who came (checked in or completed) per location, and over all of them. */
export type ActiveClients = { byLocation: Map<string, number>; total: number };

/**
 * Clients with a visit that started in the period (up to now) and was attended, per location on
 * its own clock. The total is counted by the database too: a client who came to two locations
 * is one active client of the studio, so it is not the sum of the locations' figures.
 */
export async function countActiveClients(
  x: Executor,
  { t }: Tenant,
  places: PeriodPlaces,
  choice: PeriodChoice,
  now: Date,
): Promise<ActiveClients> {
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, choice)}
    SELECT p.location_id, grouping(p.location_id) = 1 AS is_total, count(DISTINCT b.client_id)::int AS clients
    FROM periods AS p
    JOIN ${t.bookings} AS b ON b.location_id = p.location_id
      AND b.starts_at >= p.starts AND b.starts_at < least(p.ends, ${now.toISOString()}::timestamptz)
    WHERE b.status IN ('checked_in', 'completed')
    GROUP BY GROUPING SETS ((p.location_id), ())`);
  const byLocation = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    if (r.is_total) total = Number(r.clients);
    else byLocation.set(r.location_id as string, Number(r.clients));
  }
  return { byLocation, total };
}
