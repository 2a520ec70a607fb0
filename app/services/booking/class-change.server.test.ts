import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { insertCommitment, listCommitmentsOverlapping } from "~/models/commitment.server";
import { findOccurrence } from "~/models/occurrence.server";
import { extendClassHorizon } from "~/services/schedule/class-schedule.server";
import { Forbidden, type Refused } from "~/services/shared/errors";
import { database } from "~db/client";
import type { Occurrence } from "~db/schema/tenant";
import { cancelOccurrence } from "./class-cancellation.server";
import { changeClassDate } from "./class-change.server";
import { bookClass } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

const HOUR = 60 * 60_000;
type Studio = Awaited<ReturnType<typeof bookingStudio>>;

/** The class's hold on its instructor's time, as scheduling writes it. */
async function hold(s: Studio, occurrence: Occurrence) {
  await insertCommitment(database(), s.tenant, {
    instructorId: occurrence.instructorId,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    locationId: occurrence.locationId,
    occurrenceId: occurrence.id,
  });
}

async function messagesAbout(s: Studio, bookingId: string) {
  const { t } = s.tenant;
  return database().select().from(t.outboxMessages).where(eq(t.outboxMessages.bookingId, bookingId));
}

describe("changing one date of a class", () => {
  test("a new time moves the class, its instructor's hold and its bookings, keeps its length and tells the booked", async () => {
    const s = await bookingStudio();
    await hold(s, s.yogaClass);
    const client = await s.client();
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const before = (await messagesAbout(s, booking.id)).length;
    const later = s.at("19:30");

    const outcome = await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { startsAt: later });

    expect(outcome).toMatchObject({ ok: true, value: { startsAt: later, endsAt: new Date(later.getTime() + HOUR) } });
    expect(outcome.ok && outcome.value.plannedStartsAt).toEqual(s.yogaClass.startsAt);
    const moved = await findBooking(database(), s.tenant, booking.id);
    expect(moved).toMatchObject({ startsAt: later, endsAt: new Date(later.getTime() + HOUR) });
    const messages = await messagesAbout(s, booking.id);
    expect(messages.slice(before).map((m) => m.template)).toContain("booking_moved");
    const held = await listCommitmentsOverlapping(database(), s.tenant, s.instructor.id, later, moved?.endsAt as Date);
    expect(held.map((h) => h.occurrenceId)).toEqual([s.yogaClass.id]);
  });

  test("a moved date of a series keeps its week: the nightly planning does not create it again", async () => {
    const s = await bookingStudio();
    const { series, dated } = await s.weeklyClassAt("07:00");
    const outcome = await changeClassDate(s.tenant, s.owner, dated.id, { startsAt: s.at("07:30") });
    expect(outcome.ok).toBe(true);
    await extendClassHorizon(s.tenant);
    const { t } = s.tenant;
    const atOldTime = await database()
      .select()
      .from(t.occurrences)
      .where(and(eq(t.occurrences.seriesId, series.id), eq(t.occurrences.startsAt, dated.startsAt)));
    expect(atOldTime).toEqual([]);
  });

  test("capacity cannot go below the places booked; above frees places for the line", async () => {
    const s = await bookingStudio();
    for (let i = 0; i < 3; i++) await bookClass(s.tenant, await s.client(), { occurrenceId: s.yogaClass.id });
    await expect(changeClassDate(s.tenant, s.owner, s.yogaClass.id, { capacity: 2 })).rejects.toMatchObject({
      status: 409,
      code: "CAPACITY_BELOW_BOOKED",
    });
    expect(await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { capacity: 3 })).toMatchObject({
      ok: true,
      value: { capacity: 3 },
    });
  });

  test("a past start, a started class and a cancelled one are refused", async () => {
    const s = await bookingStudio();
    const past = await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { startsAt: new Date(Date.now() - HOUR) });
    expect(past).toMatchObject({ ok: false, reason: "invalid", refusal: { field: "startsAt" } });
    const started = await s.classAt(new Date(Date.now() - 10 * 60_000));
    await expect(changeClassDate(s.tenant, s.owner, started.id, { capacity: 5 })).rejects.toMatchObject({
      code: "CLASS_STARTED",
    });
    await cancelOccurrence(s.tenant, s.owner, s.yogaClass.id, "Flooded");
    await expect(changeClassDate(s.tenant, s.owner, s.yogaClass.id, { capacity: 5 })).rejects.toMatchObject({
      code: "CLASS_CANCELLED",
    });
  });

  test("a new instructor must teach here and be free; then the bookings follow them, as a substitute's do", async () => {
    const s = await bookingStudio();
    const client = await s.client();
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const before = (await messagesAbout(s, booking.id)).length;
    const elsewhere = await s.person("instructor", [s.second.id]);
    expect(await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { instructorId: elsewhere.id })).toMatchObject({
      ok: false,
      refusal: { field: "instructorId" },
    });
    const busy = await s.person("instructor", [s.main.id]);
    const clash = await s.classAt(s.at("18:30"));
    await database()
      .update(s.tenant.t.occurrences)
      .set({ instructorId: busy.id })
      .where(eq(s.tenant.t.occurrences.id, clash.id));
    await hold(s, { ...clash, instructorId: busy.id });
    expect(await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { instructorId: busy.id })).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    const free = await s.person("trainer", [s.main.id]);
    const covered = await changeClassDate(s.tenant, s.owner, s.yogaClass.id, { instructorId: free.id });
    expect(covered).toMatchObject({
      ok: true,
      value: { instructorId: free.id, originalInstructorId: s.instructor.id },
    });
    expect((await findBooking(database(), s.tenant, booking.id))?.instructorId).toBe(free.id);
    // A substitution tells no one, and neither does this.
    expect(await messagesAbout(s, booking.id)).toHaveLength(before);
  });

  test("only the owner and managers of its location; not the desk, not its instructor", async () => {
    const s = await bookingStudio();
    const change = { capacity: 12 };
    for (const person of [
      await s.person("receptionist", [s.main.id]),
      await s.person("location_manager", [s.second.id]),
      s.instructor,
    ])
      await expect(changeClassDate(s.tenant, person, s.yogaClass.id, change)).rejects.toBeInstanceOf(Forbidden);
    const manager = await s.person("location_manager", [s.main.id]);
    expect(await changeClassDate(s.tenant, manager, s.yogaClass.id, change)).toMatchObject({ ok: true });
  });

  test("racing a booking, capacity and places booked stay consistent", async () => {
    const s = await bookingStudio({ classCapacity: 2 });
    await bookClass(s.tenant, await s.client(), { occurrenceId: s.yogaClass.id });
    const late = await s.client();
    const [booked, changed] = await Promise.allSettled([
      bookClass(s.tenant, late, { occurrenceId: s.yogaClass.id }),
      changeClassDate(s.tenant, s.owner, s.yogaClass.id, { capacity: 1 }),
    ]);
    // Exactly one wins: the booking (and the change is refused) or the change (and the class is full).
    expect([booked.status, changed.status].sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = (
      booked.status === "rejected" ? booked.reason : (changed as PromiseRejectedResult).reason
    ) as Refused;
    expect(["CLASS_FULL", "CAPACITY_BELOW_BOOKED"]).toContain(refusal.code);
    const occurrence = await findOccurrence(database(), s.tenant, s.yogaClass.id);
    expect(occurrence?.bookedSpots).toBeLessThanOrEqual(occurrence?.capacity ?? 0);
  });

  test("racing a booking, a moved class never leaves a booking at its old time", async () => {
    const s = await bookingStudio();
    const later = s.at("20:00");
    const [booked] = await Promise.allSettled([
      bookClass(s.tenant, await s.client(), { occurrenceId: s.yogaClass.id }),
      changeClassDate(s.tenant, s.owner, s.yogaClass.id, { startsAt: later }),
    ]);
    if (booked.status === "rejected") expect(booked.reason).toMatchObject({ code: "CLASS_CHANGED" });
    else expect((await findBooking(database(), s.tenant, booked.value.booking.id))?.startsAt).toEqual(later);
  });
});
