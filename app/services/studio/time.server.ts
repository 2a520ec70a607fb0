import { DateTime } from "luxon";
import { listActiveLocations } from "~/models/location.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";

/**
 * The studio's own time zone, for dates that belong to the studio rather than to one location
 * (a PAR-Q's date, "member since"): its first location's.
 */
export async function studioTimezone(tenant: Tenant): Promise<string> {
  const [first] = await listActiveLocations(database(), tenant);
  return first?.timezone ?? "Europe/London";
}

/**
 * The clocks of these locations, or of every open one without a list; never empty (a studio
 * without locations counts in London's).
 */
export async function locationZones(tenant: Tenant, locationIds?: readonly string[]): Promise<string[]> {
  const locations = (await listActiveLocations(database(), tenant)).filter(
    (l) => !locationIds || locationIds.includes(l.id),
  );
  return locations.length > 0 ? [...new Set(locations.map((l) => l.timezone))] : ["Europe/London"];
}

/** The calendar date ("2026-03-29") an instant falls on in a time zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
}
