import { describe, expect, test } from "vitest";
import { listAvailabilityBlocks, listOneToOneCommitmentsFrom } from "~/models/availability.server";
import { insertCommitment } from "~/models/commitment.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { BlockSchema, TimeOffSchema } from "./availability.schema";
import {
  addExtraHours,
  addTimeOff,
  availabilityEditor,
  removeBlock,
  removeException,
  saveBlock,
} from "./availability-editor.server";
import { availabilityStudio, london, nextMonday } from "./availability-fixtures.test-helper";

const block = (locationId: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
  BlockSchema.parse({ weekday: "1", locationId, start, end, allowsSelfBooking: true, ...extra });

describe("the weekly hours form", () => {
  test("times sit on a 15-minute grid and end after they start", () => {
    const id = crypto.randomUUID();
    const errors = (start: string, end: string) =>
      BlockSchema.safeParse({ weekday: "1", locationId: id, start, end }).error?.flatten().fieldErrors;
    expect(errors("08:10", "12:00")?.start).toEqual(["Use quarter hours: :00, :15, :30 or :45"]);
    expect(errors("08:00", "07:45")?.end).toEqual(["End after the start time"]);
    expect(errors("08:15", "12:45")).toBeUndefined();
    expect(TimeOffSchema.safeParse({ date: "2026-02-30" }).success).toBe(false);
    expect(TimeOffSchema.safeParse({ date: "2026-03-02", start: "09:00" }).error?.flatten().fieldErrors.end).toEqual([
      "Enter the end time too",
    ]);
  });
});

describe("editing availability", () => {
  test("a block may not overlap another on the same weekday at any location; the message names it", async () => {
    const s = await availabilityStudio();
    expect(await saveBlock(s.tenant, s.instructor, s.instructor.id, block(s.main.id, "08:00", "12:00"))).toEqual({
      ok: true,
      kept: [],
    });
    expect(await saveBlock(s.tenant, s.instructor, s.instructor.id, block(s.second.id, "11:45", "14:00"))).toEqual({
      ok: false,
      reason: "clash",
      message: "Overlaps Monday 08:00–12:00 at Main",
    });
    // Touching is not overlapping, and the block being edited does not clash with itself.
    expect((await saveBlock(s.tenant, s.instructor, s.instructor.id, block(s.second.id, "12:00", "14:00"))).ok).toBe(
      true,
    );
    const [first] = await listAvailabilityBlocks(database(), s.tenant, [s.instructor.id]);
    const edited = block(s.main.id, "07:00", "11:00", { blockId: first?.id });
    expect((await saveBlock(s.tenant, s.instructor, s.instructor.id, edited)).ok).toBe(true);
    const page = await availabilityEditor(s.tenant, s.instructor, s.instructor.id);
    expect(page.days[0]?.blocks.map((b) => `${b.start}-${b.end} ${b.locationName}`)).toEqual([
      "07:00-11:00 Main",
      "12:00-14:00 Second",
    ]);
  });

  test("instructors edit only their own hours", async () => {
    const s = await availabilityStudio();
    const other = await s.person("trainer", [s.main.id]);
    await expect(saveBlock(s.tenant, other, s.instructor.id, block(s.main.id, "08:00", "09:00"))).rejects.toThrow(
      Forbidden,
    );
    await expect(availabilityEditor(s.tenant, other, s.instructor.id)).rejects.toThrow(Forbidden);
    expect((await saveBlock(s.tenant, other, other.id, block(s.main.id, "08:00", "09:00"))).ok).toBe(true);
  });

  test("a manager edits an instructor's blocks only at the manager's own locations", async () => {
    const s = await availabilityStudio();
    const manager = await s.person("location_manager", [s.second.id]);
    const atMain = await s.block(s.instructor.id, 2, "08:00", "12:00", s.main.id);
    await expect(saveBlock(s.tenant, manager, s.instructor.id, block(s.main.id, "08:00", "09:00"))).rejects.toThrow(
      Forbidden,
    );
    await expect(removeBlock(s.tenant, manager, s.instructor.id, atMain.id, true)).rejects.toThrow(Forbidden);
    expect((await saveBlock(s.tenant, manager, s.instructor.id, block(s.second.id, "08:00", "09:00"))).ok).toBe(true);
    const page = await availabilityEditor(s.tenant, manager, s.instructor.id);
    expect(page.locations.map((l) => l.name)).toEqual(["Second"]);
    expect(page.days[1]?.blocks[0]?.editable).toBe(false);
    // Moving a block from a location they do not run to one they do is refused too.
    const moved = block(s.second.id, "08:00", "12:00", { blockId: atMain.id, weekday: "2" });
    await expect(saveBlock(s.tenant, manager, s.instructor.id, moved)).rejects.toThrow(Forbidden);
  });

  test("time off and extra hours are listed and removable", async () => {
    const s = await availabilityStudio();
    const date = nextMonday();
    await addTimeOff(s.tenant, s.owner, s.instructor.id, TimeOffSchema.parse({ date, note: "Dentist" }));
    await addExtraHours(s.tenant, s.instructor, s.instructor.id, {
      date,
      locationId: s.second.id,
      start: "18:00",
      end: "20:00",
      allowsSelfBooking: false,
    });
    const page = await availabilityEditor(s.tenant, s.instructor, s.instructor.id);
    expect(page.exceptions.map((e) => [e.kind, e.time, e.locationName, e.note])).toEqual([
      ["time_off", "All day", null, "Dentist"],
      ["extra_hours", "18:00–20:00", "Second", null],
    ]);
    for (const e of page.exceptions) await removeException(s.tenant, s.instructor, s.instructor.id, e.id, false);
    expect((await availabilityEditor(s.tenant, s.instructor, s.instructor.id)).exceptions).toEqual([]);
  });
});

describe("booked sessions are never silently stranded", () => {
  async function withBookedSession() {
    const s = await availabilityStudio();
    const monday = await s.block(s.instructor.id, 1, "08:00", "12:00");
    const date = nextMonday();
    await insertCommitment(database(), s.tenant, {
      instructorId: s.instructor.id,
      startsAt: london(date, "09:00"),
      endsAt: london(date, "10:00"),
      locationId: s.main.id,
      occurrenceId: null,
    });
    return { ...s, monday, date };
  }

  test("removing the block asks first, lists the session, and saving anyway keeps it", async () => {
    const s = await withBookedSession();
    const first = await removeBlock(s.tenant, s.instructor, s.instructor.id, s.monday.id, false);
    expect(first).toMatchObject({
      ok: false,
      reason: "stranded",
      sessions: [{ time: "09:00–10:00", locationName: "Main", date: expect.stringMatching(/^Mon \d+ \w+ \d{4}$/) }],
    });
    expect(await listAvailabilityBlocks(database(), s.tenant, [s.instructor.id])).toHaveLength(1);

    const confirmed = await removeBlock(s.tenant, s.instructor, s.instructor.id, s.monday.id, true);
    expect(confirmed).toMatchObject({ ok: true, kept: [{ time: "09:00–10:00" }] });
    expect(await listAvailabilityBlocks(database(), s.tenant, [s.instructor.id])).toEqual([]);
    expect(await listOneToOneCommitmentsFrom(database(), s.tenant, s.instructor.id, new Date())).toHaveLength(1);
  });

  test("shrinking asks only when the session falls outside; time off on that day asks too", async () => {
    const s = await withBookedSession();
    const shrink = (start: string, end: string, confirmed = false) =>
      saveBlock(
        s.tenant,
        s.instructor,
        s.instructor.id,
        block(s.main.id, start, end, { blockId: s.monday.id, confirmed }),
      );
    expect(await shrink("08:30", "10:00")).toEqual({ ok: true, kept: [] });
    expect(await shrink("09:30", "12:00")).toMatchObject({ ok: false, reason: "stranded" });

    const partial = TimeOffSchema.parse({ date: s.date, start: "09:45", end: "11:00" });
    expect(await addTimeOff(s.tenant, s.instructor, s.instructor.id, partial)).toMatchObject({
      ok: false,
      reason: "stranded",
    });
    const later = TimeOffSchema.parse({ date: s.date, start: "10:00", end: "11:00" });
    expect(await addTimeOff(s.tenant, s.instructor, s.instructor.id, later)).toEqual({ ok: true, kept: [] });
    const wholeDay = TimeOffSchema.parse({ date: s.date, confirmed: true });
    expect(await addTimeOff(s.tenant, s.instructor, s.instructor.id, wholeDay)).toMatchObject({
      ok: true,
      kept: [{ time: "09:00–10:00" }],
    });
  });

  test("a session already outside the hours, or a class, is not the edit's doing", async () => {
    const s = await withBookedSession();
    await insertCommitment(database(), s.tenant, {
      instructorId: s.instructor.id,
      startsAt: london(s.date, "15:00"),
      endsAt: london(s.date, "16:00"),
      locationId: s.main.id,
      occurrenceId: null,
    });
    const narrower = block(s.main.id, "08:00", "11:00", { blockId: s.monday.id });
    expect(await saveBlock(s.tenant, s.instructor, s.instructor.id, narrower)).toEqual({ ok: true, kept: [] });
  });
});
