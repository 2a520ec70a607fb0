import { DateTime } from "luxon";
import { dayDate } from "~/services/shared/date-words";
import { addDays, weekdayOf } from "./local-time";

/**
 * Calendar arithmetic on plain dates ("2026-03-29"). Dates are labels for local days: which
 * instants a day spans is the location's business (`localDayBounds`), not this file's.
 */

/** The Monday of the week a date falls in (weeks run Monday to Sunday, as in the UK). */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The seven dates of the week a date falls in. */
export function weekDates(date: string): string[] {
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: string, months: number): string {
  return DateTime.fromISO(monthStart(date), { zone: "UTC" }).plus({ months }).toISODate() as string;
}

/**
 * The whole weeks that cover a date's month, Monday first: what a month grid shows, including
 * the neighbouring months' days that fill its first and last rows.
 */
export function monthGrid(date: string): { date: string; inMonth: boolean }[][] {
  const first = monthStart(date);
  const next = addMonths(date, 1);
  const weeks: { date: string; inMonth: boolean }[][] = [];
  for (let monday = weekStart(first); monday < next; monday = addDays(monday, 7)) {
    weeks.push(weekDates(monday).map((d) => ({ date: d, inMonth: d >= first && d < next })));
  }
  return weeks;
}

const label = (date: string, format: string) =>
  DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat(format);

/** "Sunday 29 March" */
export const dayLabel = dayDate;
/** "Sun 29 Mar" */
export const shortDayLabel = (date: string) => label(date, "ccc d LLL");
/** "March 2026" */
export const monthLabel = (date: string) => label(date, "LLLL yyyy");
