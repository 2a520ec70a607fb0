import { DateTime, IANAZone } from "luxon";

/**
 * Bookable start times for 1:1 sessions with one instructor at one location on one day.
 * Pure: the caller loads the instructor's weekly pattern, the exceptions around that day, their bookings
 * and classes at every location, and passes `now`; nothing here reads a clock or a database.
 * Slots are calculated, never stored; the database's exclusion constraint still has the last
 * word when two clients race for the same one.
 *
 * Availability is written in wall-clock time at the location (a 07:00 block is 07:00 in winter
 * and in summer); sessions last real time. The one place the two meet is `localInstant` (and
 * its per-day form inside this module).
 */

/** A calendar date at the location, "YYYY-MM-DD". */
export type LocalDate = string;
/** A 24-hour wall-clock time at the location, "HH:MM" (00:00–23:59). */
export type WallTime = string;
/** ISO weekday, as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A recurring stretch of the instructor's week at one location. */
export type WeeklyBlock = {
  weekday: Weekday;
  start: WallTime;
  end: WallTime;
  locationId: string;
  allowsSelfBooking: boolean;
};

/**
 * Time off: no location, the instructor is away everywhere for the same instants. Its date and
 * times (none: the whole day) are read on the clock of `timezone`, the zone it was entered in;
 * without one, on the clock of the location being calculated.
 */
export type TimeOff = { kind: "time_off"; date: LocalDate; start?: WallTime; end?: WallTime; timezone?: string };

/** One date's change to the weekly pattern. */
export type AvailabilityException =
  | TimeOff
  | {
      kind: "extra_hours";
      date: LocalDate;
      start: WallTime;
      end: WallTime;
      locationId: string;
      allowsSelfBooking: boolean;
    };

/** Time the instructor is already committed (a booking or a class), at any location. */
export type Busy = { startsAt: Date; endsAt: Date; locationId: string };

export type SlotRules = {
  /** Distance between candidate starts on the wall clock, counted from each block's start. */
  stepMinutes?: number;
  durationMinutes: number;
  /** Gap required between this session and any other commitment, before and after. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** How many days ahead of today (at the location) clients may book. */
  maxAdvanceDays?: number;
  /** Staff booking a walk-in: the client's notice does not apply, though the past still does. */
  ignoreNotice?: boolean;
  /** Staff booking far ahead: the client's advance window does not apply. */
  ignoreAdvance?: boolean;
};

/** The location's opening hours that day, in its wall-clock time; null when it is closed. */
export type OpeningHours = { open: WallTime; close: WallTime } | null;

/** A published rule that a start breaks, which only an owner or manager may book past. */
export type HoursOverride = "instructor_hours" | "opening_hours";

/** A start the instructor is free for, with the published hours it lies outside (none for a slot). */
export type FreeStart = Slot & { outside: HoursOverride[] };

/** Minutes to get from one location to another; may differ by direction. */
export type TravelTimes = (fromLocationId: string, toLocationId: string) => number;

export type Slot = { startsAt: Date; endsAt: Date; localTime: WallTime; allowsSelfBooking: boolean };

export type SlotsForDayInput = {
  date: LocalDate;
  /** The location's IANA timezone. */
  timezone: string;
  locationId: string;
  blocks: readonly WeeklyBlock[];
  exceptions: readonly AvailabilityException[];
  busy: readonly Busy[];
  rules: SlotRules;
  travel: TravelTimes;
  now: Date;
  /** Omitted: the location keeps no hours, and only the instructor's count. */
  openingHours?: OpeningHours;
};

const DEFAULT_STEP_MINUTES = 30;
/** "Two months": long enough for a block of weekly sessions, short enough that patterns still hold. */
const DEFAULT_MAX_ADVANCE_DAYS = 62;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The first instant at which the clocks at `zone` show `time` on `date`, or later.
 * - An ordinary time: that instant.
 * - Clocks going back show the time twice: the first occurrence. (Luxon's DateTime picks either
 *   one, the second in London and the first in Sydney, so we do not ask it to choose.)
 * - Clocks going forward skip the time: `exists` is false and `at` is the moment they jump,
 *   which is where a block ending inside the gap really ends.
 */
export function localInstant(date: LocalDate, time: WallTime, zone: string): { at: Date; exists: boolean } {
  const { at, exists } = wallClockOn(parseDate(date), zone)(minutesOf(time));
  return { at: new Date(at), exists };
}

type CalendarDay = { year: number; month: number; day: number };
type Placement = { at: number; exists: boolean };

/**
 * `localInstant` for every time of one day, as epoch milliseconds, with luxon's copy of the tz
 * database for the offsets. Assumes a zone never changes its clocks twice within three days
 * (luxon's getPossibleOffsets assumes the same).
 */
function wallClockOn(date: CalendarDay, zone: string): (minutes: number) => Placement {
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const iana = IANAZone.create(zone);
  // The day's instants lie within 14 hours of its UTC span: these two offsets are all it can see.
  const earlier = iana.offset(midnight - DAY_MS);
  const later = iana.offset(midnight + 2 * DAY_MS);
  const atOffset = (asUtc: number, offset: number) => asUtc - offset * MINUTE_MS;
  if (earlier === later) return (minutes) => ({ at: atOffset(midnight + minutes * MINUTE_MS, earlier), exists: true });

  return (minutes) => {
    const asUtc = midnight + minutes * MINUTE_MS;
    // The time happens under an offset if that offset is in force at the instant it gives.
    const real = [earlier, later].flatMap((offset) =>
      iana.offset(atOffset(asUtc, offset)) === offset ? [offset] : [],
    );
    if (real.length > 0) return { at: Math.min(...real.map((offset) => atOffset(asUtc, offset))), exists: true };
    // Skipped. Read with the offset after the change, the time gives an instant before the jump;
    // read with the one before, an instant after. The clock only moves forward in between, so a
    // search on whole minutes finds the first instant that shows this time or later.
    let before = atOffset(asUtc, Math.max(earlier, later));
    let after = atOffset(asUtc, Math.min(earlier, later));
    while (after - before > MINUTE_MS) {
      const middle = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
      if (middle + iana.offset(middle) * MINUTE_MS >= asUtc) after = middle;
      else before = middle;
    }
    return { at: after, exists: false };
  };
}

/** The start times a client (or staff, when the block does not allow self-booking) may book. */
export function slotsForDay(input: SlotsForDayInput): Slot[] {
  const day = dayOf(input);
  if (!day) return [];
  return startsWithin(input, day, day.openings).filter((slot) => withinOpening(input, day, slot));
}

/**
 * Every start on the day's grid (counted from midnight, plus the published slots) that the
 * instructor is free for, whatever their hours and the location's: for an owner or manager
 * booking past them, each start says which published hours it lies outside. Commitments with
 * their buffer and journeys, the past, and (unless ignored) notice and advance still hold.
 */
export function freeStartsForDay(input: SlotsForDayInput): FreeStart[] {
  const day = dayOf(input);
  if (!day) return [];
  const published = new Map(startsWithin(input, day, day.openings).map((slot) => [slot.localTime, slot]));
  const wholeDay = { from: 0, to: 24 * 60, allowsSelfBooking: false, honoursTimeOff: false };
  const starts = new Map(startsWithin(input, day, [wholeDay]).map((slot) => [slot.localTime, slot]));
  for (const [time, slot] of published) starts.set(time, slot);
  return [...starts.values()]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((slot) => {
      const outside: HoursOverride[] = [];
      if (!published.has(slot.localTime)) outside.push("instructor_hours");
      if (!withinOpening(input, day, slot)) outside.push("opening_hours");
      return { ...slot, outside };
    });
}

/**
 * What a start booked by staff goes past of the client's own limits: the minimum notice and
 * the advance window (days ahead of today at the location).
 */
export function clientLimitsPassed(
  startsAt: Date,
  input: { timezone: string; now: Date; minNoticeMinutes: number; maxAdvanceDays?: number },
): ("min_notice" | "max_advance")[] {
  const passed: ("min_notice" | "max_advance")[] = [];
  if (startsAt.getTime() < input.now.getTime() + input.minNoticeMinutes * MINUTE_MS) passed.push("min_notice");
  const start = DateTime.fromJSDate(startsAt, { zone: input.timezone }).startOf("day");
  const today = DateTime.fromJSDate(input.now, { zone: input.timezone }).startOf("day");
  if (Math.round(start.diff(today, "days").days) > (input.maxAdvanceDays ?? DEFAULT_MAX_ADVANCE_DAYS))
    passed.push("max_advance");
  return passed;
}

/**
 * The instructor's published hours that day at the location (weekly blocks unless the day is
 * off, and extra hours), as wall-clock ranges: what an out-of-hours booking names.
 */
export function publishedHoursForDay(input: SlotsForDayInput): { start: WallTime; end: WallTime }[] {
  const step = input.rules.stepMinutes ?? DEFAULT_STEP_MINUTES;
  validate(input, step, input.rules.maxAdvanceDays ?? DEFAULT_MAX_ADVANCE_DAYS);
  const day = openingsOf(input, step);
  // Weekly hours wholly inside time off are not on offer that day.
  const offered = day.openings.filter(
    (o) =>
      !o.honoursTimeOff || !day.timeOff.some((off) => off.from <= day.place(o.from).at && day.place(o.to).at <= off.to),
  );
  return offered
    .map((o) => ({ start: formatMinutes(o.from), end: formatMinutes(o.to) }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

type Opening = { from: number; to: number; allowsSelfBooking: boolean; honoursTimeOff: boolean };
type Day = {
  place: (minutes: number) => Placement;
  openings: Opening[];
  timeOff: { from: number; to: number }[];
  step: number;
};

/** The day's clock, weekly openings and time off, or null when the day cannot be booked at all. */
function dayOf(input: SlotsForDayInput): Day | null {
  const { date, timezone: zone, rules, now } = input;
  const step = rules.stepMinutes ?? DEFAULT_STEP_MINUTES;
  const maxAdvanceDays = rules.maxAdvanceDays ?? DEFAULT_MAX_ADVANCE_DAYS;
  validate(input, step, maxAdvanceDays);

  // Days are the location's: at 23:30 in London it is already tomorrow in Sydney.
  const day = parseDate(date);
  const localNow = DateTime.fromJSDate(now, { zone });
  const daysAhead =
    (Date.UTC(day.year, day.month - 1, day.day) - Date.UTC(localNow.year, localNow.month - 1, localNow.day)) / DAY_MS;
  if (daysAhead < 0 || (!rules.ignoreAdvance && daysAhead > maxAdvanceDays)) return null;
  return openingsOf(input, step);
}

/** The day's clock, the instructor's openings at the location and their time off. */
function openingsOf(input: SlotsForDayInput, step: number): Day {
  const { date, timezone: zone, locationId } = input;
  const day = parseDate(date);

  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7; // ISO: Sunday is 7
  const place = wallClockOn(day, zone);
  const todays = input.exceptions.filter((exception) => exception.date === date);
  // Time off entered on another clock may reach into this date from the one before or after.
  const timeOff = input.exceptions.flatMap((e) => (e.kind === "time_off" ? [timeOffSpan(e, zone)] : []));

  // Time off narrows the weekly pattern; extra hours are added for the date on purpose, so they
  // stand even on a day off ("off all day, but I'll do 18:00–20:00").
  const openings = [
    ...input.blocks
      .filter((b) => b.weekday === weekday && b.locationId === locationId)
      .map((b) => ({
        from: minutesOf(b.start),
        to: minutesOf(b.end),
        allowsSelfBooking: b.allowsSelfBooking,
        honoursTimeOff: true,
      })),
    ...todays.flatMap((e) =>
      e.kind === "extra_hours" && e.locationId === locationId
        ? [
            {
              from: minutesOf(e.start),
              to: minutesOf(e.end),
              allowsSelfBooking: e.allowsSelfBooking,
              honoursTimeOff: false,
            },
          ]
        : [],
    ),
  ];
  return { place, openings, timeOff, step };
}

/** The grid's starts inside `openings` that the instructor is free for, one per wall time. */
function startsWithin(input: SlotsForDayInput, day: Day, openings: Opening[]): Slot[] {
  const { rules, now, locationId } = input;
  const { place, step, timeOff } = day;
  const durationMs = rules.durationMinutes * MINUTE_MS;
  // Notice waived, a start must still lie ahead of now.
  const earliest = rules.ignoreNotice ? now.getTime() + 1 : now.getTime() + rules.minNoticeMinutes * MINUTE_MS;
  const commitments = input.busy.map((b) => gapsAround(b, locationId, rules.bufferMinutes, input.travel));
  const byLocalTime = new Map<WallTime, Slot>();

  for (const opening of openings) {
    const openUntil = place(opening.to).at;
    for (let minutes = opening.from; minutes < opening.to; minutes += step) {
      const start = place(minutes);
      if (!start.exists) continue; // skipped by the clocks going forward
      const startsAt = start.at;
      const endsAt = startsAt + durationMs;
      // Later wall times never start earlier, so nothing after this fits either.
      if (endsAt > openUntil) break;
      if (startsAt < earliest) continue;
      if (opening.honoursTimeOff && timeOff.some((off) => off.from < endsAt && startsAt < off.to)) continue;
      if (commitments.some((c) => c.from - c.arriving < endsAt && startsAt < c.to + c.leaving)) continue;
      const localTime = formatMinutes(minutes);
      const existing = byLocalTime.get(localTime);
      if (existing) existing.allowsSelfBooking ||= opening.allowsSelfBooking;
      else {
        byLocalTime.set(localTime, {
          startsAt: new Date(startsAt),
          endsAt: new Date(endsAt),
          localTime,
          allowsSelfBooking: opening.allowsSelfBooking,
        });
      }
    }
  }
  return [...byLocalTime.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Whether a session starts and ends within the location's opening hours that day. */
function withinOpening(input: SlotsForDayInput, day: Day, slot: Slot): boolean {
  const hours = input.openingHours;
  if (hours === undefined) return true;
  if (hours === null) return false;
  return (
    slot.startsAt.getTime() >= day.place(minutesOf(hours.open)).at &&
    slot.endsAt.getTime() <= day.place(minutesOf(hours.close)).at
  );
}

/**
 * The instants a time off covers, as epoch milliseconds [from, to): its times, or its whole day,
 * on its own clock (`locationZone` when it has none).
 */
export function timeOffSpan(off: TimeOff, locationZone: string): { from: number; to: number } {
  const day = parseDate(off.date);
  const place = wallClockOn(day, off.timezone ?? locationZone);
  if (off.start === undefined || off.end === undefined) {
    const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
    const nextDay = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    return { from: place(0).at, to: wallClockOn(nextDay, off.timezone ?? locationZone)(0).at };
  }
  return { from: place(minutesOf(off.start)).at, to: place(minutesOf(off.end)).at };
}

/**
 * A commitment with the time a session here must leave clear on either side of it: the buffer,
 * or the journey when it is elsewhere and longer. `arriving` is the gap before the commitment
 * (travelling from here to it), `leaving` the gap after it (travelling from it to here).
 */
function gapsAround(busy: Busy, here: string, buffer: number, travel: TravelTimes) {
  const elsewhere = busy.locationId !== here;
  const arriving = elsewhere ? Math.max(buffer, journey(travel, here, busy.locationId)) : buffer;
  const leaving = elsewhere ? Math.max(buffer, journey(travel, busy.locationId, here)) : buffer;
  return {
    from: busy.startsAt.getTime(),
    to: busy.endsAt.getTime(),
    arriving: arriving * MINUTE_MS,
    leaving: leaving * MINUTE_MS,
  };
}

function journey(travel: TravelTimes, from: string, to: string): number {
  const minutes = travel(from, to);
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`Travel time ${from} → ${to} is ${minutes}`);
  return minutes;
}

function validate(input: SlotsForDayInput, step: number, maxAdvanceDays: number): void {
  const { rules } = input;
  parseDate(input.date);
  // create() caches each zone; isValidZone() would build a new Intl formatter on every call.
  if (!IANAZone.create(input.timezone).isValid) throw new Error(`Unknown timezone "${input.timezone}"`);
  if (Number.isNaN(input.now.getTime())) throw new Error("now is an invalid Date");
  const counts: [string, number, number][] = [
    ["stepMinutes", step, 1],
    ["durationMinutes", rules.durationMinutes, 1],
    ["bufferMinutes", rules.bufferMinutes, 0],
    ["minNoticeMinutes", rules.minNoticeMinutes, 0],
    ["maxAdvanceDays", maxAdvanceDays, 0],
  ];
  for (const [name, value, least] of counts) {
    if (!Number.isInteger(value) || value < least)
      throw new Error(`${name} must be an integer ≥ ${least}, got ${value}`);
  }
  for (const block of input.blocks) {
    if (!Number.isInteger(block.weekday) || block.weekday < 1 || block.weekday > 7) {
      throw new Error(`Block weekday must be 1 (Monday) to 7 (Sunday), got ${block.weekday}`);
    }
    checkRange("Block", block.start, block.end);
  }
  for (const exception of input.exceptions) {
    const { date, start, end } = exception;
    parseDate(date);
    if (exception.kind === "time_off" && exception.timezone && !IANAZone.create(exception.timezone).isValid)
      throw new Error(`Unknown timezone "${exception.timezone}" of time off on ${date}`);
    if (exception.kind === "time_off" && start === undefined && end === undefined) continue; // the whole day
    if (start === undefined || end === undefined) {
      throw new Error(`Time off on ${date} needs both start and end, or neither for the whole day`);
    }
    checkRange(`${exception.kind} on ${date}`, start, end);
  }
  if (input.openingHours) checkRange("Opening hours", input.openingHours.open, input.openingHours.close);
  for (const busy of input.busy) {
    if (!(busy.endsAt.getTime() > busy.startsAt.getTime())) {
      throw new Error(`Busy interval at ${busy.locationId} must end after it starts`);
    }
  }
}

function checkRange(what: string, start: WallTime, end: WallTime): void {
  if (minutesOf(end) <= minutesOf(start)) throw new Error(`${what} must end after it starts: ${start}–${end}`);
}

function parseDate(date: LocalDate): CalendarDay {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const roundTrip = new Date(Date.UTC(year, month - 1, day));
  if (!DATE_PATTERN.test(date) || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) {
    throw new Error(`Date must be YYYY-MM-DD, got "${date}"`);
  }
  return { year, month, day };
}

function parseTime(time: WallTime): { hour: number; minute: number } {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new Error(`Time must be HH:MM between 00:00 and 23:59, got "${time}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function minutesOf(time: WallTime): number {
  const { hour, minute } = parseTime(time);
  return hour * 60 + minute;
}

function formatMinutes(minutes: number): WallTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
