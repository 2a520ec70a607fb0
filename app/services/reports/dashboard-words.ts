import { DateTime } from "luxon";
import type { DashboardPeriod } from "~/models/report-periods.server";
import { addDays } from "~/services/schedule/local-time";

/**
 * How the dashboard names its periods and says how a figure moved, in one place. The dates
 * mirror what `withPeriods` counts: each period "so far" (up to and including today) beside the
 * same stretch one period back.
 */

export type PeriodDates = { from: string; to: string; previousFrom: string; previousTo: string };

const onDate = (date: string) => DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB");

/** The local days a period covers on a clock whose today is `today`, and its previous stretch. */
export function periodDates(period: DashboardPeriod, today: string): PeriodDates {
  if (period === "today")
    return { from: today, to: today, previousFrom: addDays(today, -1), previousTo: addDays(today, -1) };
  if (period === "week") {
    const monday = addDays(today, 1 - onDate(today).weekday);
    return { from: monday, to: today, previousFrom: addDays(monday, -7), previousTo: addDays(today, -7) };
  }
  const first = onDate(today).startOf("month");
  // One month back from the 31st is the last day of a shorter month, as PostgreSQL counts it.
  const previousTo = onDate(today).minus({ months: 1 });
  return {
    from: first.toISODate() as string,
    to: today,
    previousFrom: first.minus({ months: 1 }).toISODate() as string,
    previousTo: previousTo.toISODate() as string,
  };
}

/** "Monday 19 to Sunday 25 October", "Saturday 31 October to Sunday 1 November", "Sunday 25 October". */
export function dayRange(from: string, to: string, withWeekday = true): string {
  const day = withWeekday ? "cccc d" : "d";
  if (from === to) return onDate(to).toFormat(`${day} LLLL`);
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  return `${onDate(from).toFormat(sameMonth ? day : `${day} LLLL`)} to ${onDate(to).toFormat(`${day} LLLL`)}`;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${suffix}`;
};

export type PeriodWords = {
  title: string;
  /** What the period covers and what it is set beside, in a sentence. */
  description: string;
  /** The previous stretch in a few words, for "+12% on last week to Sunday". */
  against: string;
};

export function periodWords(period: DashboardPeriod, dates: PeriodDates): PeriodWords {
  if (period === "today")
    return {
      title: "Today",
      description: `Today so far, ${dayRange(dates.from, dates.to)}, beside yesterday`,
      against: "yesterday",
    };
  if (period === "week") {
    const weekday = onDate(dates.to).toFormat("cccc");
    return {
      title: "This week",
      description: `This week so far, ${dayRange(dates.from, dates.to)}, beside last week to ${weekday} (${dayRange(dates.previousFrom, dates.previousTo)})`,
      against: `last week to ${weekday}`,
    };
  }
  const lastDay = ordinal(onDate(dates.previousTo).day);
  return {
    title: "This month",
    description: `This month so far, ${dayRange(dates.from, dates.to, false)}, beside last month to the ${lastDay} (${dayRange(dates.previousFrom, dates.previousTo, false)})`,
    against: `last month to the ${lastDay}`,
  };
}

/** "+12% on last week to Sunday", "−5% on yesterday", "the same as yesterday"; from nothing, no percent. */
export function changeWords(current: number, previous: number, against: string): string {
  if (current === previous) return `the same as ${against}`;
  if (previous === 0) return `up from nothing ${against}`;
  const percent = Math.round(((current - previous) / Math.abs(previous)) * 100);
  if (percent === 0) return `about the same as ${against}`;
  return `${percent > 0 ? "+" : "−"}${Math.abs(percent)}% on ${against}`;
}

/** A rate's move in percentage points: "+5 points on yesterday"; nothing to compare with, null. */
export function pointsWords(current: number | null, previous: number | null, against: string): string | null {
  if (current === null || previous === null) return null;
  const points = current - previous;
  if (points === 0) return `the same as ${against}`;
  return `${points > 0 ? "+" : "−"}${Math.abs(points)} ${Math.abs(points) === 1 ? "point" : "points"} on ${against}`;
}

/** A whole percent of `part` in `whole`, or null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
