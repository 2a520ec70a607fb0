import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { updateOccurrence } from "~/models/occurrence.server";
import { NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { scheduleStudio } from "./fixtures.test-helper";
import { classDetail, daySchedule } from "./timetable.server";

const times = (day: Awaited<ReturnType<typeof daySchedule>>) => day.classes.map((c) => `${c.date} ${c.time}`);

describe("the public day schedule", () => {
  test("the spring-forward day (23 hours) holds exactly that local day's classes", async () => {
    const s = await scheduleStudio();
    for (const start of [
      "2026-03-28T23:30:00Z",
      "2026-03-29T00:30:00Z",
      "2026-03-29T22:30:00Z",
      "2026-03-29T23:15:00Z",
    ]) {
      await s.occurrence(start, { minutes: 30 });
    }
    const day = await daySchedule(s.tenant, { locationId: s.location.id, date: "2026-03-29" });
    // 00:30 GMT and 23:30 BST are Sunday; 23:30 the night before and 00:15 BST after are not.
    expect(times(day)).toEqual(["2026-03-29 00:30", "2026-03-29 23:30"]);
    expect(day).toMatchObject({ previous: "2026-03-28", next: "2026-03-30", heading: "Sunday 29 March" });
  });

  test("the fall-back day (25 hours) holds exactly that local day's classes", async () => {
    const s = await scheduleStudio();
    for (const start of [
      "2026-10-24T22:30:00Z",
      "2026-10-24T23:30:00Z",
      "2026-10-25T23:30:00Z",
      "2026-10-26T00:15:00Z",
    ]) {
      await s.occurrence(start, { minutes: 30 });
    }
    const day = await daySchedule(s.tenant, { locationId: s.location.id, date: "2026-10-25" });
    expect(times(day)).toEqual(["2026-10-25 00:30", "2026-10-25 23:30"]);
  });

  test("only the chosen location; filters by class and by instructor", async () => {
    const s = await scheduleStudio();
    const hiit = await s.service("HIIT");
    const other = await s.person("trainer", "Tess Trainer");
    await s.occurrence("2026-06-01T08:00:00Z");
    await s.occurrence("2026-06-01T10:00:00Z", { serviceId: hiit.id, instructorId: other.id });
    await s.occurrence("2026-06-01T12:00:00Z", { locationId: s.east.id });
    const base = { locationId: s.location.id, date: "2026-06-01" };
    const all = await daySchedule(s.tenant, base);
    expect(all.classes.map((c) => [c.time, c.name, c.instructor, c.spotsLeft])).toEqual([
      ["09:00", "Yoga", "Ira Instructor", 12],
      ["11:00", "HIIT", "Tess Trainer", 12],
    ]);
    expect(all.services.map((x) => x.name)).toEqual(["HIIT", "Yoga"]);
    expect(all.instructors.map((x) => x.name)).toEqual(["Ira Instructor", "Owner Person", "Tess Trainer"]);
    expect((await daySchedule(s.tenant, { ...base, serviceId: hiit.id })).classes.map((c) => c.name)).toEqual(["HIIT"]);
    expect(
      (await daySchedule(s.tenant, { ...base, instructorId: s.instructor.id })).classes.map((c) => c.name),
    ).toEqual(["Yoga"]);
    const east = await daySchedule(s.tenant, { ...base, locationId: s.east.id });
    expect(east.classes.map((c) => c.time)).toEqual(["13:00"]);
  });

  test("an empty day points to the next day with classes, under the same filters", async () => {
    const s = await scheduleStudio();
    const other = await s.person("trainer", "Tess Trainer");
    await s.occurrence("2026-06-03T08:00:00Z", { instructorId: other.id });
    await s.occurrence("2026-06-05T23:30:00Z"); // 00:30 on the 6th in London
    const empty = await daySchedule(s.tenant, { locationId: s.location.id, date: "2026-06-01" });
    expect(empty.classes).toEqual([]);
    expect(empty.nextWithClasses).toEqual({ date: "2026-06-03", label: "Wednesday 3 June" });
    const mine = await daySchedule(s.tenant, {
      locationId: s.location.id,
      date: "2026-06-01",
      instructorId: s.instructor.id,
    });
    expect(mine.nextWithClasses?.date).toBe("2026-06-06");
    const after = await daySchedule(s.tenant, { locationId: s.location.id, date: "2026-06-07" });
    expect(after.nextWithClasses).toBeNull();
  });

  test("defaults to the first location and today; an unknown location is not found", async () => {
    const s = await scheduleStudio();
    const day = await daySchedule(s.tenant, {}, new Date("2026-07-01T23:30:00Z"));
    expect(day.location.id).toBe(s.location.id);
    expect(day.date).toBe("2026-07-02");
    const other = await createTestStudio();
    await expect(daySchedule(s.tenant, { locationId: other.location.id })).rejects.toThrow(NotFound);
  });
});

describe("the day the schedule opens on", () => {
  // 18:00 in London on Wednesday 3 June 2026.
  const evening = new Date("2026-06-03T17:00:00Z");

  test("today while something is left to book, with started and full classes marked", async () => {
    const s = await scheduleStudio();
    await s.occurrence("2026-06-03T07:00:00Z");
    const full = await s.occurrence("2026-06-03T17:30:00Z");
    await database()
      .update(s.tenant.t.occurrences)
      .set({ bookedSpots: 12 })
      .where(eq(s.tenant.t.occurrences.id, full.id));
    await s.occurrence("2026-06-03T18:00:00Z");
    const day = await daySchedule(s.tenant, { locationId: s.location.id }, evening, "bookable");
    expect(day).toMatchObject({ date: "2026-06-03", openedLater: false });
    expect(day.classes.map((c) => [c.time, c.started, c.spotsLeft])).toEqual([
      ["08:00", true, 12],
      ["18:30", false, 0],
      ["19:00", false, 12],
    ]);
  });

  test("the next day with a bookable class when today has nothing left; a date asked for still wins", async () => {
    const s = await scheduleStudio();
    await s.occurrence("2026-06-03T07:00:00Z"); // started
    const full = await s.occurrence("2026-06-04T08:00:00Z");
    await database()
      .update(s.tenant.t.occurrences)
      .set({ bookedSpots: 12 })
      .where(eq(s.tenant.t.occurrences.id, full.id));
    await s.occurrence("2026-06-06T09:00:00Z");
    await s.occurrence("2026-06-06T11:00:00Z");
    const day = await daySchedule(s.tenant, { locationId: s.location.id }, evening, "bookable");
    expect(day).toMatchObject({
      date: "2026-06-06",
      today: "2026-06-03",
      openedLater: true,
      heading: "Saturday 6 June",
    });
    expect(day.classes.map((c) => c.time)).toEqual(["10:00", "12:00"]);
    const asked = await daySchedule(s.tenant, { locationId: s.location.id, date: "2026-06-03" }, evening, "bookable");
    expect(asked).toMatchObject({ date: "2026-06-03", openedLater: false });
    // The API's "no date" is still today.
    expect((await daySchedule(s.tenant, { locationId: s.location.id }, evening)).date).toBe("2026-06-03");
  });

  test("stays on today when nothing is bookable in the next two weeks", async () => {
    const s = await scheduleStudio();
    await s.occurrence("2026-06-03T07:00:00Z");
    await s.occurrence("2026-06-20T07:00:00Z");
    const day = await daySchedule(s.tenant, { locationId: s.location.id }, evening, "bookable");
    expect(day).toMatchObject({ date: "2026-06-03", openedLater: false });
  });
});

describe("class detail", () => {
  test("local time, address, spots, cover and cancellation", async () => {
    const s = await scheduleStudio();
    const sub = await s.person("trainer", "Tess Trainer");
    const occurrence = await s.occurrence("2026-06-01T17:30:00Z", { minutes: 45 });
    const detail = await classDetail(s.tenant, occurrence.id, new Date("2026-05-01T00:00:00Z"));
    expect(detail).toMatchObject({
      name: "Yoga",
      description: "Yoga for everyone",
      dateLabel: "Monday 1 June 2026",
      time: "18:30",
      endTime: "19:15",
      minutes: 45,
      spotsLeft: 12,
      cancelled: false,
      started: false,
      location: { name: "Main", address: "1 High Street, London, N1 1AA" },
      instructor: { name: "Ira Instructor" },
      coveringFor: null,
    });
    await updateOccurrence(database(), s.tenant, occurrence.id, {
      instructorId: sub.id,
      originalInstructorId: s.instructor.id,
      status: "cancelled",
      cancelReason: "The studio is flooded.",
    });
    expect(await classDetail(s.tenant, occurrence.id)).toMatchObject({
      instructor: { name: "Tess Trainer" },
      coveringFor: "Ira Instructor",
      cancelled: true,
      cancelReason: "The studio is flooded.",
      started: true,
    });
  });

  test("another studio's class is not found here", async () => {
    const s = await scheduleStudio();
    const other = await scheduleStudio();
    const theirs = await other.occurrence("2026-06-01T08:00:00Z");
    await expect(classDetail(s.tenant, theirs.id)).rejects.toThrow(NotFound);
  });
});
