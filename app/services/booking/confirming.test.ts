import { describe, expect, test } from "vitest";
import { assignInstructor } from "~/models/client-instructor.server";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { insertService } from "~/models/service.server";
import { database } from "~db/client";
import type { BookingMode, User } from "~db/schema/tenant";
import { bookSession, changeBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import { teachingSchedule } from "./teaching.server";
import { bookingDetail } from "./views.server";

/**
 * A pending booking is confirmed by the side whose decision it is: the instructor, for an
 * instructor-led service the front desk booked; the studio, for an admin-only one an instructor
 * booked. Owners and managers may confirm in the instructor's place with a reason, kept with
 * who confirmed and when.
 */

async function studio(mode: BookingMode) {
  const s = await bookingStudio();
  const service = await insertService(database(), s.tenant, {
    name: mode === "instructor_led" ? "Coached PT" : "Assessment",
    type: "session",
    durationMinutes: 60,
    locationIds: [s.main.id],
    bookingMode: mode,
  });
  const desk = (await s.person("receptionist", [s.main.id])) as User;
  const manager = (await s.person("location_manager", [s.main.id])) as User;
  const client = await s.client(2);
  const book = (actor: User, time = "10:00") =>
    bookSession(s.tenant, actor, {
      serviceId: service.id,
      locationId: s.main.id,
      startsAt: s.at(time),
      clientId: client.id,
      instructorId: s.instructor.id,
    });
  return { ...s, service, desk, manager, client, book, instructor: s.instructor as User };
}

describe("an instructor-led booking the front desk made waits for its instructor", () => {
  test("the receptionist who made it cannot confirm it; the instructor does", async () => {
    const s = await studio("instructor_led");
    const { booking } = await s.book(s.desk);
    expect(booking.status).toBe("pending");
    await expect(changeBooking(s.tenant, s.desk, booking.id, { status: "confirmed" })).rejects.toMatchObject({
      status: 403,
      code: "WAITS_FOR_INSTRUCTOR",
      message: expect.stringContaining("instructor confirms"),
    });
    const deskView = await bookingDetail(s.tenant, s.desk, booking.id);
    expect(deskView).toMatchObject({ canConfirm: false, confirmWaiting: expect.stringContaining("instructor") });
    expect(await bookingDetail(s.tenant, s.instructor, booking.id)).toMatchObject({
      canConfirm: true,
      confirmNeedsReason: false,
    });
    const waiting = (await teachingSchedule(s.tenant, s.instructor, { view: "day" })).pending;
    expect(waiting.map((p) => p.id)).toEqual([booking.id]);

    const at = new Date("2030-01-01T09:00:00Z");
    const confirmed = await changeBooking(s.tenant, s.instructor, booking.id, { status: "confirmed" }, at);
    expect(confirmed).toMatchObject({
      status: "confirmed",
      confirmedById: s.instructor.id,
      confirmedAt: at,
      confirmationOverrideReason: null,
    });
    const events = await listDomainEventsForBooking(database(), s.tenant, booking.id);
    expect(events.find((e) => e.type === "booking.confirmed")?.payload).toMatchObject({
      status: "confirmed",
      confirmedById: s.instructor.id,
      confirmedAt: at.toISOString(),
      overrideReason: null,
    });
    const shown = (await bookingDetail(s.tenant, s.desk, booking.id)).booking;
    expect(shown).toMatchObject({ confirmedBy: { id: s.instructor.id }, confirmationOverrideReason: null });
  });

  test("a manager confirms in the instructor's place only with a reason, which is kept", async () => {
    const s = await studio("instructor_led");
    const { booking } = await s.book(s.desk);
    expect(await bookingDetail(s.tenant, s.manager, booking.id)).toMatchObject({
      canConfirm: true,
      confirmNeedsReason: true,
    });
    for (const reason of [undefined, "", "   "])
      await expect(
        changeBooking(s.tenant, s.manager, booking.id, { status: "confirmed", reason }),
      ).rejects.toMatchObject({ status: 422, code: "REASON_REQUIRED" });
    const confirmed = await changeBooking(s.tenant, s.manager, booking.id, {
      status: "confirmed",
      reason: " Instructor on holiday; agreed by phone ",
    });
    expect(confirmed).toMatchObject({
      status: "confirmed",
      confirmedById: s.manager.id,
      confirmationOverrideReason: "Instructor on holiday; agreed by phone",
    });
    const events = await listDomainEventsForBooking(database(), s.tenant, booking.id);
    expect(events.find((e) => e.type === "booking.confirmed")?.payload).toMatchObject({
      confirmedById: s.manager.id,
      overrideReason: "Instructor on holiday; agreed by phone",
    });
  });
});

describe("an admin-only booking an instructor made waits for the studio", () => {
  test("the instructor cannot confirm it; the front desk does, with no reason needed", async () => {
    const s = await studio("admin_only");
    await assignInstructor(database(), s.tenant, s.client.id, s.instructor.id);
    const { booking } = await s.book(s.instructor);
    expect(booking).toMatchObject({ status: "pending", bookingMethod: "instructor_created" });
    await expect(changeBooking(s.tenant, s.instructor, booking.id, { status: "confirmed" })).rejects.toMatchObject({
      status: 403,
      code: "WAITS_FOR_STUDIO",
    });
    // Not on the instructor's "waiting for you to confirm" list either.
    expect((await teachingSchedule(s.tenant, s.instructor, { view: "day" })).pending).toEqual([]);
    const confirmed = await changeBooking(s.tenant, s.desk, booking.id, { status: "confirmed" });
    expect(confirmed).toMatchObject({
      status: "confirmed",
      confirmedById: s.desk.id,
      confirmationOverrideReason: null,
    });
    // Already confirmed: asking again changes nothing.
    const again = await changeBooking(s.tenant, s.manager, booking.id, { status: "confirmed" });
    expect(again.confirmedById).toBe(s.desk.id);
  });
});
