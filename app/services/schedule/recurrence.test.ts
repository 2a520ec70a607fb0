import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { weekdayOf } from "./local-time";
import { planOccurrences, type SeriesRule, seriesDates } from "./recurrence";

const weekly: SeriesRule = {
  weekday: 1,
  startTime: "18:00",
  endTime: "19:00",
  intervalWeeks: 1,
  validFrom: "2026-11-01",
  validUntil: null,
};

describe("class recurrence", () => {
  test("every Monday from the first Monday on or after valid_from", () => {
    expect(seriesDates(weekly, "2026-11-01", "2026-11-30")).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
    ]);
  });

  test("every other week keeps its rhythm whatever window is asked for", () => {
    const fortnightly = { ...weekly, intervalWeeks: 2 };
    expect(seriesDates(fortnightly, "2026-11-01", "2026-11-30")).toEqual(["2026-11-02", "2026-11-16", "2026-11-30"]);
    expect(seriesDates(fortnightly, "2026-11-10", "2026-12-31")).toEqual([
      "2026-11-16",
      "2026-11-30",
      "2026-12-14",
      "2026-12-28",
    ]);
  });

  test("stops at valid_until and starts no earlier than valid_from", () => {
    const bounded = { ...weekly, validFrom: "2026-11-10", validUntil: "2026-11-23" };
    expect(seriesDates(bounded, "2026-11-01", "2026-12-31")).toEqual(["2026-11-16", "2026-11-23"]);
  });

  test("an 18:00 class is 18:00 local before and after the clocks change", () => {
    const planned = planOccurrences(
      { ...weekly, validFrom: "2026-01-01" },
      "2026-10-19",
      "2026-10-26",
      "Europe/London",
    );
    expect(planned.map((p) => p.startsAt.toISOString())).toEqual([
      "2026-10-19T17:00:00.000Z", // BST
      "2026-10-26T18:00:00.000Z", // GMT
    ]);
  });

  test("a class whose start falls in the spring gap is skipped that day only", () => {
    const early = { ...weekly, weekday: 7, startTime: "01:30", endTime: "02:30", validFrom: "2026-01-01" };
    const planned = planOccurrences(early, "2026-03-22", "2026-04-05", "Europe/London");
    expect(planned.map((p) => p.date)).toEqual(["2026-03-22", "2026-04-05"]);
  });

  test("property: dates fall on the weekday, inside the bounds, a whole number of periods apart", () => {
    const day = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        day,
        day,
        day,
        (weekday, intervalWeeks, validFrom, from, to) => {
          const rule = { ...weekly, weekday, intervalWeeks, validFrom };
          const dates = seriesDates(rule, from, to);
          const all = seriesDates(rule, validFrom, "2030-12-31");
          for (const date of dates) {
            expect(weekdayOf(date)).toBe(weekday);
            expect(date >= from && date <= to && date >= validFrom).toBe(true);
            expect(all).toContain(date);
          }
          // Nothing in the window is missed.
          expect(all.filter((d) => d >= from && d <= to)).toEqual(dates);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
