import { addDays, localInstant, weekdayOf } from "./local-time";

/** A class series' rule: a weekday and local times, every `intervalWeeks` weeks, within dates. */
export type SeriesRule = {
  weekday: number;
  startTime: string;
  endTime: string;
  intervalWeeks: number;
  validFrom: string;
  validUntil: string | null;
};

export type PlannedOccurrence = { date: string; startsAt: Date; endsAt: Date };

/** The first date on or after `validFrom` that falls on the rule's weekday: the series' anchor. */
function anchorDate(rule: SeriesRule): string {
  const shift = (rule.weekday - weekdayOf(rule.validFrom) + 7) % 7;
  return addDays(rule.validFrom, shift);
}

/** Dates in [from, to] (inclusive, "YYYY-MM-DD") on which the series meets. */
export function seriesDates(rule: SeriesRule, from: string, to: string): string[] {
  const step = 7 * rule.intervalWeeks;
  const last = rule.validUntil && rule.validUntil < to ? rule.validUntil : to;
  const dates: string[] = [];
  let date = anchorDate(rule);
  if (date < from) {
    // Jump whole periods to the first meeting on or after `from`, keeping the series' rhythm.
    const daysBehind = Math.round((Date.parse(from) - Date.parse(date)) / 86_400_000);
    date = addDays(date, Math.ceil(daysBehind / step) * step);
  }
  for (; date <= last; date = addDays(date, step)) dates.push(date);
  return dates;
}

/**
 * The series' meetings between two dates as instants in the location's zone. A start that
 * falls in a spring-forward gap is skipped (there is no such time that day); the class keeps
 * its wall-clock time on both sides of every change.
 */
export function planOccurrences(rule: SeriesRule, from: string, to: string, zone: string): PlannedOccurrence[] {
  const planned: PlannedOccurrence[] = [];
  for (const date of seriesDates(rule, from, to)) {
    const startsAt = localInstant(date, rule.startTime, zone);
    const endsAt = localInstant(date, rule.endTime, zone);
    if (startsAt && endsAt && endsAt > startsAt) planned.push({ date, startsAt, endsAt });
  }
  return planned;
}
