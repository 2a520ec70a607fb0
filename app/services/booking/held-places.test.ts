import { describe, expect, test } from "vitest";
import { updateBooking } from "~/models/booking.server";
import { findOccurrence, insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { bookClass, cancelBooking, changeBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * Places and credits agree in every status: a pending class booking has spent its credit, so it
 * holds its place too (migration 0010), and keeps holding it once checked in, completed or
 * marked a no-show. Only a cancellation gives both back.
 */

/** An instructor-led class (the front desk's bookings wait for the instructor) with `capacity` places. */
async function ledClass(capacity: number) {
  const s = await bookingStudio();
  const db = database();
  const led = await insertService(db, s.tenant, {
    name: "Coached circuit",
    type: "class",
    durationMinutes: 60,
    capacity,
    locationIds: [s.main.id],
    bookingMode: "instructor_led",
  });
  const startsAt = s.at("19:30");
  const occurrence = await insertOccurrence(db, s.tenant, {
    serviceId: led.id,
    locationId: s.main.id,
    instructorId: s.instructor.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    capacity,
  });
  if (!occurrence) throw new Error("class not inserted");
  const desk = (await s.person("receptionist", [s.main.id])) as User;
  /** The front desk books a client in: pending, waiting for the instructor. */
  const bookIn = (client: User) => bookClass(s.tenant, desk, { occurrenceId: occurrence.id, clientId: client.id });
  const places = async () => (await findOccurrence(db, s.tenant, occurrence.id))?.bookedSpots;
  return { ...s, occurrence, desk, bookIn, places };
}

describe("a pending class booking holds its place", () => {
  test("it takes its place: a class full with a pending booking refuses another", async () => {
    const s = await ledClass(1);
    const [first, second] = [await s.client(1), await s.client(1)];
    const { booking } = await s.bookIn(first);
    expect(booking.status).toBe("pending");
    expect(await s.places()).toBe(1);
    await expect(s.bookIn(second)).rejects.toMatchObject({ status: 409, code: "CLASS_FULL" });
    expect((await clientCredits(s.tenant, second, second.id)).balance).toBe(1);
  });

  test("confirming it succeeds after the class has filled", async () => {
    const s = await ledClass(2);
    const [first, second, third] = [await s.client(1), await s.client(1), await s.client(1)];
    const { booking } = await s.bookIn(first);
    await s.bookIn(second);
    await expect(s.bookIn(third)).rejects.toMatchObject({ code: "CLASS_FULL" });
    const confirmed = await changeBooking(s.tenant, s.instructor as User, booking.id, { status: "confirmed" });
    expect(confirmed.status).toBe("confirmed");
    expect(await s.places()).toBe(2);
    expect((await clientCredits(s.tenant, first, first.id)).balance).toBe(0);
  });

  test("cancelling it frees the place and returns the credit", async () => {
    const s = await ledClass(1);
    const client = await s.client(1);
    const { booking } = await s.bookIn(client);
    expect(await s.places()).toBe(1);
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(0);
    await cancelBooking(s.tenant, s.owner, booking.id);
    expect(await s.places()).toBe(0);
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(1);
    await s.bookIn(await s.client(1));
    expect(await s.places()).toBe(1);
  });

  test("checked in, completed or a no-show, the place stays taken", async () => {
    const s = await ledClass(3);
    const clients = [await s.client(1), await s.client(1), await s.client(1)];
    const bookings = [];
    for (const client of clients) bookings.push((await s.bookIn(client)).booking);
    expect(await s.places()).toBe(3);
    const statuses = ["checked_in", "completed", "no_show"] as const;
    for (const [index, status] of statuses.entries()) {
      const booking = bookings[index];
      if (!booking) throw new Error("no booking");
      await updateBooking(database(), s.tenant, booking.id, { status: "confirmed" });
      await updateBooking(database(), s.tenant, booking.id, { status });
      expect(await s.places(), status).toBe(3);
    }
    await expect(s.bookIn(await s.client(1))).rejects.toMatchObject({ code: "CLASS_FULL" });
  });
});
