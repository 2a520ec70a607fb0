import { describe, expect, test } from "vitest";
import { type Busy, localInstant, type SlotsForDayInput, slotsForDay, type WeeklyBlock } from "./slots";

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
    ["a zero duration", { rules: rules({ durationMinutes: 0 }) }, /durationMinutes/],
    ["a fractional step", { rules: rules({ stepMinutes: 7.5 }) }, /stepMinutes/],
    ["time off with a start only", { exceptions: [{ kind: "time_off", date: MONDAY, start: "10:00" }] }, /both/],
    ["a busy interval ending before it starts", { busy: [busy(A, "11:00", "10:00")] }, /end after it starts/],
    ["a negative travel time", { busy: [busy(B, "10:00", "11:00")], travel: () => -5 }, /Travel time/],
  ] satisfies [string, Partial<SlotsForDayInput>, RegExp][])("%s", (_name, changes, message) => {
    expect(() => slots(changes)).toThrow(message);
  });
});
