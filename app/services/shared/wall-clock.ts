import { DateTime } from "luxon";

/**
 * The local date and time of an instant in a zone, through one Intl formatter per zone made
 * once and reused. A luxon DateTime per reading, its zone's offset worked out again each time,
 * was a tenth of a busy day's schedule and most of composing a booking email (decision 0021).
 * Null: a zone Intl does not know (a fixed offset such as "UTC+3"), read through luxon as before.
 */
const readers = new Map<string, Intl.DateTimeFormat | null>();

function readerOf(zone: string): Intl.DateTimeFormat | null {
  let reader = readers.get(zone);
  if (reader === undefined) {
    try {
      // "12/04/2026, 18:30": fixed places, midnight as 00 (h23), not 24.
      reader = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      });
    } catch {
      reader = null;
    }
    readers.set(zone, reader);
  }
  return reader;
}

export type WallClock = { date: string; time: string };

let last = { zone: "", time: Number.NaN, read: { date: "", time: "" } };

/**
 * "2026-12-04" and "18:30": the local date and time of an instant in a zone. Pages and messages
 * ask for the date and then the time of the same instant (a class's start, a booking's), so the
 * last reading is kept.
 */
export function wallClockOf(instant: Date, zone: string): WallClock {
  const time = instant.getTime();
  if (last.time === time && last.zone === zone) return last.read;
  const read = readWallClock(instant, zone);
  last = { zone, time, read };
  return read;
}

function readWallClock(instant: Date, zone: string): WallClock {
  const reader = Number.isNaN(instant.getTime()) ? null : readerOf(zone);
  if (!reader) {
    const local = DateTime.fromJSDate(instant, { zone });
    return { date: local.toISODate() as string, time: local.toFormat("HH:mm") };
  }
  // Read by position: a third of the cost of formatToParts, which is left for odd years.
  const text = reader.format(instant);
  if (text.length === 17)
    return { date: `${text.slice(6, 10)}-${text.slice(0, 2)}-${text.slice(3, 5)}`, time: text.slice(12, 17) };
  const at: Record<string, string> = {};
  for (const part of reader.formatToParts(instant)) at[part.type] = part.value;
  return { date: `${(at.year ?? "").padStart(4, "0")}-${at.month}-${at.day}`, time: `${at.hour}:${at.minute}` };
}
