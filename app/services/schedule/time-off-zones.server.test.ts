import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { insertAvailabilityException, listAvailabilityExceptions } from "~/models/availability.server";
import { insertCommitment } from "~/models/commitment.server";
import { insertLocation } from "~/models/location.server";
import { insertService } from "~/models/service.server";
import { database } from "~db/client";
import { TimeOffSchema } from "./availability.schema";
import { availableSlots } from "./availability.server";
import { addTimeOff, availabilityEditor } from "./availability-editor.server";
import { availabilityStudio } from "./availability-fixtures.test-helper";

const MONDAY = "2026-06-01";
const WEEK_BEFORE = new Date("2026-05-25T12:00:00Z");

/** The availability studio with a New York location, and a traveller at Main (London, primary) and there. */
async function twoCountries() {
  const s = await availabilityStudio();
  const newYork = await insertLocation(database(), s.tenant, {
    name: "Manhattan",
    timezone: "America/New_York",
    address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
    // Open through the night, so that the slots show only what the time off takes away.
    operatingHours: { ...s.main.operatingHours, mon: { open: "00:00", close: "23:59" } },
  });
  const session = await insertService(database(), s.tenant, {
    name: "PT 60 NY",
    type: "session",
    durationMinutes: 60,
    locationIds: [newYork.id],
  });
  const traveller = await s.person("instructor", [s.main.id, newYork.id]);
  // Early mornings in New York, a Monday.
  await s.block(traveller.id, 1, "02:00", "10:00", newYork.id);
  return { ...s, newYork, traveller, session };
}

const newYorkTime = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: "America/New_York" }).toJSDate();

describe("time off without a location covers the same instants everywhere", () => {
  test("09:00–12:00 entered on London's clock blocks 04:00–07:00 New York slots and no others", async () => {
    const s = await twoCountries();
    const off = TimeOffSchema.parse({ date: MONDAY, start: "09:00", end: "12:00" });
    expect(await addTimeOff(s.tenant, s.owner, s.traveller.id, off, WEEK_BEFORE)).toEqual({ ok: true, kept: [] });
    const [row] = await listAvailabilityExceptions(database(), s.tenant, [s.traveller.id], MONDAY, MONDAY);
    expect(row?.timezone).toBe("Europe/London");

    const result = await availableSlots(
      s.tenant,
      { serviceId: s.session.id, locationId: s.newYork.id, date: MONDAY, instructorId: s.traveller.id },
      WEEK_BEFORE,
    );
    // 60-minute sessions every 30 minutes; 09:00–12:00 in London is 04:00–07:00 in New York in June.
    expect(result.instructors[0]?.slots.map((slot) => slot.localTime)).toEqual([
      "02:00",
      "02:30",
      "03:00",
      "07:00",
      "07:30",
      "08:00",
      "08:30",
      "09:00",
    ]);
  });

  test("a booked New York session inside the London time off is listed before it is added", async () => {
    const s = await twoCountries();
    await insertCommitment(database(), s.tenant, {
      instructorId: s.traveller.id,
      startsAt: newYorkTime(MONDAY, "05:00"),
      endsAt: newYorkTime(MONDAY, "06:00"),
      locationId: s.newYork.id,
      occurrenceId: null,
    });
    const off = TimeOffSchema.parse({ date: MONDAY, start: "09:00", end: "12:00" });
    expect(await addTimeOff(s.tenant, s.owner, s.traveller.id, off, WEEK_BEFORE)).toMatchObject({
      ok: false,
      reason: "stranded",
      sessions: [{ time: "05:00–06:00", locationName: "Manhattan" }],
    });
  });

  test("the editor says whose clock time off is on when the instructor's locations differ", async () => {
    const s = await twoCountries();
    await addTimeOff(
      s.tenant,
      s.owner,
      s.traveller.id,
      TimeOffSchema.parse({ date: MONDAY, start: "09:00", end: "12:00" }),
      WEEK_BEFORE,
    );
    const page = await availabilityEditor(s.tenant, s.owner, s.traveller.id, WEEK_BEFORE);
    expect(page.timeOffClock).toBe("London time");
    expect(page.exceptions.map((e) => e.time)).toEqual(["09:00–12:00 (London time)"]);
    // One clock: nothing to say.
    const local = await availabilityEditor(s.tenant, s.owner, s.instructor.id, WEEK_BEFORE);
    expect(local.timeOffClock).toBeNull();
  });

  test("the migration gives existing time off its instructor's primary clock, else the studio's first", async () => {
    const s = await twoCountries();
    const db = database();
    const roamer = await s.person("instructor", []);
    const entered = (instructorId: string) =>
      insertAvailabilityException(db, s.tenant, {
        instructorId,
        kind: "time_off",
        date: MONDAY,
        startTime: "09:00",
        endTime: "12:00",
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
    const mine = await entered(s.traveller.id);
    const theirs = await entered(roamer.id);
    const extra = await insertAvailabilityException(db, s.tenant, {
      instructorId: s.traveller.id,
      kind: "extra_hours",
      date: MONDAY,
      startTime: "18:00",
      endTime: "19:00",
      locationId: s.newYork.id,
      allowsSelfBooking: true,
      note: null,
    });
    // The New York location becomes the instructor's primary one before the migration runs.
    await db.execute(
      sql.raw(
        `UPDATE "${s.tenant.studio.schemaName}"."users" SET primary_location_id = '${s.newYork.id}' WHERE id = '${s.traveller.id}'`,
      ),
    );
    const migration = await readFile(
      path.join(process.cwd(), "db/migrations/tenant/0011_time_off_instants.sql"),
      "utf8",
    );
    await db.execute(sql.raw(migration.replaceAll('"tenant_template"', `"${s.tenant.studio.schemaName}"`)));

    const rows = await listAvailabilityExceptions(db, s.tenant, [s.traveller.id, roamer.id], MONDAY, MONDAY);
    const zoneOf = (id: string) => rows.find((r) => r.id === id)?.timezone;
    expect(zoneOf(mine.id)).toBe("America/New_York");
    expect(zoneOf(theirs.id)).toBe("Europe/London");
    expect(zoneOf(extra.id)).toBeNull();
  });
});
