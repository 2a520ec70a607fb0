import { DateTime } from "luxon";
import { type Location, type User, WEEKDAYS } from "~db/schema/tenant";
import type { OpeningHours } from "./slots";

/**
 * A location's weekly opening hours, read for one day: sessions and classes must start and end
 * within them unless an owner or manager confirms booking or scheduling past them.
 */

/** The hours on an ISO weekday (1 = Monday … 7 = Sunday); null when closed. */
export function openingHoursOnWeekday(location: Pick<Location, "operatingHours">, weekday: number): OpeningHours {
  const day = WEEKDAYS[weekday - 1];
  return (day && location.operatingHours[day]) || null;
}

/** The hours on a local date ("YYYY-MM-DD"). */
export function openingHoursOn(location: Pick<Location, "operatingHours">, date: string): OpeningHours {
  return openingHoursOnWeekday(location, DateTime.fromISO(date).weekday);
}

/** Whether wall times start–end lie within the day's hours. */
export function withinOpeningHours(hours: OpeningHours, start: string, end: string): boolean {
  return hours !== null && start >= hours.open && end <= hours.close;
}

/** Owners and location managers may go past published hours, once they confirm. */
export function mayOverrideHours(actor: Pick<User, "role">): boolean {
  return actor.role === "org_owner" || actor.role === "location_manager";
}

/** "Main's opening hours (Mon 06:00–21:00)", or "(closed on Mon)". */
export function openingHoursText(locationName: string, weekday: string, hours: OpeningHours): string {
  const when = hours ? `${weekday} ${hours.open}–${hours.close}` : `closed on ${weekday}`;
  return `${locationName}'s opening hours (${when})`;
}
