import { describe, expect, test } from "vitest";
import { insertAvailabilityException } from "~/models/availability.server";
import { insertCommitment } from "~/models/commitment.server";
import { updateLocation } from "~/models/location.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import { availableSlots, availableSlotsOverDays } from "./availability.server";
import { availabilityStudio, london } from "./availability-fixtures.test-helper";

const MONDAY = "2026-06-01";
const WEEK_BEFORE = new Date("2026-05-25T12:00:00Z");
const times = (result: Awaited<ReturnType<typeof availableSlots>>, id: string) =>
  result.instructors.find((i) => i.id === id)?.slots.map((s) => s.localTime);

describe("availableSlots", () => {
  test("a class the instructor teaches at another location takes the slots around it, journey included", async () => {
    const s = await availabilityStudio();
    await s.block(s.instructor.id, 1, "08:00", "12:00");
    const query = { serviceId: s.session.id, locationId: s.main.id, date: MONDAY };
    expect(times(await availableSlots(s.tenant, query, WEEK_BEFORE), s.instructor.id)).toEqual([
      "08:00",
      "08:30",
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
    ]);

    const yoga = await insertService(database(), s.tenant, {
      name: "Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [s.second.id],
    });
    const occurrence = await insertOccurrence(database(), s.tenant, {
      serviceId: yoga.id,
      locationId: s.second.id,
      instructorId: s.instructor.id,
      startsAt: london(MONDAY, "10:00"),
      endsAt: london(MONDAY, "11:00"),
      capacity: 10,
    });
    await insertCommitment(database(), s.tenant, {
      instructorId: s.instructor.id,
      startsAt: london(MONDAY, "10:00"),
      endsAt: london(MONDAY, "11:00"),
      locationId: s.second.id,
      occurrenceId: occurrence?.id ?? null,
    });
    // 30 minutes to Second before 10:00; back at Main by 11:30, too late for an hour before 12:00.
    expect(times(await availableSlots(s.tenant, query, WEEK_BEFORE), s.instructor.id)).toEqual(["08:00", "08:30"]);
  });

  test("lists every bookable instructor at the location, each with their own slots", async () => {
    const s = await availabilityStudio();
    const other = await s.person("trainer", [s.main.id]);
    await s.block(s.instructor.id, 1, "08:00", "09:00");
    await s.block(other.id, 1, "17:00", "18:30");
    const result = await availableSlots(
      s.tenant,
      { serviceId: s.session.id, locationId: s.main.id, date: MONDAY },
      WEEK_BEFORE,
    );
    expect(times(result, s.instructor.id)).toEqual(["08:00"]);
    expect(times(result, other.id)).toEqual(["17:00", "17:30"]);
    expect(times(result, s.owner.id)).toEqual([]);
  });

  test("time off: the whole day, or part of it", async () => {
    const s = await availabilityStudio();
    await s.block(s.instructor.id, 1, "08:00", "11:00");
    const off = (startTime: string | null, endTime: string | null, date = MONDAY) =>
      insertAvailabilityException(database(), s.tenant, {
        instructorId: s.instructor.id,
        kind: "time_off",
        date,
        startTime,
        endTime,
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
    const query = { serviceId: s.session.id, locationId: s.main.id, date: MONDAY, instructorId: s.instructor.id };
    await off("08:00", "09:00");
    expect(times(await availableSlots(s.tenant, query, WEEK_BEFORE), s.instructor.id)).toEqual([
      "09:00",
      "09:30",
      "10:00",
    ]);
    await off(null, null);
    expect(times(await availableSlots(s.tenant, query, WEEK_BEFORE), s.instructor.id)).toEqual([]);
  });

  test("a session starts and ends within the location's opening hours; a closed day has none", async () => {
    const s = await availabilityStudio();
    await s.block(s.instructor.id, 1, "08:00", "17:00");
    await s.block(s.instructor.id, 2, "08:00", "17:00");
    await updateLocation(database(), s.tenant, s.main.id, {
      operatingHours: { ...s.main.operatingHours, mon: { open: "10:00", close: "12:00" }, tue: null },
    });
    const query = { serviceId: s.session.id, locationId: s.main.id, instructorId: s.instructor.id };
    const monday = await availableSlots(s.tenant, { ...query, date: MONDAY }, WEEK_BEFORE);
    expect(times(monday, s.instructor.id)).toEqual(["10:00", "10:30", "11:00"]);
    const tuesday = await availableSlots(s.tenant, { ...query, date: "2026-06-02" }, WEEK_BEFORE);
    expect(times(tuesday, s.instructor.id)).toEqual([]);
  });

  test.each([
    ["2026-03-29", new Date("2026-03-20T12:00:00Z"), "2026-03-29T06:00:00.000Z"],
    ["2026-10-25", new Date("2026-10-20T12:00:00Z"), "2026-10-25T07:00:00.000Z"],
  ])("on the clock change of %s no slot goes missing or doubles, and 07:00 stays 07:00", async (date, now, seven) => {
    const s = await availabilityStudio();
    // Open through the night, so the location's hours do not hide the hours the clocks change in.
    await updateLocation(database(), s.tenant, s.main.id, {
      operatingHours: { ...s.main.operatingHours, sun: { open: "00:00", close: "23:59" } },
    });
    await s.block(s.instructor.id, 7, "00:00", "04:00");
    await s.block(s.instructor.id, 7, "07:00", "12:00");
    const query = { serviceId: s.session.id, locationId: s.main.id, date, instructorId: s.instructor.id };
    const slots = (await availableSlots(s.tenant, query, now)).instructors[0]?.slots ?? [];
    const local = slots.map((slot) => slot.localTime);
    expect(new Set(local).size).toBe(local.length);
    expect(local.filter((t) => t >= "07:00")).toEqual([
      "07:00",
      "07:30",
      "08:00",
      "08:30",
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
    ]);
    expect(slots.find((slot) => slot.localTime === "07:00")?.startsAt.toISOString()).toBe(seven);
    const starts = slots.map((slot) => slot.startsAt.getTime());
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // Spring forward skips 01:00–01:59 (an hour from 00:30 lasts until 02:30 by the clock); in
    // autumn 01:00–01:59 happens twice but is offered once.
    if (date === "2026-03-29") {
      expect(local.filter((t) => t < "07:00")).toEqual(["00:00", "00:30", "02:00", "02:30", "03:00"]);
    } else
      expect(local.filter((t) => t < "07:00")).toEqual(["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00"]);
  });

  test("beyond the booking horizon there are no slots; unknown or unsuitable ids are not found", async () => {
    const s = await availabilityStudio();
    await s.block(s.instructor.id, 1, "08:00", "12:00");
    const query = { serviceId: s.session.id, locationId: s.main.id, date: MONDAY };
    expect(times(await availableSlots(s.tenant, query, new Date("2026-03-01T12:00:00Z")), s.instructor.id)).toEqual([]);
    const yoga = await insertService(database(), s.tenant, {
      name: "Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [s.main.id],
    });
    await expect(availableSlots(s.tenant, { ...query, serviceId: yoga.id }, WEEK_BEFORE)).rejects.toThrow(NotFound);
    await expect(availableSlots(s.tenant, { ...query, locationId: crypto.randomUUID() }, WEEK_BEFORE)).rejects.toThrow(
      NotFound,
    );
    await expect(
      availableSlots(s.tenant, { ...query, instructorId: crypto.randomUUID() }, WEEK_BEFORE),
    ).rejects.toThrow(NotFound);
  });
});

describe("availableSlotsOverDays", () => {
  test("a week at once gives each day what asking day by day gives", async () => {
    const s = await availabilityStudio();
    await s.block(s.instructor.id, 1, "08:00", "10:00");
    await s.block(s.instructor.id, 3, "14:00", "16:00");
    await insertAvailabilityException(database(), s.tenant, {
      instructorId: s.instructor.id,
      kind: "time_off",
      date: "2026-06-03",
      startTime: "15:00",
      endTime: "16:00",
      locationId: null,
      allowsSelfBooking: true,
      note: null,
    });
    await insertCommitment(database(), s.tenant, {
      instructorId: s.instructor.id,
      locationId: s.main.id,
      startsAt: london(MONDAY, "08:30"),
      endsAt: london(MONDAY, "09:30"),
      occurrenceId: null,
    });
    const query = { serviceId: s.session.id, locationId: s.main.id, date: MONDAY };
    const week = await availableSlotsOverDays(s.tenant, query, 7, WEEK_BEFORE);
    for (const day of week.days) {
      const alone = await availableSlots(s.tenant, { ...query, date: day.date }, WEEK_BEFORE);
      expect(day.instructors).toEqual(alone.instructors);
    }
    expect(week.days.map((d) => d.instructors[0]?.slots.length)).toEqual([0, 0, 1, 0, 0, 0, 0]);
  });
});
