import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { fullDateAt } from "~/services/shared/date-words";
import type { BookingFacts } from "./facts";
import { longWhen, shortWhen, timeAt } from "./facts";

/** What the messages wrote with a luxon DateTime per field, before the per-zone readers. */
const luxonClock = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).setLocale("en-GB");
const luxonTimeAt = (instant: Date, zone: string) => luxonClock(instant, zone).toFormat("HH:mm");
const luxonShortWhen = (instant: Date, zone: string) => luxonClock(instant, zone).toFormat("ccc d LLL HH:mm");

const ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "America/New_York",
  "America/St_Johns",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "UTC",
];

/** Every 7 h 13 min for two years (both DST changes of every zone, midnights, month ends), and the changes themselves. */
function instants() {
  const all: Date[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 433 * 60 * 1000) all.push(new Date(t));
  for (const iso of ["2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:00Z", "2026-10-25T01:00:00Z"])
    all.push(new Date(iso));
  return all;
}

describe("message times on the location's clock", () => {
  test("read as luxon wrote them, in every kind of zone, across DST changes and midnights", () => {
    const mismatches: string[] = [];
    for (const zone of ZONES) {
      for (const instant of instants()) {
        const end = new Date(instant.getTime() + 75 * 60 * 1000);
        const b = { startsAt: instant, endsAt: end, zone } as BookingFacts;
        const expected = [
          luxonTimeAt(instant, zone),
          luxonShortWhen(instant, zone),
          `${fullDateAt(instant, zone)}, ${luxonTimeAt(instant, zone)}–${luxonTimeAt(end, zone)}`,
        ];
        const actual = [timeAt(instant, zone), shortWhen(instant, zone), longWhen(b)];
        if (actual.join("|") !== expected.join("|"))
          mismatches.push(`${zone} ${instant.toISOString()}: ${actual} != ${expected}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
