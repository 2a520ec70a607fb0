import { describe, expect, test } from "vitest";
import { checkInTiming } from "./check-in-window";

// Pure: the window is instants, its reasons are written on the location's clock. The service
// around it is tried at its edges against the database in check-in-matrix.server.test.ts.
const DEFAULTS = { checkInOpensMinutes: 30, checkInClosesMinutes: 15 };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const shifted = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

describe("the check-in window on a day the clocks change", () => {
  test("London, last Sunday of March: a class at 02:15 BST opens at 00:45 GMT, thirty real minutes earlier", () => {
    // 01:00 GMT became 02:00 BST; 02:15 BST is 01:15 UTC.
    const startsAt = new Date("2027-03-28T01:15:00Z");
    const early = checkInTiming(startsAt, DEFAULTS, "Europe/London", shifted(startsAt, -30 * MINUTE - SECOND));
    expect(early).toMatchObject({
      open: false,
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 00:45, 30 minutes before the start.",
    });
    expect(checkInTiming(startsAt, DEFAULTS, "Europe/London", shifted(startsAt, -30 * MINUTE)).open).toBe(true);
  });

  test("London, last Sunday of March: a class at 03:00 BST opens at 02:30 BST", () => {
    const startsAt = new Date("2027-03-28T02:00:00Z");
    expect(checkInTiming(startsAt, DEFAULTS, "Europe/London", new Date("2027-03-28T00:30:00Z"))).toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 02:30, 30 minutes before the start.",
    });
  });

  test("London, last Sunday of October: the first 01:30 (BST) closes at 01:45 BST, before the clocks go back", () => {
    const first = new Date("2027-10-31T00:30:00Z");
    expect(checkInTiming(first, DEFAULTS, "Europe/London", shifted(first, 15 * MINUTE)).open).toBe(true);
    expect(checkInTiming(first, DEFAULTS, "Europe/London", shifted(first, 15 * MINUTE + SECOND))).toMatchObject({
      code: "CHECK_IN_CLOSED",
      message: "Check-in closed at 01:45, 15 minutes after the start. The instructor marks attendance now.",
    });
  });

  test("London, last Sunday of October: the second 01:30 (GMT) opens at 01:00 GMT, an hour after the first", () => {
    const second = new Date("2027-10-31T01:30:00Z");
    const first = new Date("2027-10-31T00:30:00Z");
    // Ten minutes after the first class's window closed, the second's is not open yet.
    expect(checkInTiming(second, DEFAULTS, "Europe/London", shifted(first, 25 * MINUTE))).toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 01:00, 30 minutes before the start.",
    });
    expect(checkInTiming(second, DEFAULTS, "Europe/London", new Date("2027-10-31T01:00:00Z")).open).toBe(true);
  });

  test("London, last Sunday of October: a class at 03:00 GMT opens at 02:30 GMT", () => {
    const startsAt = new Date("2027-10-31T03:00:00Z");
    expect(checkInTiming(startsAt, DEFAULTS, "Europe/London", new Date("2027-10-31T01:00:00Z"))).toMatchObject({
      message: "Check-in opens at 02:30, 30 minutes before the start.",
    });
  });

  test("New York, second Sunday of March: a class at 03:00 EDT opens at 01:30 EST", () => {
    const startsAt = new Date("2027-03-14T07:00:00Z");
    expect(checkInTiming(startsAt, DEFAULTS, "America/New_York", new Date("2027-03-14T05:00:00Z"))).toMatchObject({
      message: "Check-in opens at 01:30, 30 minutes before the start.",
    });
  });
});

describe("the check-in window's words", () => {
  test("New York on an ordinary evening: 18:00 there is 23:00 UTC, opening at 17:30 and closing at 18:15", () => {
    const startsAt = new Date("2026-12-07T23:00:00Z");
    expect(checkInTiming(startsAt, DEFAULTS, "America/New_York", new Date("2026-12-07T22:00:00Z"))).toMatchObject({
      message: "Check-in opens at 17:30, 30 minutes before the start.",
    });
    expect(checkInTiming(startsAt, DEFAULTS, "America/New_York", new Date("2026-12-07T23:20:00Z"))).toMatchObject({
      message: "Check-in closed at 18:15, 15 minutes after the start. The instructor marks attendance now.",
    });
  });

  test("a day early, the reason names the day as well as the time", () => {
    const startsAt = new Date("2026-12-07T18:00:00Z");
    expect(checkInTiming(startsAt, DEFAULTS, "Europe/London", new Date("2026-12-06T18:00:00Z"))).toMatchObject({
      message: "Check-in opens at 17:30 on Monday 7 December, 30 minutes before the start.",
    });
  });
});
