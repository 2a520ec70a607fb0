import { describe, expect, test } from "vitest";
import { insertAvailabilityException } from "~/models/availability.server";
import { database } from "~db/client";
import { bookSession, rescheduleBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * A move goes through every rule of a new booking; only the booking's own time is left out of
 * the instructor's commitments, so a move that overlaps it is still possible.
 */
async function booked(time = "10:00") {
  const s = await bookingStudio();
  const client = await s.client(2);
  const { booking } = await bookSession(s.tenant, client, {
    serviceId: s.session.id,
    locationId: s.main.id,
    startsAt: s.at(time),
  });
  return { s, client, booking };
}

describe("moving a session", () => {
  test("10:00 → 10:30 overlaps the booking itself and still moves, since 10:30 is a slot", async () => {
    const { s, client, booking } = await booked();
    const moved = await rescheduleBooking(s.tenant, client, booking.id, { kind: "session", startsAt: s.at("10:30") });
    expect(moved.booking).toMatchObject({
      status: "confirmed",
      startsAt: s.at("10:30"),
      rescheduledFromId: booking.id,
    });
  });

  test("a start off the slot grid is refused, even overlapping the booking", async () => {
    const { s, client, booking } = await booked();
    await expect(
      rescheduleBooking(s.tenant, client, booking.id, { kind: "session", startsAt: s.at("10:10") }),
    ).rejects.toMatchObject({ status: 409, code: "SLOT_UNAVAILABLE" });
  });

  test("a start before the instructor's hours is refused", async () => {
    const { s, client, booking } = await booked("09:00");
    await expect(
      rescheduleBooking(s.tenant, client, booking.id, { kind: "session", startsAt: s.at("08:30") }),
    ).rejects.toMatchObject({ status: 409, code: "SLOT_UNAVAILABLE" });
  });

  test("a start in the instructor's time off is refused", async () => {
    const { s, client, booking } = await booked();
    await insertAvailabilityException(database(), s.tenant, {
      instructorId: s.instructor.id,
      date: s.monday,
      kind: "time_off",
      startTime: "10:30",
      endTime: "12:00",
      locationId: null,
      allowsSelfBooking: false,
      note: null,
    });
    await expect(
      rescheduleBooking(s.tenant, client, booking.id, { kind: "session", startsAt: s.at("10:30") }),
    ).rejects.toMatchObject({ status: 409, code: "SLOT_UNAVAILABLE" });
  });

  test("staff cannot move a booking into the past", async () => {
    const { s, booking } = await booked();
    await expect(
      rescheduleBooking(
        s.tenant,
        s.owner,
        booking.id,
        { kind: "session", startsAt: s.at("09:30") },
        { now: s.at("09:45") },
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  test("another instructor without availability then is refused", async () => {
    const { s, client, booking } = await booked();
    const idle = await s.person("trainer", [s.main.id]);
    await expect(
      rescheduleBooking(s.tenant, client, booking.id, {
        kind: "session",
        startsAt: s.at("10:30"),
        instructorId: idle.id,
      }),
    ).rejects.toMatchObject({ status: 409, code: "SLOT_UNAVAILABLE" });
  });
});
