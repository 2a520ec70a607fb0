import { DateTime } from "luxon";
import { wallClockOf } from "~/services/shared/wall-clock";
import { localInstant as wallClock } from "./slots";

/**
 * A wall-clock time on a date in a zone as an instant, or null when the clocks skip it (the
 * spring-forward gap); a repeated autumn time is its first occurrence. `time` is "HH:MM" or
 * PostgreSQL's "HH:MM:SS". The arithmetic lives with the slot engine, which needs it fastest.
 */
export function localInstant(date: string, time: string, zone: string): Date | null {
  const { at, exists } = wallClock(date, time.slice(0, 5), zone);
  return exists ? at : null;
}

/** "HH:MM" of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): string {
  return wallClockOf(instant, zone).time;
}

/** "YYYY-MM-DD" of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): string {
  return wallClockOf(instant, zone).date;
}

/** Today's date in a zone. */
export function todayIn(zone: string, now = new Date()): string {
  return localDateOf(now, zone);
}

/** The instants a local day spans in a zone: [start, end). 23 or 25 hours on DST days. */
export function localDayBounds(date: string, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(date, { zone }).startOf("day");
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/**
 * The instants from the start of local date `first` to the end of `last` on every one of these
 * clocks: what a list spanning locations in several zones must load to show each on its own day.
 */
export function localDaysSpan(first: string, last: string, zones: readonly string[]): { from: Date; to: Date } {
  const starts = zones.map((zone) => localDayBounds(first, zone).start.getTime());
  const ends = zones.map((zone) => localDayBounds(last, zone).end.getTime());
  return { from: new Date(Math.min(...starts)), to: new Date(Math.max(...ends)) };
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() as string;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: "UTC" }).weekday;
}

/** How people name a zone's clock: "New York time" for America/New_York. */
export function zoneLabel(zone: string): string {
  return `${(zone.split("/").pop() ?? zone).replaceAll("_", " ")} time`;
}
