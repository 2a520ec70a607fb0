import { describe, expect, test } from "vitest";
import { findOccurrence, insertOccurrence } from "~/models/occurrence.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import { bookClass, bookSession, cancelBooking, rescheduleBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

describe("booking a session", () => {
  test("a client books a free slot, spends a credit and holds the instructor's time", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const { booking, replayed } = await bookSession(s.tenant, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });
    expect(replayed).toBe(false);
    expect(booking).toMatchObject({ status: "confirmed", bookingMethod: "self_booked", instructorId: s.instructor.id });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(1);
    const other = await s.client(2);
    await expect(
      bookSession(s.tenant, other, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") }),
    ).rejects.toMatchObject({ status: 409 });
  });

  test("'any instructor' gives each racing client a different free instructor, then refuses", async () => {
    const s = await bookingStudio();
    const second = await s.person("trainer", [s.main.id]);
    await s.block(second.id, 1, "09:00", "17:00");
    const clients = await Promise.all([s.client(1), s.client(1), s.client(1)]);
    const results = await Promise.allSettled(
      clients.map((client) =>
        bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("12:00") }),
      ),
    );
    const booked = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.booking.instructorId] : []));
    expect(booked.sort()).toEqual([s.instructor.id, second.id].sort());
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  test("cancelling in time returns the credit and frees the slot", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const { booking } = await bookSession(s.tenant, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("11:00"),
    });
    const cancelled = await cancelBooking(s.tenant, client, booking.id);
    expect(cancelled.booking).toMatchObject({ status: "cancelled", creditForfeited: false });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(1);
    const again = await bookSession(s.tenant, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("11:00"),
    });
    expect(again.booking.status).toBe("confirmed");
  });
});

describe("booking a class", () => {
  test("places are counted and the credit spent; a second booking of the same class is refused", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    expect(booking.spotsBooked).toBe(1);
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(1);
    await expect(bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id })).rejects.toMatchObject({
      code: "ALREADY_BOOKED",
    });
    await cancelBooking(s.tenant, client, booking.id);
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
  });

  test("the same submission twice makes one booking", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { idempotencyKey: key }),
      bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { idempotencyKey: key }),
    ]);
    expect(a.booking.id).toBe(b.booking.id);
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(2);
  });

  test("reschedule moves a session atomically", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const { booking } = await bookSession(s.tenant, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });
    const moved = await rescheduleBooking(s.tenant, client, booking.id, { kind: "session", startsAt: s.at("10:30") });
    expect(moved.booking).toMatchObject({ status: "confirmed", rescheduledFromId: booking.id });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(0);
  });

  test("front desk cannot reach a booking at a location they do not work at, even of their own client", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const startsAt = s.at("19:30");
    const elsewhere = await insertOccurrence(database(), s.tenant, {
      serviceId: s.yoga.id,
      locationId: s.second.id,
      instructorId: s.instructor.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      capacity: 10,
    });
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: elsewhere!.id });
    const desk = await s.person("receptionist", [s.main.id]);
    await expect(cancelBooking(s.tenant, desk, booking.id)).rejects.toBeInstanceOf(NotFound);
  });
});
