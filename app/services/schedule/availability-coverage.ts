import { localDateOf, weekdayOf } from "./local-time";
import { localInstant, timeOffSpan } from "./slots";

/**
 * Whether a booked 1:1 session still lies inside its instructor's hours: the rule that keeps an
 * edit to those hours from silently stranding a client. Pure, so the editor can ask it of the
 * hours before and after a change without touching the database.
 */

export type HoursBlock = { weekday: number; startTime: string; endTime: string; locationId: string };
export type HoursException = {
  kind: "time_off" | "extra_hours";
  date: string;
  startTime: string | null;
  endTime: string | null;
  locationId: string | null;
  /** The clock time off was entered on (none: the booking's location's). */
  timezone?: string | null;
};
export type Hours = { blocks: readonly HoursBlock[]; exceptions: readonly HoursException[] };
export type Booked = { startsAt: Date; endsAt: Date; locationId: string; timezone: string };

const hhmm = (time: string) => time.slice(0, 5);

function isCovered(booked: Booked, hours: Hours): boolean {
  const zone = booked.timezone;
  const date = localDateOf(booked.startsAt, zone);
  const span = (start: string, end: string) => ({
    from: localInstant(date, hhmm(start), zone).at.getTime(),
    to: localInstant(date, hhmm(end), zone).at.getTime(),
  });
  const starts = booked.startsAt.getTime();
  const ends = booked.endsAt.getTime();
  const contains = (s: { from: number; to: number }) => s.from <= starts && ends <= s.to;

  const todays = hours.exceptions.filter((e) => e.date === date);
  // Extra hours stand even on a day off, as in the slot engine.
  const extra = todays.some(
    (e) =>
      e.kind === "extra_hours" &&
      e.locationId === booked.locationId &&
      e.startTime &&
      e.endTime &&
      contains(span(e.startTime, e.endTime)),
  );
  if (extra) return true;
  // Time off is the same instants everywhere, so one entered on another clock may fall on
  // another date there.
  const timeOff = hours.exceptions.flatMap((e) =>
    e.kind === "time_off"
      ? [
          timeOffSpan(
            {
              kind: "time_off",
              date: e.date,
              start: e.startTime && e.endTime ? hhmm(e.startTime) : undefined,
              end: e.startTime && e.endTime ? hhmm(e.endTime) : undefined,
              timezone: e.timezone ?? undefined,
            },
            zone,
          ),
        ]
      : [],
  );
  if (timeOff.some((off) => off.from < ends && starts < off.to)) return false;
  const weekday = weekdayOf(date);
  return hours.blocks.some(
    (b) => b.weekday === weekday && b.locationId === booked.locationId && contains(span(b.startTime, b.endTime)),
  );
}

/** The bookings the change strands: inside the hours before it, outside them after. */
export function strandedBy<T extends Booked>(booked: readonly T[], before: Hours, after: Hours): T[] {
  return booked.filter((b) => isCovered(b, before) && !isCovered(b, after));
}
