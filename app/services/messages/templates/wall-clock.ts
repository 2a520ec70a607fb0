import { DateTime } from "luxon";
import { fullDate } from "~/services/shared/date-words";

/**
 * An instant on a location's clock, for messages. A booking email writes its times four or five
 * times; a luxon DateTime for each, its zone's offset worked out again every time, was most of
 * composing it. One Intl reader per zone answers the local date and time at once, and the words
 * of a day ("Fri 4 Dec") are the same in every zone, so they are kept per local date.
 */

const readers = new Map<string, Intl.DateTimeFormat>();

function readerOf(zone: string) {
  let reader = readers.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    readers.set(zone, reader);
  }
  return reader;
}

let last = { zone: "", time: Number.NaN, read: { date: "", time: "" } };

/** "2026-12-04" and "18:30": the local date and time of an instant in a zone. */
export function wallClock(instant: Date, zone: string) {
  // A message names its start three times (subject, facts, text): read once.
  if (last.zone === zone && last.time === instant.getTime()) return last.read;
  const read = readAt(readerOf(zone), instant);
  last = { zone, time: instant.getTime(), read };
  return read;
}

function readAt(reader: Intl.DateTimeFormat, instant: Date) {
  // "12/04/2026, 18:30", read by position: a third of the cost of formatToParts.
  const text = reader.format(instant);
  if (text.length === 17)
    return { date: `${text.slice(6, 10)}-${text.slice(0, 2)}-${text.slice(3, 5)}`, time: text.slice(12, 17) };
  const at: Record<string, string> = {};
  for (const part of reader.formatToParts(instant)) at[part.type] = part.value;
  return { date: `${at.year}-${at.month}-${at.day}`, time: `${at.hour}:${at.minute}` };
}

/** Words of the days messages have named, by local date; a few hundred a year per studio. */
function remembered(words: (date: string) => string) {
  const known = new Map<string, string>();
  return (date: string) => {
    let said = known.get(date);
    if (said === undefined) {
      if (known.size >= 5000) known.clear();
      said = words(date);
      known.set(date, said);
    }
    return said;
  };
}

/** "Fri 4 Dec", for a local date. */
export const shortDay = remembered((date) =>
  DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat("ccc d LLL"),
);

/** "Friday 4 December 2026", for a local date. */
export const fullDay = remembered(fullDate);
