import { describe, expect, test } from "vitest";
import { upsertTravelTime } from "~/models/availability.server";
import { insertLocation } from "~/models/location.server";
import { updateOccurrence } from "~/models/occurrence.server";
import { scheduleStudio } from "~/services/schedule/fixtures.test-helper";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import { teachingSchedule } from "./teaching.server";

describe("an instructor's own schedule", () => {
  test("a class at a New York location is on its New York day, though their home is in London", async () => {
    const s = await scheduleStudio();
    const newYork = await insertLocation(database(), s.tenant, {
      name: "Manhattan",
      timezone: "America/New_York",
      address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
      operatingHours: s.location.operatingHours,
    });
    const traveller = await s.person("instructor", "Tom Traveller", [s.location.id, newYork.id]);
    // 20:00 on Tuesday 2 June in New York is 01:00 on Wednesday in London.
    await s.occurrence("2026-06-03T00:00:00Z", { locationId: newYork.id, instructorId: traveller.id });
    const day = await teachingSchedule(s.tenant, traveller, { view: "day", date: "2026-06-02" });
    expect(day.days[0]?.items.map((i) => [i.time, i.location])).toEqual([["20:00", "Manhattan"]]);
  });

  test("a week across locations, grouped by day, with the travel gap flagged when tight", async () => {
    const s = await scheduleStudio();
    await upsertTravelTime(database(), s.tenant, s.location.id, s.east.id, 30);
    await upsertTravelTime(database(), s.tenant, s.east.id, s.location.id, 20);
    // Wednesday 3 June 2026 (BST): 10:00 Main, 11:15 East (15 min gap < 30), 13:00 Main (60 min ≥ 20).
    await s.occurrence("2026-06-03T09:00:00Z");
    await s.occurrence("2026-06-03T10:15:00Z", { locationId: s.east.id, minutes: 45 });
    await s.occurrence("2026-06-03T12:00:00Z");
    await s.occurrence("2026-06-06T08:00:00Z");
    // Someone else's class and next week's are not on this page.
    const other = await s.person("trainer", "Tess Trainer");
    await s.occurrence("2026-06-04T08:00:00Z", { instructorId: other.id });
    await s.occurrence("2026-06-08T08:00:00Z");

    const week = await teachingSchedule(s.tenant, s.instructor, { view: "week", date: "2026-06-05" });
    expect(week.days.map((d) => d.date)).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-06",
      "2026-06-07",
    ]);
    expect(week).toMatchObject({ heading: "Week of Mon 1 Jun", previous: "2026-05-29", next: "2026-06-12" });
    const wednesday = week.days[2];
    expect(wednesday?.atTwoLocations).toBe(true);
    expect(wednesday?.items.map((i) => [i.time, i.location, i.travel])).toEqual([
      ["10:00", "Main", null],
      ["11:15", "East", { from: "Main", gapMinutes: 15, travelMinutes: 30, tight: true }],
      ["13:00", "Main", { from: "East", gapMinutes: 60, travelMinutes: 20, tight: false }],
    ]);
    expect(week.days[5]?.items.map((i) => i.time)).toEqual(["09:00"]);
    expect(week.days[5]?.atTwoLocations).toBe(false);
    expect(week.days[3]?.items).toEqual([]);

    const eastOnly = await teachingSchedule(s.tenant, s.instructor, {
      view: "day",
      date: "2026-06-03",
      locationId: s.east.id,
    });
    expect(eastOnly.days).toHaveLength(1);
    expect(eastOnly.days[0]?.items.map((i) => [i.location, i.travel])).toEqual([["East", null]]);
  });

  test("a cancelled class needs no travel; unknown travel time is not called tight", async () => {
    const s = await scheduleStudio();
    await s.occurrence("2026-06-03T09:00:00Z");
    const cancelled = await s.occurrence("2026-06-03T10:05:00Z", { locationId: s.east.id });
    await s.occurrence("2026-06-03T11:10:00Z");
    await s.occurrence("2026-06-03T12:15:00Z", { locationId: s.east.id });
    await updateOccurrence(database(), s.tenant, cancelled.id, { status: "cancelled" });
    const day = await teachingSchedule(s.tenant, s.instructor, { view: "day", date: "2026-06-03" });
    expect(day.days[0]?.items.map((i) => [i.time, i.cancelled, i.travel])).toEqual([
      ["10:00", false, null],
      ["11:05", true, null],
      ["12:10", false, null],
      ["13:15", false, { from: "Main", gapMinutes: 5, travelMinutes: null, tight: false }],
    ]);
  });

  test("only people who teach have one; a location they do not work at is not found", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk");
    await expect(teachingSchedule(s.tenant, desk, { view: "week" })).rejects.toThrow(Forbidden);
    const mainOnly = await s.person("instructor", "Mo Main", [s.location.id]);
    await expect(teachingSchedule(s.tenant, mainOnly, { view: "week", locationId: s.east.id })).rejects.toThrow(
      NotFound,
    );
    expect((await teachingSchedule(s.tenant, s.owner, { view: "day" })).locations).toHaveLength(2);
  });
});
