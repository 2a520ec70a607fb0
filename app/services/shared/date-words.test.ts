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
});
