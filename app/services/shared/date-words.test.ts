import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { dayDate, dayDateAt, fullDate, fullDateAt } from "./date-words";

describe("dates the studio's way", () => {
  test("a date reads weekday, day, month and year", () => {
    expect(fullDate("2026-12-04")).toBe("Friday 4 December 2026");
    expect(dayDate("2026-12-04")).toBe("Friday 4 December");
  });
  test("an instant reads as the day it falls on in the location's zone", () => {
    const lateInLondon = new Date("2026-12-04T23:30:00Z");
    expect(fullDateAt(lateInLondon, "Europe/London")).toBe("Friday 4 December 2026");
    expect(fullDateAt(lateInLondon, "Europe/Berlin")).toBe("Saturday 5 December 2026");
    expect(dayDateAt(lateInLondon, "America/New_York")).toBe("Friday 4 December");
  });
  test("kept words are the same words, for many dates and zones", () => {
    for (let day = 0; day < 3_000; day += 7) {
      const instant = new Date(Date.UTC(2026, 0, 1, 23, 30) + day * 86_400_000);
      for (const zone of ["Europe/London", "Pacific/Auckland", "America/Los_Angeles"]) {
        const local = DateTime.fromJSDate(instant, { zone }).setLocale("en-GB");
        expect(fullDateAt(instant, zone)).toBe(local.toFormat("cccc d LLLL yyyy"));
        expect(dayDateAt(instant, zone)).toBe(local.toFormat("cccc d LLLL"));
      }
    }
  });
});
