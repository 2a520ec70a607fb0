import { describe, expect, test } from "vitest";
import { listActiveClassSeries } from "~/models/class-series.server";
import { insertLocation } from "~/models/location.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { scheduleClassSeries, substituteInstructor } from "./class-schedule.server";
import { addDays, localTimeOf, todayIn, weekdayOf } from "./local-time";

async function studioWithClass() {
  const studio = await createTestStudio();
  const db = database();
  const second = await insertLocation(db, studio.tenant, {
    name: "Second",
    timezone: "Europe/London",
    address: { line1: "2 Road", city: "London", postcode: "N2", country: "GB" },
    operatingHours: studio.location.operatingHours,
  });
  const yoga = await insertService(db, studio.tenant, {
    name: "Vinyasa",
    type: "class",
    durationMinutes: 60,
    capacity: 12,
    locationIds: [studio.location.id, second.id],
  });
  const instructor = await insertUser(db, studio.tenant, {
    email: `priya-${Math.random()}@example.com`,
    fullName: "Priya",
    role: "instructor",
    accessibleLocations: [studio.location.id, second.id],
  });
  // Next week's Monday onwards, so every planned meeting is in the future.
  const validFrom = addDays(todayIn("Europe/London"), 7);
  const monday = { weekday: 1, startTime: "18:00", endTime: "19:00", intervalWeeks: 1, validFrom };
  return { ...studio, second, yoga, instructor, monday };
}

describe("scheduling classes", () => {
  test("a weekly series creates twelve weeks of occurrences at 18:00 local", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.location.id,
    });
    if (!outcome.ok) throw new Error("expected ok");
    expect(outcome.value.series.capacity).toBe(12);
    expect(outcome.value.occurrences.length).toBeGreaterThanOrEqual(11);
    for (const occurrence of outcome.value.occurrences) {
      expect(localTimeOf(occurrence.startsAt, "Europe/London")).toBe("18:00");
      expect(weekdayOf(occurrence.startsAt.toISOString().slice(0, 10))).toBe(1);
    }
  });

  test("an instructor cannot teach two classes at once, even at two locations", async () => {
    const s = await studioWithClass();
    const first = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.location.id,
    });
    expect(first.ok).toBe(true);
    const clash = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      startTime: "18:30",
      endTime: "19:30",
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.second.id,
    });
    expect(clash.ok).toBe(false);
    if (clash.ok) return;
    expect(clash.conflicts[0]).toMatchObject({ what: "Vinyasa", locationName: "Main" });
    // All or nothing: the refused series left no rows behind.
    expect(await listActiveClassSeries(database(), s.tenant)).toHaveLength(1);
  });

  test("back-to-back classes are fine", async () => {
    const s = await studioWithClass();
    const base = { serviceId: s.yoga.id, instructorId: s.instructor.id, locationId: s.location.id };
    expect((await scheduleClassSeries(s.tenant, s.owner, { ...s.monday, ...base })).ok).toBe(true);
    const next = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      ...base,
      startTime: "19:00",
      endTime: "20:00",
    });
    expect(next.ok).toBe(true);
  });

  test("two managers racing to book the same instructor: exactly one series wins", async () => {
    const s = await studioWithClass();
    const attempt = (locationId: string) =>
      scheduleClassSeries(s.tenant, s.owner, {
        ...s.monday,
        serviceId: s.yoga.id,
        instructorId: s.instructor.id,
        locationId,
      });
    const outcomes = await Promise.all([attempt(s.location.id), attempt(s.second.id)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  test("cancelling one occurrence leaves the series and frees the instructor at that time", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.location.id,
    });
    if (!outcome.ok) throw new Error("expected ok");
    const [first, second] = outcome.value.occurrences;
    const cancelled = await cancelOccurrence(s.tenant, s.owner, first!.id, "Instructor unwell");
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Instructor unwell" });
    const after = await listOccurrencesBetween(database(), s.tenant, {
      from: second!.startsAt,
      to: new Date(second!.startsAt.getTime() + 1),
    });
    expect(after[0]?.occurrence.status).toBe("scheduled");
    // The freed hour can be taken by another class of the same instructor.
    const oneOff = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      validUntil: s.monday.validFrom,
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.second.id,
    });
    expect(oneOff.ok).toBe(true);
  });

  test("a substitute covers one occurrence if free; the original is remembered", async () => {
    const s = await studioWithClass();
    const base = { serviceId: s.yoga.id, locationId: s.location.id };
    const outcome = await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      ...base,
      instructorId: s.instructor.id,
    });
    if (!outcome.ok) throw new Error("expected ok");
    const target = outcome.value.occurrences[0]!;
    // The owner is busy at the same time elsewhere, so cannot cover…
    await scheduleClassSeries(s.tenant, s.owner, {
      ...s.monday,
      ...base,
      locationId: s.second.id,
      instructorId: s.owner.id,
    });
    const refused = await substituteInstructor(s.tenant, s.owner, target.id, s.owner.id);
    expect(refused.ok).toBe(false);
    // …but a free instructor can.
    const tom = await insertUser(database(), s.tenant, {
      email: `tom-${Math.random()}@example.com`,
      fullName: "Tom",
      role: "trainer",
    });
    const covered = await substituteInstructor(s.tenant, s.owner, target.id, tom.id);
    expect(covered).toMatchObject({ ok: true, value: { instructorId: tom.id, originalInstructorId: s.instructor.id } });
  });

  test("instructors change only their own schedule; staff only at their locations", async () => {
    const s = await studioWithClass();
    const input = { ...s.monday, serviceId: s.yoga.id, locationId: s.location.id };
    await expect(scheduleClassSeries(s.tenant, s.instructor, { ...input, instructorId: s.owner.id })).rejects.toThrow(
      Forbidden,
    );
    expect((await scheduleClassSeries(s.tenant, s.instructor, { ...input, instructorId: s.instructor.id })).ok).toBe(
      true,
    );
    const receptionist = await insertUser(database(), s.tenant, {
      email: `desk-${Math.random()}@example.com`,
      fullName: "Desk",
      role: "receptionist",
      accessibleLocations: [s.second.id],
    });
    await expect(
      scheduleClassSeries(s.tenant, receptionist, {
        ...input,
        startTime: "07:00",
        endTime: "08:00",
        instructorId: s.owner.id,
      }),
    ).rejects.toThrow(Forbidden);
  });
});
