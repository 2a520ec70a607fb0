import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type AvailabilityException,
  type Busy,
  clientLimitsPassed,
  freeStartsForDay,
  localInstant,
  publishedHoursForDay,
  type Slot,
  type SlotsForDayInput,
  slotsForDay,
  type TimeOff,
  type Weekday,
  type WeeklyBlock,
} from "./slots";

const A = "studio-a";
const B = "studio-b";

// 2026-01-12 is a Monday in winter, when London's clocks read UTC: local times are the Z times.
const MONDAY = "2026-01-12";
const block = (start: string, end: string, extra: Partial<WeeklyBlock> = {}): WeeklyBlock => ({
  weekday: 1,
  start,
  end,
  locationId: A,
  allowsSelfBooking: true,
  ...extra,
});
const busy = (locationId: string, from: string, to: string, date = MONDAY): Busy => ({
  startsAt: new Date(`${date}T${from}:00Z`),
  endsAt: new Date(`${date}T${to}:00Z`),
  locationId,
});

const BASE: SlotsForDayInput = {
  date: MONDAY,
  timezone: "Europe/London",
  locationId: A,
  blocks: [block("09:00", "12:00")],
  exceptions: [],
  busy: [],
  // Far enough ahead for the clock-change days below; the default of 62 has its own test.
  rules: { stepMinutes: 30, durationMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 1000 },
  travel: () => 0,
  now: new Date("2026-01-01T00:00:00Z"),
};
const slots = (changes: Partial<SlotsForDayInput>) => slotsForDay({ ...BASE, ...changes });
const times = (changes: Partial<SlotsForDayInput>) => slots(changes).map((slot) => slot.localTime);
const rules = (changes: Partial<SlotsForDayInput["rules"]>) => ({ ...BASE.rules, ...changes });
/** Each slot as "local time = instant", to pin both down across clock changes. */
const placed = (changes: Partial<SlotsForDayInput>) =>
  slots(changes).map((slot) => `${slot.localTime}=${slot.startsAt.toISOString().slice(0, 16)}`);

describe("a plain day", () => {
  test("a Monday 09:00–12:00 with 60-minute sessions every 30 minutes offers 09:00 to 11:00", () => {
    const day = slots({});
    expect(day.map((slot) => slot.localTime)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
    expect(day[0]).toEqual({
      startsAt: new Date("2026-01-12T09:00:00Z"),
      endsAt: new Date("2026-01-12T10:00:00Z"),
      localTime: "09:00",
      allowsSelfBooking: true,
    });
  });

  test("the step defaults to 30 minutes", () => {
    expect(
      times({ rules: { durationMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 1000 } }),
    ).toEqual(times({ rules: rules({ stepMinutes: 30 }) }));
  });

  test("blocks on other weekdays or at other locations offer nothing here", () => {
    expect(
      times({ blocks: [block("09:00", "12:00", { weekday: 2 }), block("09:00", "12:00", { locationId: B })] }),
    ).toEqual([]);
  });

  test("a block too short for one session offers nothing", () => {
    expect(times({ blocks: [block("09:00", "09:45")] })).toEqual([]);
  });

  test("a step that does not divide the block still stops where the session would overrun", () => {
    expect(times({ rules: rules({ stepMinutes: 45 }) })).toEqual(["09:00", "09:45", "10:30"]);
  });

  test("overlapping blocks offer each start once, self-bookable if either block is", () => {
    const day = slots({
      blocks: [
        block("09:00", "11:00", { allowsSelfBooking: false }),
        block("10:00", "12:00", { allowsSelfBooking: true }),
      ],
    });
    expect(day.map((slot) => [slot.localTime, slot.allowsSelfBooking])).toEqual([
      ["09:00", false],
      ["09:30", false],
      ["10:00", true],
      ["10:30", true], // 10:30–11:30 overruns the first block: only the second offers it
      ["11:00", true],
    ]);
  });

  test("a session must fit in one block: adjacent blocks are not joined", () => {
    expect(times({ blocks: [block("09:00", "10:00"), block("10:00", "11:00")] })).toEqual(["09:00", "10:00"]);
  });
});

describe("other commitments", () => {
  test("a booking at the same location blocks every session that would overlap it", () => {
    expect(times({ busy: [busy(A, "10:00", "11:00")] })).toEqual(["09:00", "11:00"]);
  });

  test("the buffer keeps a gap before and after other commitments", () => {
    const day = { blocks: [block("08:00", "13:00")], busy: [busy(A, "10:00", "11:00")] };
    expect(times(day)).toEqual(["08:00", "08:30", "09:00", "11:00", "11:30", "12:00"]);
    expect(times({ ...day, rules: rules({ bufferMinutes: 15 }) })).toEqual(["08:00", "08:30", "11:30", "12:00"]);
  });

  test("a 10:00–11:00 session at B blocks an 11:00 start at A (30 minutes back from B) but not 11:30", () => {
    const day = times({ blocks: [block("09:00", "13:00")], busy: [busy(B, "10:00", "11:00")], travel: () => 30 });
    expect(day).not.toContain("11:00");
    expect(day).toContain("11:30");
  });

  test("an 11:00 session at B with 30 minutes travel allows a 09:30 start at A (ends 10:30, arrives 11:00) but not 10:00", () => {
    const day = times({ blocks: [block("09:00", "14:00")], busy: [busy(B, "11:00", "12:00")], travel: () => 30 });
    expect(day).toEqual(["09:00", "09:30", "12:30", "13:00"]);
  });

  test("travel counts in the direction driven: A→B 10 minutes before a B session, B→A 45 minutes after it", () => {
    const travel = (from: string, to: string) => (from === A && to === B ? 10 : 45);
    const day = times({ blocks: [block("09:00", "17:00")], busy: [busy(B, "12:00", "13:00")], travel });
    expect(day).toContain("10:30"); // ends 11:30, at B by 11:40
    expect(day).not.toContain("11:00"); // ends 12:00, at B 12:10: late
    expect(day).not.toContain("13:30"); // back from B at 13:45
    expect(day).toContain("14:00");
  });

  test("the gap to another location is the longer of buffer and travel", () => {
    const day = { blocks: [block("09:00", "13:00")], busy: [busy(B, "10:00", "11:00")], travel: () => 10 };
    expect(times({ ...day, rules: rules({ bufferMinutes: 30 }) })).not.toContain("11:00");
    expect(times({ ...day, rules: rules({ bufferMinutes: 30 }) })).toContain("11:30");
    expect(times({ ...day, rules: rules({ bufferMinutes: 0 }), travel: () => 30 })).not.toContain("11:00");
  });
});

describe("time off and extra hours", () => {
  test("a whole day off empties the day", () => {
    expect(times({ exceptions: [{ kind: "time_off", date: MONDAY }] })).toEqual([]);
  });

  test("partial time off removes only the sessions that would overlap it", () => {
    expect(times({ exceptions: [{ kind: "time_off", date: MONDAY, start: "10:00", end: "11:00" }] })).toEqual([
      "09:00",
      "11:00",
    ]);
  });

  test("time off on another date changes nothing", () => {
    expect(times({ exceptions: [{ kind: "time_off", date: "2026-01-13" }] })).toHaveLength(5);
  });

  test("extra hours add sessions at their location on their date only", () => {
    const extra = (locationId: string, date = MONDAY) =>
      ({ kind: "extra_hours", date, start: "14:00", end: "16:00", locationId, allowsSelfBooking: false }) as const;
    const day = slots({ blocks: [], exceptions: [extra(A), extra(B), extra(A, "2026-01-13")] });
    expect(day.map((slot) => [slot.localTime, slot.allowsSelfBooking])).toEqual([
      ["14:00", false],
      ["14:30", false],
      ["15:00", false],
    ]);
  });

  test("extra hours stand on a day off: time off narrows the weekly pattern only", () => {
    const exceptions = [
      { kind: "time_off", date: MONDAY },
      { kind: "extra_hours", date: MONDAY, start: "18:00", end: "19:00", locationId: A, allowsSelfBooking: true },
    ] as const;
    expect(times({ exceptions: [...exceptions] })).toEqual(["18:00"]);
  });
});

describe("time off entered on another location's clock", () => {
  // A New York location with hours 02:00–10:00 on a Monday; sessions of 60 minutes every hour.
  const newYork = (date: string, exceptions: AvailabilityException[]) =>
    placed({
      date,
      timezone: "America/New_York",
      blocks: [block("02:00", "10:00")],
      exceptions,
      rules: rules({ stepMinutes: 60 }),
    });
  const londonMorning = (date: string): TimeOff => ({
    kind: "time_off",
    date,
    start: "09:00",
    end: "12:00",
    timezone: "Europe/London",
  });

  test("09:00–12:00 in London blocks 04:00–07:00 in New York in summer, and nothing else", () => {
    // 2026-06-15: London is UTC+1, New York UTC-4.
    expect(newYork("2026-06-15", [londonMorning("2026-06-15")])).toEqual([
      "02:00=2026-06-15T06:00",
      "03:00=2026-06-15T07:00",
      "07:00=2026-06-15T11:00",
      "08:00=2026-06-15T12:00",
      "09:00=2026-06-15T13:00",
    ]);
    // Read on New York's own clock it would have blocked 09:00–12:00 there instead.
    expect(newYork("2026-06-15", [{ ...londonMorning("2026-06-15"), timezone: undefined }])).toEqual([
      "02:00=2026-06-15T06:00",
      "03:00=2026-06-15T07:00",
      "04:00=2026-06-15T08:00",
      "05:00=2026-06-15T09:00",
      "06:00=2026-06-15T10:00",
      "07:00=2026-06-15T11:00",
      "08:00=2026-06-15T12:00",
    ]);
  });

  test("between the two countries' clock changes the gap is four hours, not five", () => {
    // 2026-03-16: New York has moved to UTC-4 (8 March), London is still on UTC (until 29 March).
    expect(newYork("2026-03-16", [londonMorning("2026-03-16")])).toEqual([
      "02:00=2026-03-16T06:00",
      "03:00=2026-03-16T07:00",
      "04:00=2026-03-16T08:00",
      "08:00=2026-03-16T12:00",
      "09:00=2026-03-16T13:00",
    ]);
  });

  test("a whole day off in Tokyo reaches into the evening before in London", () => {
    // Tokyo's Tuesday 13 January starts at 15:00 on Monday in London.
    const evening = { blocks: [block("13:00", "18:00")], rules: rules({ stepMinutes: 60 }) };
    expect(
      times({ ...evening, exceptions: [{ kind: "time_off", date: "2026-01-13", timezone: "Asia/Tokyo" }] }),
    ).toEqual(["13:00", "14:00"]);
    expect(times({ ...evening, exceptions: [{ kind: "time_off", date: "2026-01-13" }] })).toHaveLength(5);
  });

  test("an unknown zone is refused", () => {
    expect(() => times({ exceptions: [{ ...londonMorning(MONDAY), timezone: "Mars/Olympus" }] })).toThrow(/Mars/);
  });
});

describe("notice and how far ahead", () => {
  test("starts earlier than now plus the minimum notice are gone; exactly at the limit is fine", () => {
    const now = new Date("2026-01-12T08:00:00Z");
    expect(times({ now, rules: rules({ minNoticeMinutes: 60 }) })).toEqual([
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
    ]);
    expect(times({ now, rules: rules({ minNoticeMinutes: 61 }) })).toEqual(["09:30", "10:00", "10:30", "11:00"]);
  });

  test("past days offer nothing", () => {
    expect(times({ now: new Date("2026-01-13T00:00:00Z") })).toEqual([]);
  });

  test("bookable up to today + 62 days by default, not a day more", () => {
    const now = new Date("2026-01-12T12:00:00Z");
    const defaults = { now, rules: { durationMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0 } };
    // 62 days after Monday 12 January is Sunday 15 March.
    expect(times({ ...defaults, date: "2026-03-15", blocks: [block("09:00", "10:00", { weekday: 7 })] })).toEqual([
      "09:00",
    ]);
    expect(times({ ...defaults, date: "2026-03-16", blocks: [block("09:00", "10:00", { weekday: 1 })] })).toEqual([]);
  });

  test("today is the location's: late on the 12th in UTC is already the 13th in Sydney", () => {
    const now = new Date("2026-01-12T23:30:00Z");
    const sydney = { now, timezone: "Australia/Sydney", rules: rules({ maxAdvanceDays: 1 }) };
    expect(times({ ...sydney, date: "2026-01-14", blocks: [block("09:00", "10:00", { weekday: 3 })] })).toEqual([
      "09:00",
    ]);
    expect(times({ ...sydney, date: "2026-01-15", blocks: [block("09:00", "10:00", { weekday: 4 })] })).toEqual([]);
    expect(times({ ...sydney, date: "2026-01-12", blocks: [block("23:00", "23:59")] })).toEqual([]);
  });
});

describe("staff past the client's limits", () => {
  test("ignoring notice offers every start still ahead of now, but none at or before it", () => {
    const now = new Date("2026-01-12T09:30:00Z");
    const staff = rules({ minNoticeMinutes: 24 * 60, ignoreNotice: true });
    expect(times({ now, rules: rules({ minNoticeMinutes: 24 * 60 }) })).toEqual([]);
    expect(times({ now, rules: staff })).toEqual(["10:00", "10:30", "11:00"]);
  });

  test("ignoring the advance window offers days beyond it", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(times({ now, rules: rules({ maxAdvanceDays: 5 }) })).toEqual([]);
    expect(times({ now, rules: rules({ maxAdvanceDays: 5, ignoreAdvance: true }) })).toHaveLength(5);
  });

  test("clientLimitsPassed names the notice and the advance window a start goes past", () => {
    const limits = { timezone: "Europe/London", now: new Date("2026-01-12T09:00:00Z"), minNoticeMinutes: 120 };
    expect(clientLimitsPassed(new Date("2026-01-12T10:00:00Z"), { ...limits, maxAdvanceDays: 10 })).toEqual([
      "min_notice",
    ]);
    expect(clientLimitsPassed(new Date("2026-01-12T11:00:00Z"), { ...limits, maxAdvanceDays: 10 })).toEqual([]);
    expect(clientLimitsPassed(new Date("2026-01-23T11:00:00Z"), { ...limits, maxAdvanceDays: 10 })).toEqual([
      "max_advance",
    ]);
  });
});

describe("opening hours", () => {
  test("a session starts and ends within the location's hours; closed, there are none", () => {
    expect(times({ openingHours: { open: "09:30", close: "11:30" } })).toEqual(["09:30", "10:00", "10:30"]);
    expect(times({ openingHours: null })).toEqual([]);
    expect(times({ openingHours: undefined })).toHaveLength(5);
  });
});

describe("free starts past published hours", () => {
  const free = (changes: Partial<SlotsForDayInput>) =>
    freeStartsForDay({ ...BASE, ...changes }).map((start) => `${start.localTime} ${start.outside.join("+") || "-"}`);

  test("every free start on the day's grid, each naming the published hours it lies outside", () => {
    const day = free({
      blocks: [block("09:15", "11:15")],
      openingHours: { open: "08:00", close: "12:00" },
      busy: [busy(A, "12:00", "23:00")],
      now: new Date("2026-01-12T06:45:00Z"),
    });
    expect(day).toEqual([
      "07:00 instructor_hours+opening_hours",
      "07:30 instructor_hours+opening_hours",
      "08:00 instructor_hours",
      "08:30 instructor_hours",
      "09:00 instructor_hours",
      "09:15 -",
      "09:30 instructor_hours",
      "09:45 -",
      "10:00 instructor_hours",
      "10:15 -",
      "10:30 instructor_hours",
      "11:00 instructor_hours",
      "23:00 instructor_hours+opening_hours",
    ]);
  });

  test("commitments with their buffer still hold", () => {
    const day = free({
      busy: [busy(A, "00:00", "09:00"), busy(A, "11:00", "23:59")],
      rules: rules({ bufferMinutes: 30 }),
    });
    expect(day).toEqual(["09:30 -"]);
  });

  test("the published hours of the day, for naming what a booking overrides", () => {
    expect(
      publishedHoursForDay({
        ...BASE,
        blocks: [block("13:00", "17:00"), block("09:00", "12:00"), block("09:00", "12:00", { weekday: 2 })],
      }),
    ).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
  });
});

describe("clock changes", () => {
  const sunday = (start: string, end: string) => [block(start, end, { weekday: 7 })];

  test("London, clocks forward 01:00→02:00 on 29 March 2026: 01:00 and 01:30 do not exist and give no slot", () => {
    expect(placed({ date: "2026-03-29", blocks: sunday("00:00", "04:00") })).toEqual([
      "00:00=2026-03-29T00:00",
      "00:30=2026-03-29T00:30",
      "02:00=2026-03-29T01:00",
      "02:30=2026-03-29T01:30",
      "03:00=2026-03-29T02:00", // 60 real minutes to 04:00 BST
    ]);
  });

  test("London, a block ending inside the gap ends when the clocks jump", () => {
    // 00:00–01:30 on the 29th is one real hour: 00:30 would end at 02:30 on the clock.
    expect(placed({ date: "2026-03-29", blocks: sunday("00:00", "01:30") })).toEqual(["00:00=2026-03-29T00:00"]);
  });

  test("London, clocks back 02:00→01:00 on 25 October 2026: 01:00 and 01:30 are offered once, at the first pass", () => {
    expect(placed({ date: "2026-10-25", blocks: sunday("00:00", "03:00") })).toEqual([
      "00:00=2026-10-24T23:00",
      "00:30=2026-10-24T23:30",
      "01:00=2026-10-25T00:00",
      "01:30=2026-10-25T00:30",
      "02:00=2026-10-25T02:00",
    ]);
  });

  test("New York, clocks forward 02:00→03:00 on 8 March 2026", () => {
    expect(placed({ timezone: "America/New_York", date: "2026-03-08", blocks: sunday("01:00", "04:00") })).toEqual([
      "01:00=2026-03-08T06:00",
      "01:30=2026-03-08T06:30",
      "03:00=2026-03-08T07:00",
    ]);
  });

  test("New York, clocks back 02:00→01:00 on 1 November 2026", () => {
    expect(placed({ timezone: "America/New_York", date: "2026-11-01", blocks: sunday("00:30", "02:30") })).toEqual([
      "00:30=2026-11-01T04:30",
      "01:00=2026-11-01T05:00",
      "01:30=2026-11-01T05:30",
    ]);
  });

  test("Sydney, clocks forward 02:00→03:00 on 4 October 2026 (southern spring)", () => {
    expect(placed({ timezone: "Australia/Sydney", date: "2026-10-04", blocks: sunday("01:00", "04:00") })).toEqual([
      "01:00=2026-10-03T15:00",
      "01:30=2026-10-03T15:30",
      "03:00=2026-10-03T16:00",
    ]);
  });

  test("Sydney, clocks back 03:00→02:00 on 5 April 2026: 02:00 and 02:30 once, at the first pass", () => {
    expect(placed({ timezone: "Australia/Sydney", date: "2026-04-05", blocks: sunday("02:00", "03:30") })).toEqual([
      "02:00=2026-04-04T15:00",
      "02:30=2026-04-04T15:30",
    ]);
  });

  test("a 07:00 block starts at 07:00 local on both sides of a change, an hour apart in UTC", () => {
    const seven = (timezone: string, date: string) =>
      placed({ timezone, date, now: new Date("2026-01-01T00:00:00Z"), blocks: [block("07:00", "08:00")] });
    expect(seven("Europe/London", "2026-03-23")).toEqual(["07:00=2026-03-23T07:00"]);
    expect(seven("Europe/London", "2026-03-30")).toEqual(["07:00=2026-03-30T06:00"]);
    expect(seven("Australia/Sydney", "2026-09-28")).toEqual(["07:00=2026-09-27T21:00"]);
    expect(seven("Australia/Sydney", "2026-10-05")).toEqual(["07:00=2026-10-04T20:00"]);
  });
});

describe("localInstant", () => {
  test("an ordinary time is that instant", () => {
    expect(localInstant("2026-07-01", "07:00", "Europe/London")).toEqual({
      at: new Date("2026-07-01T06:00:00Z"),
      exists: true,
    });
  });

  test("a time the clocks skip does not exist; its instant is the jump", () => {
    expect(localInstant("2026-03-29", "01:30", "Europe/London")).toEqual({
      at: new Date("2026-03-29T01:00:00Z"),
      exists: false,
    });
    expect(localInstant("2026-10-04", "02:59", "Australia/Sydney")).toEqual({
      at: new Date("2026-10-03T16:00:00Z"),
      exists: false,
    });
  });

  test("a time shown twice is its first occurrence, north and south (luxon alone differs)", () => {
    expect(localInstant("2026-10-25", "01:00", "Europe/London").at).toEqual(new Date("2026-10-25T00:00:00Z"));
    expect(localInstant("2026-04-05", "02:00", "Australia/Sydney").at).toEqual(new Date("2026-04-04T15:00:00Z"));
  });
});

describe("programmer errors throw", () => {
  test.each([
    ["a time without a leading zero", { blocks: [block("9:00", "12:00")] }, /HH:MM/],
    ["24:00", { blocks: [block("09:00", "24:00")] }, /HH:MM/],
    ["a block ending at its start", { blocks: [block("09:00", "09:00")] }, /end after it starts/],
    ["a block ending before its start", { blocks: [block("12:00", "09:00")] }, /end after it starts/],
    ["weekday 0", { blocks: [block("09:00", "12:00", { weekday: 0 as 1 })] }, /weekday/],
    ["an unknown timezone", { timezone: "Europe/Atlantis" }, /timezone/],
    ["a malformed date", { date: "2026-1-12" }, /YYYY-MM-DD/],
    ["a date that does not exist", { date: "2026-02-30" }, /YYYY-MM-DD/],
    ["a zero duration", { rules: rules({ durationMinutes: 0 }) }, /durationMinutes/],
    ["a fractional step", { rules: rules({ stepMinutes: 7.5 }) }, /stepMinutes/],
    ["time off with a start only", { exceptions: [{ kind: "time_off", date: MONDAY, start: "10:00" }] }, /both/],
    ["a busy interval ending before it starts", { busy: [busy(A, "11:00", "10:00")] }, /end after it starts/],
    ["a negative travel time", { busy: [busy(B, "10:00", "11:00")], travel: () => -5 }, /Travel time/],
  ] satisfies [string, Partial<SlotsForDayInput>, RegExp][])("%s", (_name, changes, message) => {
    expect(() => slots(changes)).toThrow(message);
  });
});

/*
 * Properties. A generated scenario is one instructor-day somewhere in 2026–2028, with clock-change
 * days drawn often. The reference below reads each zone's clock with Intl (not luxon), one UTC
 * minute at a time, and shares no code with the engine.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"] as const;
type Zone = (typeof ZONES)[number];
/** The days each zone's clocks change, 2026–2028; checked against Intl below. */
const CLOCK_CHANGES: Record<Zone, string[]> = {
  "Europe/London": ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31", "2028-03-26", "2028-10-29"],
  "America/New_York": ["2026-03-08", "2026-11-01", "2027-03-14", "2027-11-07", "2028-03-12", "2028-11-05"],
  "Australia/Sydney": ["2026-04-05", "2026-10-04", "2027-04-04", "2027-10-03", "2028-04-02", "2028-10-01"],
  "Asia/Kolkata": [],
  UTC: [],
};
const HERE = "A";
const PROPERTY_RUNS = { numRuns: 300, seed: 20_260_329 };

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const midnightUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const plusDays = (date: string, days: number) => new Date(midnightUtc(date) + days * DAY).toISOString().slice(0, 10);
const isoWeekday = (date: string) => new Date(midnightUtc(date)).getUTCDay() || 7;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** What the clocks at `zone` show at `instant`, as "YYYY-MM-DDTHH:MM". */
function wallClock(zone: string, instant: number): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(zone, format);
  }
  // format() is several times faster than formatToParts(), and the clocks below read it ~1M times.
  const shown = /^(\d{4}-\d{2}-\d{2}), (\d{2}:\d{2})$/.exec(format.format(instant));
  if (!shown) throw new Error(`Unexpected Intl output "${format.format(instant)}"`);
  return `${shown[1]}T${shown[2]}`;
}

type Clock = {
  /** Every UTC minute from well before the date's first local minute to well after its last. */
  minutes: { at: number; shows: string }[];
  /** First instant showing each local time of the date. */
  firstShowing: Map<string, number>;
};
const clocks = new Map<string, Clock>();
function clockAround(zone: string, date: string): Clock {
  const key = `${zone} ${date}`;
  const cached = clocks.get(key);
  if (cached) return cached;
  const minutes: Clock["minutes"] = [];
  const firstShowing = new Map<string, number>();
  for (let at = midnightUtc(date) - 15 * 60 * MINUTE; at < midnightUtc(date) + 39 * 60 * MINUTE; at += MINUTE) {
    const shows = wallClock(zone, at);
    minutes.push({ at, shows });
    if (shows.startsWith(date) && !firstShowing.has(shows.slice(11))) firstShowing.set(shows.slice(11), at);
  }
  const clock = { minutes, firstShowing };
  clocks.set(key, clock);
  return clock;
}
/** First instant at which the clock shows `time` on `date`, or anything later. */
function firstAtOrAfter(clock: Clock, date: string, time: string): number {
  const at = clock.minutes.find(({ shows }) => shows >= `${date}T${time}`)?.at;
  if (at === undefined) throw new Error(`clock window too short for ${date} ${time}`);
  return at;
}

type Scenario = {
  zone: Zone;
  date: string;
  blocks: WeeklyBlock[];
  exceptions: AvailabilityException[];
  busy: Busy[];
  rules: {
    stepMinutes: number;
    durationMinutes: number;
    bufferMinutes: number;
    minNoticeMinutes: number;
    maxAdvanceDays: number;
  };
  travelTable: Record<string, number>;
  now: Date;
};
const travelIn = (scenario: Scenario) => (from: string, to: string) =>
  from === to ? 0 : (scenario.travelTable[`${from}${to}`] ?? 0);
const inputOf = (scenario: Scenario): SlotsForDayInput => ({
  date: scenario.date,
  timezone: scenario.zone,
  locationId: HERE,
  blocks: scenario.blocks,
  exceptions: scenario.exceptions,
  busy: scenario.busy,
  rules: scenario.rules,
  travel: travelIn(scenario),
  now: scenario.now,
});

// The small hours, where clocks change, half of the time.
const minuteOfDay = fc.oneof(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 0, max: 239 }));
const wallRange = fc.oneof(
  fc
    .tuple(minuteOfDay, fc.integer({ min: 1, max: 600 }))
    .map(([start, length]) => ({ start: hhmm(start), end: hhmm(Math.min(1439, start + length)) })),
  // Short ones in the small hours, so that starts and ends fall in the gap or the repeated hour.
  fc
    .tuple(fc.integer({ min: 0, max: 239 }), fc.integer({ min: 1, max: 180 }))
    .map(([start, length]) => ({ start: hhmm(start), end: hhmm(start + length) })),
);
// Mostly here, sometimes at the other location (which must not produce slots here).
const location = fc.oneof({ arbitrary: fc.constant("A"), weight: 3 }, { arbitrary: fc.constant("B"), weight: 1 });
/** A zone and a day in 2026–2028: half of the time one of the zone's clock-change days. */
const zoneDays = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    ordinary: fc.integer({ min: 0, max: 1095 }),
    clockChange: fc.option(fc.nat(), { freq: 2 }),
  })
  .map(({ zone, ordinary, clockChange }) => {
    const changes = CLOCK_CHANGES[zone];
    const date =
      clockChange !== null && changes.length > 0
        ? (changes[clockChange % changes.length] as string)
        : plusDays("2026-01-01", ordinary);
    return { zone, date };
  });
const scenarios: fc.Arbitrary<Scenario> = fc
  .record({
    place: zoneDays,
    blocks: fc.array(
      fc.record({
        range: wallRange,
        weekdayShift: fc.oneof(
          { arbitrary: fc.constant(0), weight: 3 },
          { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 },
        ),
        locationId: location,
        allowsSelfBooking: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    exceptions: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant("time_off" as const),
          range: fc.option(wallRange),
          dateShift: fc.constantFrom(0, 0, 1),
        }),
        fc.record({
          kind: fc.constant("extra_hours" as const),
          range: wallRange,
          dateShift: fc.constantFrom(0, 0, 1),
          locationId: location,
          allowsSelfBooking: fc.boolean(),
        }),
      ),
      { maxLength: 3 },
    ),
    busy: fc.array(
      fc.record({
        fromMidnightUtc: fc.integer({ min: -15 * 60, max: 39 * 60 }),
        minutes: fc.integer({ min: 5, max: 240 }),
        locationId: fc.constantFrom("A", "B", "C"),
      }),
      { maxLength: 6 },
    ),
    rules: fc.record({
      stepMinutes: fc.oneof(fc.constantFrom(5, 10, 15, 20, 30, 60), fc.integer({ min: 1, max: 120 })),
      durationMinutes: fc.oneof(fc.constantFrom(30, 45, 60, 90), fc.integer({ min: 5, max: 240 })),
      bufferMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 45 })),
      minNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1440 })),
      maxAdvanceDays: fc.oneof(fc.constant(62), fc.integer({ min: 0, max: 120 })),
    }),
    travelTable: fc.record({
      AB: fc.nat(90),
      AC: fc.nat(90),
      BA: fc.nat(90),
      BC: fc.nat(90),
      CA: fc.nat(90),
      CB: fc.nat(90),
    }),
    // Close before the day most of the time (min notice, past days), or up to 130 days before (max advance).
    nowFromMidnightUtc: fc.oneof(
      fc.integer({ min: -2 * 1440, max: 720 }),
      fc.integer({ min: -130 * 1440, max: -1440 }),
    ),
  })
  .map((raw) => {
    const { zone, date } = raw.place;
    const midnight = midnightUtc(date);
    return {
      zone,
      date,
      blocks: raw.blocks.map((b) => ({
        weekday: (((isoWeekday(date) - 1 + b.weekdayShift) % 7) + 1) as Weekday,
        ...b.range,
        locationId: b.locationId,
        allowsSelfBooking: b.allowsSelfBooking,
      })),
      exceptions: raw.exceptions.map((e): AvailabilityException => {
        const on = plusDays(date, e.dateShift);
        if (e.kind === "time_off") return e.range ? { kind: e.kind, date: on, ...e.range } : { kind: e.kind, date: on };
        return { kind: e.kind, date: on, ...e.range, locationId: e.locationId, allowsSelfBooking: e.allowsSelfBooking };
      }),
      busy: raw.busy.map((b) => ({
        startsAt: new Date(midnight + b.fromMidnightUtc * MINUTE),
        endsAt: new Date(midnight + (b.fromMidnightUtc + b.minutes) * MINUTE),
        locationId: b.locationId,
      })),
      rules: raw.rules,
      travelTable: raw.travelTable,
      now: new Date(midnight + raw.nowFromMidnightUtc * MINUTE),
    };
  });

/** The stretches that may produce slots here on the date, read straight from the scenario. */
function openingsOf(scenario: Scenario) {
  const { date } = scenario;
  const todays = scenario.exceptions.filter((e) => e.date === date);
  const dayOff = todays.some((e) => e.kind === "time_off" && e.start === undefined);
  const weekly = scenario.blocks
    .filter((b) => !dayOff && b.locationId === HERE && b.weekday === isoWeekday(date))
    .map((b) => ({ ...b, weekly: true }));
  const extra = todays.flatMap((e) =>
    e.kind === "extra_hours" && e.locationId === HERE ? [{ ...e, weekly: false }] : [],
  );
  return [...weekly, ...extra];
}

/** Clear of a commitment: done (plus buffer or the journey there) before it, or starting after it (plus buffer or the journey back). */
function clearOf(scenario: Scenario, startsAt: number, endsAt: number, busy: Busy): boolean {
  const travel = travelIn(scenario);
  const buffer = scenario.rules.bufferMinutes;
  const elsewhere = busy.locationId !== HERE;
  const toIt = elsewhere ? Math.max(buffer, travel(HERE, busy.locationId)) : buffer;
  const backFromIt = elsewhere ? Math.max(buffer, travel(busy.locationId, HERE)) : buffer;
  return endsAt + toIt * MINUTE <= busy.startsAt.getTime() || busy.endsAt.getTime() + backFromIt * MINUTE <= startsAt;
}

function bookableDay(scenario: Scenario): boolean {
  const today = wallClock(scenario.zone, scenario.now.getTime()).slice(0, 10);
  return scenario.date >= today && scenario.date <= plusDays(today, scenario.rules.maxAdvanceDays);
}

type Plain = { localTime: string; startsAt: number; endsAt: number; allowsSelfBooking: boolean };
const plain = (slot: Slot): Plain => ({ ...slot, startsAt: slot.startsAt.getTime(), endsAt: slot.endsAt.getTime() });

/** The brief's rules, walked directly: every wall-clock step of every opening, kept if it exists, fits and is clear. */
function referenceSlots(scenario: Scenario): Plain[] {
  if (!bookableDay(scenario)) return [];
  const { date, rules } = scenario;
  const clock = clockAround(scenario.zone, date);
  const timeOff = scenario.exceptions.flatMap((e) =>
    e.kind === "time_off" && e.date === date && e.start !== undefined && e.end !== undefined
      ? [{ from: firstAtOrAfter(clock, date, e.start), to: firstAtOrAfter(clock, date, e.end) }]
      : [],
  );
  const found = new Map<string, Plain>();
  for (const opening of openingsOf(scenario)) {
    const closes = firstAtOrAfter(clock, date, opening.end);
    for (let minutes = minutesOf(opening.start); minutes < minutesOf(opening.end); minutes += rules.stepMinutes) {
      const localTime = hhmm(minutes);
      const startsAt = clock.firstShowing.get(localTime);
      if (startsAt === undefined) continue;
      const endsAt = startsAt + rules.durationMinutes * MINUTE;
      if (endsAt > closes || startsAt < scenario.now.getTime() + rules.minNoticeMinutes * MINUTE) continue;
      if (opening.weekly && timeOff.some((off) => off.from < endsAt && startsAt < off.to)) continue;
      if (!scenario.busy.every((busy) => clearOf(scenario, startsAt, endsAt, busy))) continue;
      const before = found.get(localTime)?.allowsSelfBooking ?? false;
      found.set(localTime, { localTime, startsAt, endsAt, allowsSelfBooking: before || opening.allowsSelfBooking });
    }
  }
  return [...found.values()].sort((a, b) => a.startsAt - b.startsAt);
}

describe("properties", () => {
  const holds = (check: (scenario: Scenario, slots: Slot[]) => void) =>
    fc.assert(
      fc.property(scenarios, (scenario) => check(scenario, slotsForDay(inputOf(scenario)))),
      PROPERTY_RUNS,
    );

  test("the clock-change days used by the generator are clock-change days", () => {
    for (const zone of ZONES) {
      for (const date of CLOCK_CHANGES[zone]) {
        const minutesOnDate = clockAround(zone, date).minutes.filter(({ shows }) => shows.startsWith(date)).length;
        expect([23 * 60, 25 * 60], `${zone} ${date}`).toContain(minutesOnDate);
      }
    }
  });

  test("localInstant agrees with the Intl clock at every minute of the small hours of every clock-change day", () => {
    for (const zone of ZONES) {
      for (const date of CLOCK_CHANGES[zone]) {
        const clock = clockAround(zone, date);
        for (let minutes = 0; minutes < 5 * 60; minutes++) {
          const time = hhmm(minutes);
          const expected = { at: new Date(firstAtOrAfter(clock, date, time)), exists: clock.firstShowing.has(time) };
          expect(localInstant(date, time, zone), `${zone} ${date} ${time}`).toEqual(expected);
        }
      }
    }
  });

  test("(0) localInstant agrees with the Intl clock on any day", () => {
    fc.assert(
      fc.property(zoneDays, fc.array(minuteOfDay, { minLength: 1, maxLength: 20 }), ({ zone, date }, minutes) => {
        const clock = clockAround(zone, date);
        for (const time of minutes.map(hhmm)) {
          expect(localInstant(date, time, zone)).toEqual({
            at: new Date(firstAtOrAfter(clock, date, time)),
            exists: clock.firstShowing.has(time),
          });
        }
      }),
      PROPERTY_RUNS,
    );
  });

  test("(1) no start instant and no local time appears twice, and slots come in time order", () => {
    holds((_scenario, slots) => {
      expect(new Set(slots.map((slot) => slot.startsAt.getTime())).size).toBe(slots.length);
      expect(new Set(slots.map((slot) => slot.localTime)).size).toBe(slots.length);
      const starts = slots.map((slot) => slot.startsAt.getTime());
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });
  });

  test("(2) each slot's local time is what the clock shows at its start, on a step of an opening here", () => {
    holds((scenario, slots) => {
      for (const slot of slots) {
        expect(wallClock(scenario.zone, slot.startsAt.getTime())).toBe(`${scenario.date}T${slot.localTime}`);
        const minutes = minutesOf(slot.localTime);
        const producers = openingsOf(scenario).filter(
          (o) =>
            minutesOf(o.start) <= minutes &&
            minutes < minutesOf(o.end) &&
            (minutes - minutesOf(o.start)) % scenario.rules.stepMinutes === 0,
        );
        expect(producers.length, slot.localTime).toBeGreaterThan(0);
      }
    });
  });

  test("(3) each slot leaves the buffer, or the journey, clear around every commitment at any location", () => {
    holds((scenario, slots) => {
      for (const slot of slots) {
        for (const busy of scenario.busy) {
          expect(clearOf(scenario, slot.startsAt.getTime(), slot.endsAt.getTime(), busy)).toBe(true);
        }
      }
    });
  });

  test("(4) each slot lasts the session, fits its opening, and respects notice and how far ahead", () => {
    holds((scenario, slots) => {
      if (slots.length > 0) expect(bookableDay(scenario)).toBe(true);
      const clock = clockAround(scenario.zone, scenario.date);
      const openings = openingsOf(scenario).map((o) => ({
        opens: firstAtOrAfter(clock, scenario.date, o.start),
        closes: firstAtOrAfter(clock, scenario.date, o.end),
      }));
      for (const slot of slots) {
        const { startsAt, endsAt } = plain(slot);
        expect(endsAt - startsAt).toBe(scenario.rules.durationMinutes * MINUTE);
        expect(startsAt).toBeGreaterThanOrEqual(scenario.now.getTime() + scenario.rules.minNoticeMinutes * MINUTE);
        const fits = openings.some((o) => o.opens <= startsAt && endsAt <= o.closes);
        expect(fits, slot.localTime).toBe(true);
      }
    });
  });

  test("(5) every existing, fitting, unblocked step is offered, and nothing else: the engine equals the reference", () => {
    let withSlots = 0;
    let onClockChanges = 0;
    holds((scenario, slots) => {
      expect(slots.map(plain)).toEqual(referenceSlots(scenario));
      if (slots.length > 0) withSlots++;
      if (slots.length > 0 && CLOCK_CHANGES[scenario.zone].includes(scenario.date)) onClockChanges++;
    });
    // Not vacuous: many generated days offer slots, some of them on clock-change days.
    expect(withSlots).toBeGreaterThan(PROPERTY_RUNS.numRuns / 4);
    expect(onClockChanges).toBeGreaterThan(20);
  });
});
