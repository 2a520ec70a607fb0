import { DateTime } from "luxon";

/**
 * When an SMS may go out, given the studio's quiet hours on the location's clock (21:00 to 08:00
 * by default, so the window usually crosses midnight). A text due inside the window waits for
 * its end; if that would be at or after the class (`notAfter`), it goes out just before the
 * window starts instead, the evening before, unless that moment has passed. Null: no SMS at all.
 *
 * The window is [quietStart, quietEnd): a text may go at 08:00 sharp, and the last moment
 * before the window is 20:59. Equal start and end mean the studio keeps no quiet hours.
 */
export type SmsTiming = {
  desired: Date;
  /** The location's IANA time zone. */
  zone: string;
  /** "21:00" (or PostgreSQL's "21:00:00"). */
  quietStart: string;
  quietEnd: string;
  /** The start of what the text is about: it must go out before this. */
  notAfter: Date | null;
  now: Date;
};

const LAST_MINUTE_BEFORE = { minutes: 1 };

function wallTime(time: string) {
  const [hour, minute] = time.slice(0, 5).split(":").map(Number);
  if (hour === undefined || minute === undefined || Number.isNaN(hour) || Number.isNaN(minute)) {
    throw new Error(`not a wall time: ${time}`);
  }
  return { hour, minute, second: 0, millisecond: 0 };
}

/** The quiet window that holds `at`, or null when `at` is outside every window. */
function windowAround(at: DateTime, quietStart: string, quietEnd: string) {
  const start = wallTime(quietStart);
  const end = wallTime(quietEnd);
  const startsToday = at.set(start);
  // Days are counted on the wall clock (luxon keeps 21:00 as 21:00 across a DST change).
  const opens = startsToday > at ? at.minus({ days: 1 }).set(start) : startsToday;
  const crossesMidnight = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const closes = (crossesMidnight ? opens.plus({ days: 1 }) : opens).set(end);
  return at < closes ? { opens, closes } : null;
}

export function smsSendTime({ desired, zone, quietStart, quietEnd, notAfter, now }: SmsTiming): Date | null {
  if (notAfter && desired >= notAfter) return null;
  if (quietStart.slice(0, 5) === quietEnd.slice(0, 5)) return desired;
  const quiet = windowAround(DateTime.fromJSDate(desired, { zone }), quietStart, quietEnd);
  if (!quiet) return desired;
  const after = quiet.closes.toJSDate();
  if (!notAfter || after < notAfter) return after;
  const before = quiet.opens.minus(LAST_MINUTE_BEFORE).toJSDate();
  return before > now ? before : null;
}
