import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { findOccurrence } from "~/models/occurrence.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { bookClass, bookSession, cancelBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import { bookingClient, clientChoices, sessionConfirmation, sessionTimes } from "./pages.server";
import { myBookings } from "./views.server";

const MINUTE = 60_000;

/** A receptionist books a client into a Yoga class starting in 30 minutes: well inside its 12-hour window. */
async function deskBookedSoon() {
  const s = await bookingStudio();
  const desk = { ...(await s.person("receptionist", [s.main.id])), fullName: "Rita Desk" };
  const client = await s.client(3);
  const soon = await s.classAt(new Date(Date.now() + 30 * MINUTE));
  const { booking } = await bookClass(s.tenant, desk, { occurrenceId: soon.id, clientId: client.id });
  const credits = async () => (await clientCredits(s.tenant, s.owner, client.id)).balance;
  const spotsTaken = async () => (await findOccurrence(database(), s.tenant, soon.id))?.bookedSpots;
  return { s, desk, client, soon, booking, credits, spotsTaken };
}

describe("undoing a booking made in error", () => {
  test("the receptionist who made it undoes it inside the cancellation window: place and credit come back, logged", async () => {
    const { s, desk, booking, credits, spotsTaken } = await deskBookedSoon();
    expect(await credits()).toBe(2);
    expect(await spotsTaken()).toBe(1);
    const { booking: undone } = await cancelBooking(s.tenant, desk, booking.id);
    expect(undone).toMatchObject({
      status: "cancelled",
      creditForfeited: false,
      cancelledById: desk.id,
      cancelReason: "Undone by Rita Desk (booked in error)",
    });
    expect(await credits()).toBe(3);
    expect(await spotsTaken()).toBe(0);
    const events = (await listDomainEventsForBooking(database(), s.tenant, booking.id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(["booking.booked", "booking.undone", "occurrence.spot_freed"]));
    expect(events).not.toContain("booking.cancelled");
  });

  test("exactly at the undo minutes it still works; a second after, the manager message as before", async () => {
    const late = await deskBookedSoon();
    const after = new Date(late.booking.createdAt.getTime() + 10 * MINUTE + 1000);
    await expect(cancelBooking(late.s.tenant, late.desk, late.booking.id, {}, { now: after })).rejects.toMatchObject({
      status: 409,
      code: "CANCEL_NOT_ALLOWED",
      message: "It is past the cancellation window: a manager can cancel this booking.",
    });
    expect(await late.credits()).toBe(2);
    const onTime = await deskBookedSoon();
    const boundary = new Date(onTime.booking.createdAt.getTime() + 10 * MINUTE);
    const { booking } = await cancelBooking(onTime.s.tenant, onTime.desk, onTime.booking.id, {}, { now: boundary });
    expect(booking.status).toBe("cancelled");
    expect(await onTime.credits()).toBe(3);
  });

  test("another receptionist cannot undo it, nor can anyone once the studio sets 0 minutes", async () => {
    const { s, booking, credits } = await deskBookedSoon();
    const other = await s.person("receptionist", [s.main.id]);
    await expect(cancelBooking(s.tenant, other, booking.id)).rejects.toMatchObject({ code: "CANCEL_NOT_ALLOWED" });
    expect(await credits()).toBe(2);
    const off = await deskBookedSoon();
    await updateStudioSettings(database(), off.s.tenant, { undoMinutes: 0 });
    await expect(cancelBooking(off.s.tenant, off.desk, off.booking.id)).rejects.toMatchObject({
      code: "CANCEL_NOT_ALLOWED",
    });
  });

  test("the undo button after its time is refused, not turned into a plain cancel", async () => {
    const { s, booking } = await deskBookedSoon();
    const manager = await s.person("location_manager", [s.main.id]);
    // The manager did not make it: an undo is not theirs, though a cancel would be.
    await expect(cancelBooking(s.tenant, manager, booking.id, { undo: true })).rejects.toMatchObject({
      code: "UNDO_EXPIRED",
    });
    const { booking: cancelled } = await cancelBooking(s.tenant, manager, booking.id);
    expect(cancelled.cancelReason).toBe("Cancelled by the studio");
  });
});

describe("the owner books for themselves", () => {
  test("into a class (not one they teach), without credits or a PAR-Q, and sees it among their own bookings", async () => {
    const s = await bookingStudio();
    await updateStudioSettings(database(), s.tenant, { requireParqBeforeFirstBooking: true });
    const { booking } = await bookClass(s.tenant, s.owner, { occurrenceId: s.yogaClass.id });
    expect(booking).toMatchObject({ clientId: s.owner.id, bookingMethod: "self_booked", status: "confirmed" });
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(1);
    const teaching = await s.classAt(new Date(s.yogaClass.startsAt.getTime() + 2 * 60 * MINUTE));
    await database()
      .update(s.tenant.t.occurrences)
      .set({ instructorId: s.owner.id })
      .where(eq(s.tenant.t.occurrences.id, teaching.id));
    await expect(bookClass(s.tenant, s.owner, { occurrenceId: teaching.id })).rejects.toMatchObject({
      code: "OWN_CLASS",
    });
    const mine = await myBookings(s.tenant, s.owner, new Date(s.yogaClass.startsAt.getTime() - 60 * MINUTE));
    expect(mine.upcoming.map((b) => b.id)).toEqual([booking.id]);
  });

  test("a session with an instructor, but never with themselves", async () => {
    const s = await bookingStudio();
    // The owner trains clients too: they work Mondays like the instructor.
    await s.block(s.owner.id, 1, "09:00", "17:00");
    const request = { serviceId: s.session.id, locationId: s.main.id };
    const { booking } = await bookSession(s.tenant, s.owner, {
      ...request,
      startsAt: s.at("10:00"),
      instructorId: s.instructor.id,
    });
    expect(booking).toMatchObject({ clientId: s.owner.id, instructorId: s.instructor.id, status: "confirmed" });
    await expect(
      bookSession(s.tenant, s.owner, { ...request, startsAt: s.at("12:00"), instructorId: s.owner.id }),
    ).rejects.toMatchObject({ code: "OWN_INSTRUCTOR" });
    // "Anyone" passes the owner over, and says so when nobody else is free.
    const anyone = await bookSession(s.tenant, s.owner, { ...request, startsAt: s.at("13:00") });
    expect(anyone.booking.instructorId).toBe(s.instructor.id);
    const client = await s.client(1);
    await bookSession(s.tenant, client, { ...request, startsAt: s.at("14:00"), instructorId: s.instructor.id });
    await expect(bookSession(s.tenant, s.owner, { ...request, startsAt: s.at("14:00") })).rejects.toMatchObject({
      code: "OWN_INSTRUCTOR",
    });
  });

  test("the session flow offers the owner themselves, other instructors' times only, and no credit to pay", async () => {
    const s = await bookingStudio();
    await s.block(s.owner.id, 1, "09:00", "17:00");
    const desk = await s.person("receptionist", [s.main.id]);
    expect((await clientChoices(s.tenant, s.owner, "")).selfId).toBe(s.owner.id);
    expect((await clientChoices(s.tenant, desk, "")).selfId).toBeNull();
    expect(await bookingClient(s.tenant, s.owner, s.owner.id)).toMatchObject({ id: s.owner.id });
    await expect(bookingClient(s.tenant, desk, desk.id)).rejects.toThrow();
    const query = { serviceId: s.session.id, locationId: s.main.id, date: s.monday };
    const day = await sessionTimes(s.tenant, s.owner, s.owner, query);
    expect(day.instructors.map((i) => i.id)).toEqual([s.instructor.id]);
    expect(day.slots.length).toBeGreaterThan(0);
    expect(day.bookable).toBe(true);
    const confirm = await sessionConfirmation(s.tenant, s.owner, s.owner, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });
    expect(confirm).toMatchObject({ available: true, requiresCredit: false, credits: null, refusal: null });
  });

  test("other staff still choose a client: the matrix gives only the owner 'create own booking'", async () => {
    const s = await bookingStudio();
    for (const role of ["receptionist", "location_manager", "instructor"] as const) {
      const staff = await s.person(role, [s.main.id]);
      await expect(bookClass(s.tenant, staff, { occurrenceId: s.yogaClass.id })).rejects.toThrow(Forbidden);
    }
  });
});
