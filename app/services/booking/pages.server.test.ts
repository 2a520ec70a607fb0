import { describe, expect, test } from "vitest";
import { insertAvailabilityBlock } from "~/models/availability.server";
import { insertService } from "~/models/service.server";
import { addDays } from "~/services/schedule/local-time";
import { NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { bookClass, bookSession } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import {
  bookingClient,
  cancellationPolicy,
  classBookingPanel,
  sessionConfirmation,
  sessionTimes,
  upcomingBookingsOf,
} from "./pages.server";
import { teachingSchedule } from "./teaching.server";

/** The booking studio plus a second instructor whose Monday evening clients cannot book themselves. */
async function studio() {
  const s = await bookingStudio();
  const evening = await s.person("trainer", [s.main.id]);
  await insertAvailabilityBlock(database(), s.tenant, {
    instructorId: evening.id,
    locationId: s.main.id,
    weekday: 1,
    startTime: "17:00",
    endTime: "19:00",
    allowsSelfBooking: false,
  });
  return { ...s, evening };
}

const times = (slots: { startsAt: string }[], s: { at: (t: string) => Date }) =>
  slots.map((slot) => slot.startsAt).filter((at) => at >= s.at("15:00").toISOString());

describe("the day's free times", () => {
  test("a client sees only times open to self-booking; VIPs and staff see every instructor's", async () => {
    const s = await studio();
    const client = await s.client(1);
    const query = { serviceId: s.session.id, locationId: s.main.id, date: s.monday };
    const own = await sessionTimes(s.tenant, client, client, query);
    expect(times(own.slots, s)).toEqual([
      s.at("15:00").toISOString(),
      s.at("15:30").toISOString(),
      s.at("16:00").toISOString(),
    ]);
    expect(own.instructors.map((i) => i.id)).toEqual(expect.arrayContaining([s.instructor.id, s.evening.id]));
    expect(own.bookable).toBe(true);

    const vip = { ...(await s.client(1)), bookingPermissions: "vip" } as User;
    const forVip = await sessionTimes(s.tenant, vip, vip, query);
    expect(times(forVip.slots, s)).toContain(s.at("18:00").toISOString());
    const byStaff = await sessionTimes(s.tenant, s.owner, client, query);
    expect(times(byStaff.slots, s)).toContain(s.at("17:00").toISOString());

    // One instructor: only theirs.
    const evening = await sessionTimes(s.tenant, s.owner, client, { ...query, instructorId: s.evening.id });
    expect(evening.slots[0]?.startsAt).toBe(s.at("17:00").toISOString());
    expect(evening.instructorId).toBe(s.evening.id);
  });

  test("an empty day names the next day with free times; a past date shows today", async () => {
    const s = await studio();
    const client = await s.client(1);
    const sunday = await sessionTimes(s.tenant, client, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      date: addDays(s.monday, -1),
    });
    expect(sunday.slots).toEqual([]);
    expect(sunday.nextFree).toEqual({ date: s.monday, name: "Monday" });
    const past = await sessionTimes(s.tenant, client, client, { serviceId: s.session.id, date: "2001-01-01" });
    expect(past.date).toBe(past.today);
    expect(past.previous).toBeNull();
  });

  test("a session the client may not book is said so, and an unknown one is not found", async () => {
    const s = await studio();
    const client = await s.client(1);
    const led = await insertService(database(), s.tenant, {
      name: "Led",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
      selfBookingEnabled: false,
    });
    expect((await sessionTimes(s.tenant, client, client, { serviceId: led.id })).bookable).toBe(false);
    expect((await sessionTimes(s.tenant, s.owner, client, { serviceId: led.id })).bookable).toBe(true);
    await expect(sessionTimes(s.tenant, client, client, { serviceId: s.yoga.id })).rejects.toThrow(NotFound);
  });
});

describe("confirming a time", () => {
  test("says whether the time is still free and how many credits cover it", async () => {
    const s = await studio();
    const client = await s.client(2);
    const slot = { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") };
    const before = await sessionConfirmation(s.tenant, client, client, slot);
    expect(before).toMatchObject({ available: true, credits: 2, instructor: null, pending: false, refusal: null });
    expect(before.when).toMatch(/^Monday \d+ \w+, 10:00–11:00$/);

    await bookSession(s.tenant, await s.client(1), slot);
    expect((await sessionConfirmation(s.tenant, client, client, slot)).available).toBe(false);
    await expect(
      sessionConfirmation(s.tenant, client, client, { ...slot, locationId: crypto.randomUUID() }),
    ).rejects.toThrow(NotFound);
  });

  test("the cancellation policy in a sentence, around the window's edge", () => {
    const startsAt = new Date("2026-12-01T09:00:00Z");
    const zone = "Europe/London";
    expect(cancellationPolicy(startsAt, 12, zone, true, new Date("2026-11-30T20:00:00Z"))).toBe(
      "Free cancellation until Mon 30 Nov, 21:00; after that the credit is used.",
    );
    expect(cancellationPolicy(startsAt, 12, zone, true, new Date("2026-11-30T21:00:00Z"))).toBe(
      "This is inside the 12-hour cancellation window: if you cancel, the credit is used.",
    );
    expect(cancellationPolicy(startsAt, 0, zone, true)).toBe("Free cancellation until it starts.");
    expect(cancellationPolicy(startsAt, 12, zone, false)).toMatch(/^No credit is used/);
  });
});

describe("who a booking is for", () => {
  test("a client books only for themselves; staff for a client they can see, after choosing one", async () => {
    const s = await studio();
    const client = await s.client(0);
    const other = await s.client(0);
    expect(await bookingClient(s.tenant, client, undefined)).toBe(client);
    await expect(bookingClient(s.tenant, client, other.id)).rejects.toThrow(NotFound);
    expect(await bookingClient(s.tenant, s.owner, undefined)).toBeNull();
    expect((await bookingClient(s.tenant, s.owner, client.id))?.id).toBe(client.id);
  });
});

describe("the class page's panel", () => {
  test("a client sees the place they hold; staff see the roster and may book a client in", async () => {
    const s = await studio();
    const client = await s.client(2);
    const zone = "Europe/London";
    const before = await classBookingPanel(s.tenant, client, s.yogaClass.id, { zone });
    expect(before).toMatchObject({ kind: "client", bookingId: null, selfBookable: true, maxSpots: 1, credits: 2 });
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    expect(await classBookingPanel(s.tenant, client, s.yogaClass.id, { zone })).toMatchObject({
      bookingId: booking.id,
    });

    const staff = await classBookingPanel(s.tenant, s.owner, s.yogaClass.id, { zone });
    expect(staff).toMatchObject({ kind: "staff", mayBook: true, roster: { booked: 1, capacity: 10 } });
    if (staff?.kind !== "staff") throw new Error("staff panel expected");
    expect(staff.roster?.bookings.map((b) => b.id)).toEqual([booking.id]);
    // Someone already in the class is not offered again.
    expect(staff.clients.map((c) => c.id)).not.toContain(client.id);
    expect(await classBookingPanel(s.tenant, null, s.yogaClass.id, { zone })).toBeNull();
  });
});

describe("the instructor's day and a client's page", () => {
  test("sessions with the client's name sit beside classes; pending bookings wait to be confirmed", async () => {
    const s = await studio();
    const client = await s.client(3);
    const led = await insertService(database(), s.tenant, {
      name: "Led PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
      selfBookingEnabled: false,
    });
    await bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") });
    const pending = await bookSession(s.tenant, s.owner, {
      serviceId: led.id,
      locationId: s.main.id,
      startsAt: s.at("14:00"),
      instructorId: s.instructor.id,
      clientId: client.id,
    });
    expect(pending.booking.status).toBe("pending");
    await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });

    const day = await teachingSchedule(s.tenant, s.instructor, { view: "day", date: s.monday });
    const items = day.days[0]?.items ?? [];
    expect(items.map((i) => [i.kind, i.time, i.kind === "session" ? i.client : i.booked])).toEqual([
      ["session", "10:00", client.fullName],
      ["session", "14:00", client.fullName],
      ["class", "18:00", 1],
    ]);
    expect(day.pending.map((p) => p.id)).toEqual([pending.booking.id]);

    const page = await upcomingBookingsOf(s.tenant, s.owner, client.id);
    expect(page.bookings.map((b) => b.serviceName)).toEqual(["PT 60", "Led PT", "Yoga"]);
    expect(page.canBook).toBe(true);
  });
});
