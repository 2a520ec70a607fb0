import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { localDateOf, localDayBounds, localInstant, localTimeOf } from "./local-time";

describe("wall-clock times in a location's zone", () => {
  test("07:00 in London is 07:00 local in winter and in summer", () => {
    const winter = localInstant("2026-01-12", "07:00", "Europe/London");
    const summer = localInstant("2026-07-13", "07:00", "Europe/London");
    expect(winter?.toISOString()).toBe("2026-01-12T07:00:00.000Z");
    expect(summer?.toISOString()).toBe("2026-07-13T06:00:00.000Z");
    expect(localTimeOf(summer as Date, "Europe/London")).toBe("07:00");
  });

  test("a time in the spring-forward gap does not exist", () => {
    expect(localInstant("2026-03-29", "01:30", "Europe/London")).toBeNull();
    expect(localInstant("2026-03-29", "02:00", "Europe/London")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  test("a repeated autumn time resolves to its first occurrence", () => {
    expect(localInstant("2026-10-25", "01:30", "Europe/London")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("DST days are 23 and 25 hours long", () => {
    const spring = localDayBounds("2026-03-29", "Europe/London");
    const autumn = localDayBounds("2026-10-25", "Europe/London");
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });
});

describe("reading an instant off a zone's clock (formatters made once per zone)", () => {
  const zones = [
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe", // a half-hour DST shift
    "Asia/Kolkata",
    "Pacific/Chatham", // +12:45 / +13:45
    "America/St_Johns",
    "UTC",
    "europe/london", // zone names are read whatever their case
    "UTC+3", // a fixed offset only luxon reads
  ];
  /** Every 7 minutes 13 seconds across the year's DST changes in both hemispheres, and midnights. */
  const instants = (() => {
    const list: Date[] = [];
    for (const [from, to] of [
      ["2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"],
      ["2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z"],
      ["2026-09-26T00:00:00Z", "2026-09-28T00:00:00Z"],
      ["2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"],
      ["2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"],
      ["2026-12-31T00:00:00Z", "2027-01-01T12:00:00Z"],
    ] as const) {
      for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000 + 13_000) list.push(new Date(t));
    }
    return list;
  })();

  test.each(zones)("%s: the same date and time as luxon says, at every instant", (zone) => {
    for (const instant of instants) {
      const luxon = DateTime.fromJSDate(instant, { zone });
      expect(`${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`).toBe(
        `${luxon.toISODate()} ${luxon.toFormat("HH:mm")}`,
      );
    }
  });

  test("midnight is 00:00, and a zone's clock is its own, asked in any order", () => {
    const midnight = new Date("2026-06-02T23:00:00Z");
    expect(localTimeOf(midnight, "Europe/London")).toBe("00:00");
    expect(localDateOf(midnight, "Europe/London")).toBe("2026-06-03");
    expect(localDateOf(midnight, "America/New_York")).toBe("2026-06-02");
    expect(localTimeOf(midnight, "America/New_York")).toBe("19:00");
    expect(localTimeOf(midnight, "Europe/London")).toBe("00:00");
  });
});
