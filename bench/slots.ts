// npx tsx bench/slots.ts
//
// How long the slot engine takes for the two questions a booking page asks: one instructor's
// day, and a week for ten instructors (70 instructor-days). Pure CPU, no database. Prints figures.
import { DateTime } from "luxon";
import { type Busy, type SlotsForDayInput, slotsForDay, type WeeklyBlock } from "../app/services/schedule/slots";
import { fmt, percentile } from "./lib";

const WARM_UP = 200;
const ITERATIONS = 2000;
const ZONE = "Europe/London";
const HERE = "studio-a";
const THERE = "studio-b";
const WEEK = ["2026-06-15", "2026-06-16", "2026-06-17", "2026-06-18", "2026-06-19", "2026-06-20", "2026-06-21"];
const NOW = new Date("2026-06-14T18:00:00Z");

/** Typical: mornings and evenings on weekdays, one long block on Saturday. */
function weekOf(shiftMinutes: number): WeeklyBlock[] {
  const at = (hour: number) =>
    `${String(hour + Math.floor(shiftMinutes / 60)).padStart(2, "0")}:${String(shiftMinutes % 60).padStart(2, "0")}`;
  const weekdays = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
    { weekday, start: at(7), end: at(12), locationId: HERE, allowsSelfBooking: true },
    { weekday, start: at(15), end: at(20), locationId: HERE, allowsSelfBooking: weekday !== 5 },
  ]);
  return [...weekdays, { weekday: 6, start: at(8), end: at(14), locationId: HERE, allowsSelfBooking: true }];
}

/** Eight commitments on the day: sessions here, classes at the other studio. */
function busyOn(date: string, shiftMinutes: number): Busy[] {
  const commitments: [hour: number, locationId: string][] = [
    [6, THERE],
    [7, HERE],
    [9.5, HERE],
    [12.5, THERE],
    [13.5, THERE],
    [15, HERE],
    [17, HERE],
    [20.5, THERE],
  ];
  return commitments.map(([hour, locationId]) => {
    const midnight = DateTime.fromISO(date, { zone: ZONE }).toMillis();
    const startsAt = new Date(midnight + (hour * 60 + shiftMinutes) * 60_000);
    return { startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000), locationId };
  });
}

function dayFor(date: string, instructor: number, now = NOW): SlotsForDayInput {
  const shift = (instructor % 4) * 15;
  return {
    date,
    timezone: ZONE,
    locationId: HERE,
    blocks: weekOf(shift),
    exceptions: instructor === 3 ? [{ kind: "time_off", date: "2026-06-17", start: "15:00", end: "18:00" }] : [],
    busy: busyOn(date, shift),
    rules: { stepMinutes: 30, durationMinutes: 60, bufferMinutes: 10, minNoticeMinutes: 120 },
    travel: () => 25,
    now,
  };
}

function measure(run: () => number): { times: number[]; slots: number } {
  let slots = 0;
  for (let i = 0; i < WARM_UP; i++) slots = run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    slots = run();
    times.push(performance.now() - start);
  }
  return { times, slots };
}

function report(label: string, { times, slots }: { times: number[]; slots: number }) {
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  console.log(`slots, ${label}: p50 ${fmt(p50, 3)} ms, p95 ${fmt(p95, 3)} ms (${slots} slots per call)`);
}

const oneDay = dayFor(WEEK[0] as string, 0);
report(
  "one instructor-day",
  measure(() => slotsForDay(oneDay).length),
);

const week = Array.from({ length: 10 }, (_, instructor) => WEEK.map((date) => dayFor(date, instructor))).flat();
report(
  "week x 10 instructors",
  measure(() => week.reduce((total, day) => total + slotsForDay(day).length, 0)),
);

// The Monday after the clocks go back: near a change every time goes through luxon.
const changeDay = dayFor("2026-10-26", 0, new Date("2026-10-20T18:00:00Z"));
report(
  "one instructor-day after a clock change",
  measure(() => slotsForDay(changeDay).length),
);
