import { DateTime } from "luxon";
import { wallClockOf } from "./wall-clock";

/**
 * How the studio writes a day, in one place so every client page reads the same: "Friday 4
 * December 2026", never "2026-12-04" or "4 Dec 2026". Lists of the coming days may leave the
 * year out ("Friday 4 December"); the weekday always comes first.
 */
const FULL_DATE = "cccc d LLLL yyyy";
const DAY_DATE = "cccc d LLLL";
const SHORT_DATE = "ccc d LLL";

/**
 * A date's words are kept: every booking's answer and every schedule row writes one of the same
 * few dates, and luxon's formatting (with a zone's offset before it) was most of composing a
 * booking's answer (decision 0021). Bounded: the oldest date is forgotten first.
 */
const WORDS_KEPT = 2_000;
const written = new Map<string, string>();

function inWords(date: string, format: string): string {
  const key = `${format}\u0000${date}`;
  let words = written.get(key);
  if (words === undefined) {
    words = DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat(format);
    if (written.size >= WORDS_KEPT) written.delete(written.keys().next().value as string);
    written.set(key, words);
  }
  return words;
}

/** "Friday 4 December 2026", for a local date ("2026-12-04"). */
export const fullDate = (date: string) => inWords(date, FULL_DATE);
/** "Friday 4 December 2026", the local day an instant falls on in a time zone. */
export const fullDateAt = (instant: Date, zone: string) => fullDate(wallClockOf(instant, zone).date);
/** "Friday 4 December", for a local date in the coming weeks. */
export const dayDate = (date: string) => inWords(date, DAY_DATE);
/** "Friday 4 December", the local day an instant falls on in a time zone. */
export const dayDateAt = (instant: Date, zone: string) => dayDate(wallClockOf(instant, zone).date);
/** "Fri 4 Dec", for a local date (a message's subject or a text, where room is short). */
export const shortDate = (date: string) => inWords(date, SHORT_DATE);
