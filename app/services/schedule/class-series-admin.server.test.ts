import { describe, expect, test } from "vitest";
import { listCommitmentsOverlapping } from "~/models/commitment.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { endClassSeries } from "~/services/booking/class-cancellation.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { classFormOptions, listClassSeriesFor, scheduleClass } from "./class-series-admin.server";
import { addDays, localTimeOf, todayIn } from "./local-time";
import { coverOccurrence } from "./occurrence-admin.server";

async function studioWithClass() {
  const studio = await createTestStudio();
  const db = database();
  const yoga = await insertService(db, studio.tenant, {
    name: "Vinyasa",
    type: "class",
    durationMinutes: 75,
    capacity: 12,
    locationIds: [studio.location.id],
  });
  const person = (role: "instructor" | "receptionist" | "finance_manager", locations = [studio.location.id]) =>
    insertUser(db, studio.tenant, {
      email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: `A ${role}`,
      role,
      accessibleLocations: locations,
    });
  const instructor = await person("instructor");
  const input = {
    serviceId: yoga.id,
    locationId: studio.location.id,
    instructorId: instructor.id,
    weekday: 2,
    startTime: "18:00",
    intervalWeeks: 1,
    validFrom: addDays(todayIn("Europe/London"), 1),
  };
  return { ...studio, yoga, instructor, person, input };
}

const far = { from: new Date(), to: new Date(Date.now() + 200 * 86_400_000) };

describe("scheduling a class from the form", () => {
  test("the end time defaults to the start plus the service's length", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClass(s.tenant, s.owner, s.input);
    if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}`);
    expect(outcome.value.series).toMatchObject({ endTime: "19:15:00", capacity: 12 });
    expect(localTimeOf(outcome.value.occurrences[0]!.endsAt, "Europe/London")).toBe("19:15");
  });

  test("refuses a class not offered there, a teacher who does not work there, and one past midnight", async () => {
    const s = await studioWithClass();
    const elsewhere = await s.person("instructor", []);
    expect(await scheduleClass(s.tenant, s.owner, { ...s.input, instructorId: elsewhere.id })).toEqual({
      ok: false,
      reason: "instructor-not-here",
    });
    expect(await scheduleClass(s.tenant, s.owner, { ...s.input, startTime: "23:30" })).toEqual({
      ok: false,
      reason: "past-midnight",
    });
    const other = await insertService(database(), s.tenant, {
      name: "Pilates",
      type: "class",
      durationMinutes: 60,
      capacity: 8,
      locationIds: [],
    });
    expect(await scheduleClass(s.tenant, s.owner, { ...s.input, serviceId: other.id })).toEqual({
      ok: false,
      reason: "service-not-here",
    });
  });

  test("an instructor schedules only themselves; finance managers not at all", async () => {
    const s = await studioWithClass();
    const other = await s.person("instructor");
    await expect(scheduleClass(s.tenant, other, s.input)).rejects.toBeInstanceOf(Forbidden);
    expect((await scheduleClass(s.tenant, s.instructor, s.input)).ok).toBe(true);
    const options = await classFormOptions(s.tenant, s.instructor);
    expect(options.instructors.map((i) => i.id)).toEqual([s.instructor.id]);
    await expect(classFormOptions(s.tenant, await s.person("finance_manager"))).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("ending a series", () => {
  test("cancels its future meetings, frees the instructor and drops it from the list", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClass(s.tenant, s.owner, s.input);
    if (!outcome.ok) throw new Error("expected ok");
    const listed = await listClassSeriesFor(s.tenant, s.owner, [s.location.id]);
    expect(listed.map((row) => row.id)).toEqual([outcome.value.series.id]);
    expect(listed[0]?.upcoming.length).toBeGreaterThan(0);

    const ended = await endClassSeries(s.tenant, s.owner, outcome.value.series.id);
    expect(ended.series.validUntil).toBe(todayIn("Europe/London"));
    expect(ended.cancelled).toBe(outcome.value.occurrences.length);
    const rows = await listOccurrencesBetween(database(), s.tenant, far);
    expect(rows.every((row) => row.occurrence.status === "cancelled")).toBe(true);
    expect(await listCommitmentsOverlapping(database(), s.tenant, s.instructor.id, far.from, far.to)).toEqual([]);
    expect(await listClassSeriesFor(s.tenant, s.owner, [s.location.id])).toEqual([]);
    // The instructor is free again: the same slot can be scheduled anew.
    expect((await scheduleClass(s.tenant, s.owner, s.input)).ok).toBe(true);
  });

  test("a receptionist at another location, or another instructor, may not end it", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClass(s.tenant, s.owner, s.input);
    if (!outcome.ok) throw new Error("expected ok");
    const away = await s.person("receptionist", []);
    await expect(endClassSeries(s.tenant, away, outcome.value.series.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      endClassSeries(s.tenant, await s.person("instructor"), outcome.value.series.id),
    ).rejects.toBeInstanceOf(Forbidden);
    expect((await endClassSeries(s.tenant, s.instructor, outcome.value.series.id)).cancelled).toBeGreaterThan(0);
  });
});

describe("covering one meeting", () => {
  test("only someone who teaches at that location, and not the current teacher", async () => {
    const s = await studioWithClass();
    const outcome = await scheduleClass(s.tenant, s.owner, s.input);
    if (!outcome.ok) throw new Error("expected ok");
    const first = outcome.value.occurrences[0]!;
    expect(await coverOccurrence(s.tenant, s.owner, first.id, s.instructor.id)).toEqual({
      ok: false,
      reason: "already-teaching",
    });
    const elsewhere = await s.person("instructor", []);
    expect(await coverOccurrence(s.tenant, s.owner, first.id, elsewhere.id)).toEqual({ ok: false, reason: "not-here" });
    const cover = await s.person("instructor");
    const covered = await coverOccurrence(s.tenant, s.owner, first.id, cover.id);
    expect(covered.ok && covered.value.instructorId).toBe(cover.id);
  });
});

describe("opening hours", () => {
  test("a class outside the location's hours is refused, naming them; the owner may confirm past them", async () => {
    const s = await studioWithClass();
    const late = { ...s.input, startTime: "20:30" };
    const refused = await scheduleClass(s.tenant, s.owner, late);
    expect(refused).toEqual({
      ok: false,
      reason: "outside-opening-hours",
      opening: "Main's opening hours (Tue 06:00–21:00)",
      mayOverride: true,
    });
    const sunday = await scheduleClass(s.tenant, s.owner, { ...s.input, weekday: 7, startTime: "13:00" });
    expect(sunday).toMatchObject({ ok: false, reason: "outside-opening-hours" });
    const confirmed = await scheduleClass(s.tenant, s.owner, { ...late, overrideOpeningHours: true });
    expect(confirmed.ok).toBe(true);
  });

  test("an instructor scheduling their own class cannot confirm past the hours", async () => {
    const s = await studioWithClass();
    const early = { ...s.input, startTime: "05:00", overrideOpeningHours: true };
    expect(await scheduleClass(s.tenant, s.instructor, early)).toMatchObject({
      ok: false,
      reason: "outside-opening-hours",
      mayOverride: false,
    });
  });
});
