import { describe, expect, test } from "vitest";
import { updateOccurrence } from "~/models/occurrence.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { frontDeskToday, staffCalendar } from "./calendar-views.server";
import { monthGrid, weekDates } from "./dates";
import { scheduleStudio } from "./fixtures.test-helper";

describe("calendar dates", () => {
  test("weeks run Monday to Sunday; a month grid is whole weeks covering the month", () => {
    expect(weekDates("2026-03-29")).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
    ]);
    const march = monthGrid("2026-03-15");
    expect(march).toHaveLength(6);
    expect(march[0]?.[0]).toEqual({ date: "2026-02-23", inMonth: false });
    expect(march[0]?.[6]).toEqual({ date: "2026-03-01", inMonth: true });
    expect(march[5]?.[6]).toEqual({ date: "2026-04-05", inMonth: false });
    // February 2027 starts on a Monday and fills exactly four weeks.
    expect(
      monthGrid("2027-02-10")
        .flat()
        .map((d) => d.date),
    ).toHaveLength(28);
  });
});

describe("the staff calendar", () => {
  test("week and month of a location for the front desk, with instructors and spots", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    await s.occurrence("2026-03-29T00:30:00Z", { minutes: 30 });
    await s.occurrence("2026-03-30T08:00:00Z");
    const cancelled = await s.occurrence("2026-03-31T08:00:00Z");
    await updateOccurrence(database(), s.tenant, cancelled.id, { status: "cancelled" });
    await s.occurrence("2026-03-30T09:00:00Z", { locationId: s.east.id });

    const week = await staffCalendar(s.tenant, desk, [s.location.id], { view: "week", date: "2026-03-31" });
    expect(week.days.map((d) => [d.date, d.classes.map((c) => `${c.time} ${c.instructor} ${c.spotsLeft}`)])).toEqual([
      ["2026-03-30", ["09:00 Ira Instructor 12"]],
      ["2026-03-31", ["09:00 Ira Instructor 12"]],
      ["2026-04-01", []],
      ["2026-04-02", []],
      ["2026-04-03", []],
      ["2026-04-04", []],
      ["2026-04-05", []],
    ]);
    expect(week.severalLocations).toBe(false);

    const month = await staffCalendar(s.tenant, desk, [s.location.id], { view: "month", date: "2026-03-31" });
    const cells = month.weeks.flat();
    expect(cells.find((d) => d.date === "2026-03-29")).toMatchObject({ classes: 1, cancelled: 0, inMonth: true });
    expect(cells.find((d) => d.date === "2026-03-31")).toMatchObject({ classes: 0, cancelled: 1 });
    expect(cells.find((d) => d.date === "2026-03-30")).toMatchObject({ classes: 1, dayOfMonth: 30 });
    expect(month).toMatchObject({ heading: "March 2026", previous: "2026-02-01", next: "2026-04-01" });

    const everywhere = await staffCalendar(s.tenant, s.owner, [s.location.id, s.east.id], {
      view: "day",
      date: "2026-03-30",
    });
    expect(everywhere.severalLocations).toBe(true);
    expect(everywhere.days[0]?.classes.map((c) => c.location)).toEqual(["Main", "East"]);
  });

  test("instructors, clients and staff of other locations are refused", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    const client = await s.person("client", "Cal Client");
    await expect(staffCalendar(s.tenant, s.instructor, [s.location.id], { view: "week" })).rejects.toThrow(Forbidden);
    await expect(staffCalendar(s.tenant, client, [s.location.id], { view: "week" })).rejects.toThrow(Forbidden);
    await expect(staffCalendar(s.tenant, desk, [s.east.id], { view: "week" })).rejects.toThrow(Forbidden);
  });
});

describe("the front desk's today", () => {
  test("in time order: over, on now, next, later", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    await s.occurrence("2026-06-03T07:00:00Z");
    await s.occurrence("2026-06-03T09:30:00Z");
    const cancelled = await s.occurrence("2026-06-03T11:00:00Z");
    await updateOccurrence(database(), s.tenant, cancelled.id, { status: "cancelled" });
    await s.occurrence("2026-06-03T12:00:00Z");
    await s.occurrence("2026-06-03T16:00:00Z");
    const today = await frontDeskToday(s.tenant, desk, [s.location.id], new Date("2026-06-03T10:00:00Z"));
    expect(today.heading).toBe("Wednesday 3 June");
    expect(today.classes.map((c) => [c.time, c.state])).toEqual([
      ["08:00", "over"],
      ["10:30", "on"],
      ["12:00", "later"],
      ["13:00", "next"],
      ["17:00", "later"],
    ]);
  });
});
