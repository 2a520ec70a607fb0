import { describe, expect, test } from "vitest";
import { findShownBooking } from "~/models/booking.server";
import { database } from "~db/client";
import { bookClass, bookSession } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/*
 * A new booking's answer is built from the facts its messages were written with, in its own
 * transaction, rather than read again after it: it must be exactly what the read would give.
 */
describe("a new booking as shown, without reading it again", () => {
  test("a session and a class place equal the booking read back after the write", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const session = await bookSession(
      s.tenant,
      client,
      { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00"), notes: "knee" },
      { idempotencyKey: "shown-session" },
    );
    const place = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    for (const outcome of [session, place]) {
      expect(outcome.shown).toBeDefined();
      expect(outcome.shown).toEqual(await findShownBooking(database(), s.tenant, outcome.booking.id));
    }
  });

  test("a repeated submission answers with the first booking as read, not as the facts of a write", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const request = { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("11:00") };
    const first = await bookSession(s.tenant, client, request, { idempotencyKey: "shown-twice" });
    const again = await bookSession(s.tenant, client, request, { idempotencyKey: "shown-twice" });
    expect(again).toMatchObject({ replayed: true, booking: { id: first.booking.id } });
    expect(again.shown).toBeUndefined();
  });
});
