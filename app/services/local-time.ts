import { DateTime } from "luxon";

/**
 * The one place wall-clock rules (availability, class times, opening hours) become instants.
 * `date` is "YYYY-MM-DD" and `time` "HH:MM" (or "HH:MM:SS" from PostgreSQL) in `zone`.
 * Returns null for a wall time that does not exist that day (the spring-forward gap); an
 * ambiguous wall time (the autumn repeat) resolves to its first occurrence.
 */
export function localInstant(date: string, time: string, zone: string): Date | null {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const local = DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!local.isValid || local.hour !== hour || local.minute !== minute) return null;
  // luxon picks the later offset for an ambiguous time; step back an hour if the earlier exists too.
  const earlier = local.minus({ hours: 1 });
  if (earlier.hour === hour && earlier.minute === minute) return earlier.toJSDate();
  return local.toJSDate();
}

/** "HH:MM" of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
}

/** "YYYY-MM-DD" of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
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

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() as string;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: "UTC" }).weekday;
}
