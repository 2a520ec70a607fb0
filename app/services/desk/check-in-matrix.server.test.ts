import { describe, expect, test } from "vitest";
import { findBooking, updateBooking } from "~/models/booking.server";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { updateLocation } from "~/models/location.server";
import { bookClass, bookSession, cancelBooking } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import { checkInBooking } from "./booking-check-in.server";
import { checkIn, checkInByCode } from "./check-in.server";
import { distanceMetres } from "./position";

/**
 * Item 5's check-in matrix against the database: the window's edges, the studio's settings,
 * the client's position, codes across studios and locations, twenty scans at once, the
 * booking's status and who may check in. The window on days the clocks change is in
 * check-in-window.test.ts.
 */
type Studio = Awaited<ReturnType<typeof bookingStudio>>;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const shifted = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

// The main location, placed; positions north of it by so many metres along its meridian.
const HERE = { latitude: 51.5407, longitude: -0.1434 };
const METRES_PER_DEGREE = 111_195.08;
const north = (metres: number, accuracy: unknown = 15) => ({
  latitude: HERE.latitude + metres / METRES_PER_DEGREE,
  longitude: HERE.longitude,
  accuracy,
});

async function arriving(options: { placed?: boolean } = {}) {
  const s = await bookingStudio();
  if (options.placed !== false) await updateLocation(database(), s.tenant, s.main.id, HERE);
  const client = await s.client(3);
  const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
  return { s, client, booking, startsAt: s.at("18:00") };
}

async function setSettings(s: Studio, values: Record<string, unknown>) {
  await database().update(s.tenant.t.studioSettings).set(values);
}

describe("the window's edges, on the location's clock", () => {
  test("opens exactly 30 minutes before (a second earlier is refused) and closes exactly 15 after", async () => {
    const { s, booking, startsAt } = await arriving();
    const desk = await s.person("receptionist", [s.main.id]);
    await expect(
      checkIn(s.tenant, desk, booking.id, { via: "staff" }, shifted(startsAt, -30 * MINUTE - SECOND)),
    ).rejects.toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 17:30, 30 minutes before the start.",
    });
    expect((await checkIn(s.tenant, desk, booking.id, { via: "staff" }, shifted(startsAt, -30 * MINUTE))).outcome).toBe(
      "checked_in",
    );

    const late = await arriving();
    const lateDesk = await late.s.person("receptionist", [late.s.main.id]);
    await expect(
      checkIn(late.s.tenant, lateDesk, late.booking.id, { via: "staff" }, shifted(late.startsAt, 15 * MINUTE + SECOND)),
    ).rejects.toMatchObject({
      code: "CHECK_IN_CLOSED",
      message: "Check-in closed at 18:15, 15 minutes after the start. The instructor marks attendance now.",
    });
    const edge = await checkIn(
      late.s.tenant,
      lateDesk,
      late.booking.id,
      { via: "staff" },
      shifted(late.startsAt, 15 * MINUTE),
    );
    expect(edge.outcome).toBe("checked_in");
  });

  test("the studio's settings move the edges: opening 10 minutes before, closing at the start", async () => {
    const { s, booking, startsAt } = await arriving();
    await setSettings(s, { checkInOpensMinutes: 10, checkInClosesMinutes: 0 });
    const desk = await s.person("receptionist", [s.main.id]);
    await expect(
      checkIn(s.tenant, desk, booking.id, { via: "staff" }, shifted(startsAt, -11 * MINUTE)),
    ).rejects.toMatchObject({ message: "Check-in opens at 17:50, 10 minutes before the start." });
    await expect(
      checkIn(s.tenant, desk, booking.id, { via: "staff" }, shifted(startsAt, SECOND)),
    ).rejects.toMatchObject({
      code: "CHECK_IN_CLOSED",
      message: "Check-in closed at 18:00, 0 minutes after the start. The instructor marks attendance now.",
    });
    expect((await checkIn(s.tenant, desk, booking.id, { via: "staff" }, startsAt)).outcome).toBe("checked_in");
  });
});

describe("the client's own check-in and their position", () => {
  const now = (startsAt: Date) => shifted(startsAt, -10 * MINUTE);

  test("about 100 m away: checked in, the distance kept", async () => {
    const { s, client, booking, startsAt } = await arriving();
    const result = await checkInBooking(s.tenant, client, booking.id, north(100), now(startsAt));
    expect(result.outcome).toBe("checked_in");
    const saved = await findBooking(database(), s.tenant, booking.id);
    expect(saved).toMatchObject({ status: "checked_in", checkInSource: "client", checkInDistanceMetres: 100 });
  });

  test("exactly at the radius (500 m) is in; a metre further is out", async () => {
    const { s, client, booking, startsAt } = await arriving();
    expect(Math.round(distanceMetres(HERE, north(500)))).toBe(500);
    await expect(checkInBooking(s.tenant, client, booking.id, north(501), now(startsAt))).rejects.toMatchObject({
      code: "TOO_FAR",
      message: "You seem to be 501 m from Main. Check in when you are there, or at the desk.",
    });
    expect((await checkInBooking(s.tenant, client, booking.id, north(500), now(startsAt))).outcome).toBe("checked_in");
  });

  test("about 2 km away: refused, the distance in kilometres", async () => {
    const { s, client, booking, startsAt } = await arriving();
    await expect(checkInBooking(s.tenant, client, booking.id, north(2000), now(startsAt))).rejects.toMatchObject({
      status: 409,
      code: "TOO_FAR",
      message: "You seem to be 2.0 km from Main. Check in when you are there, or at the desk.",
    });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
  });

  test("no position (no JavaScript, or not shared), or one that is no place on Earth: check in at the desk", async () => {
    const { s, client, booking, startsAt } = await arriving();
    const absurd = [
      {},
      { latitude: "", longitude: "", accuracy: "" },
      { latitude: 91, longitude: 0 },
      { latitude: 0, longitude: 181 },
      { latitude: Number.NaN, longitude: 0 },
      { latitude: "abc", longitude: "-0.14" },
      { latitude: Number.POSITIVE_INFINITY, longitude: 0 },
      { latitude: "51.54", longitude: "Infinity" },
    ];
    for (const sent of absurd) {
      await expect(
        checkInBooking(s.tenant, client, booking.id, sent, now(startsAt)),
        JSON.stringify(sent),
      ).rejects.toMatchObject({
        status: 400,
        code: "POSITION_NEEDED",
        message: "We could not tell where you are. Check in at the desk when you arrive.",
      });
    }
    expect((await findBooking(database(), s.tenant, booking.id))?.checkedInAt).toBeNull();
  });

  test("a fix too rough to tell (accuracy 5000 m) is not taken as being there", async () => {
    const { s, client, booking, startsAt } = await arriving();
    await expect(checkInBooking(s.tenant, client, booking.id, north(0, 5000), now(startsAt))).rejects.toMatchObject({
      code: "POSITION_TOO_ROUGH",
    });
    // A string from the form is read the same way.
    await expect(
      checkInBooking(
        s.tenant,
        client,
        booking.id,
        { latitude: "51.5407", longitude: "-0.1434", accuracy: "5000" },
        now(startsAt),
      ),
    ).rejects.toMatchObject({ code: "POSITION_TOO_ROUGH" });
  });

  test("a location that has not set where it is, and a studio with client check-in off: at the desk", async () => {
    const unplaced = await arriving({ placed: false });
    await expect(
      checkInBooking(unplaced.s.tenant, unplaced.client, unplaced.booking.id, north(0), now(unplaced.startsAt)),
    ).rejects.toMatchObject({ code: "LOCATION_NOT_PLACED" });

    const { s, client, booking, startsAt } = await arriving();
    await setSettings(s, { clientCheckIn: false });
    await expect(checkInBooking(s.tenant, client, booking.id, north(0), now(startsAt))).rejects.toMatchObject({
      status: 403,
      code: "CLIENT_CHECK_IN_OFF",
      message: "Check in at the desk when you arrive.",
    });
  });

  test("outside the window the client is told when it opens, whatever their position", async () => {
    const { s, client, booking, startsAt } = await arriving();
    await expect(
      checkInBooking(s.tenant, client, booking.id, north(0), shifted(startsAt, -2 * 60 * MINUTE)),
    ).rejects.toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 17:30, 30 minutes before the start.",
    });
  });
});

describe("codes at the desk", () => {
  test("another studio's code is unknown here; another location's desk is told where the booking is", async () => {
    const a = await arriving();
    const b = await arriving();
    const deskA = await a.s.person("receptionist", [a.s.main.id, a.s.second.id]);
    await expect(
      checkInByCode(a.s.tenant, deskA, a.s.main.id, b.booking.checkInCode, a.startsAt),
    ).rejects.toMatchObject({
      status: 404,
      code: "UNKNOWN_CODE",
    });
    expect((await findBooking(database(), b.s.tenant, b.booking.id))?.checkedInAt).toBeNull();
    await expect(
      checkInByCode(a.s.tenant, deskA, a.s.second.id, a.booking.checkInCode, a.startsAt),
    ).rejects.toMatchObject({
      code: "WRONG_LOCATION",
      message: "This booking is at Main, not at this desk's location.",
    });
  });

  test("typed in lower case with a space it is the same code; a name is not a code", async () => {
    const { s, booking, startsAt } = await arriving();
    const desk = await s.person("receptionist", [s.main.id]);
    const typed = `${booking.checkInCode.slice(0, 4)} ${booking.checkInCode.slice(4)}`.toLowerCase();
    expect((await checkInByCode(s.tenant, desk, s.main.id, typed, startsAt)).outcome).toBe("checked_in");
    await expect(checkInByCode(s.tenant, desk, s.main.id, "Ada Lovelace", startsAt)).rejects.toMatchObject({
      code: "NOT_A_CODE",
    });
  });

  test("twenty scans at once: one check-in, nineteen 'already', one event, one time", async () => {
    const { s, booking, startsAt } = await arriving();
    const desk = await s.person("receptionist", [s.main.id]);
    const scans = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkInByCode(s.tenant, desk, s.main.id, booking.checkInCode, shifted(startsAt, -10 * MINUTE + i * SECOND)),
      ),
    );
    const first = scans.filter((r) => r.outcome === "checked_in");
    expect(first).toHaveLength(1);
    expect(scans.filter((r) => r.outcome === "already")).toHaveLength(19);
    const saved = await findBooking(database(), s.tenant, booking.id);
    expect(saved?.checkedInAt?.getTime()).toBe(first[0]?.checkedInAt.getTime());
    for (const scan of scans) expect(scan.checkedInAt.getTime()).toBe(saved?.checkedInAt?.getTime());
    const events = await listDomainEventsForBooking(database(), s.tenant, booking.id);
    expect(events.filter((e) => e.type === "booking.checked_in")).toHaveLength(1);
  });
});

describe("a booking that is not confirmed is refused with its reason", () => {
  test("cancelled, waiting for confirmation, not paid, marked no-show", async () => {
    const { s, client, booking, startsAt } = await arriving();
    const desk = await s.person("receptionist", [s.main.id]);
    const cases = [
      ["pending", "BOOKING_PENDING"],
      ["awaiting_payment", "PAYMENT_PENDING"],
      ["no_show", "MARKED_NO_SHOW"],
    ] as const;
    for (const [status, code] of cases) {
      await updateBooking(database(), s.tenant, booking.id, { status });
      await expect(checkIn(s.tenant, desk, booking.id, { via: "staff" }, startsAt), status).rejects.toMatchObject({
        status: 409,
        code,
      });
    }
    await updateBooking(database(), s.tenant, booking.id, { status: "confirmed" });
    await cancelBooking(s.tenant, client, booking.id, {}, { now: s.at("10:00") });
    await expect(checkIn(s.tenant, desk, booking.id, { via: "staff" }, startsAt)).rejects.toMatchObject({
      code: "BOOKING_CANCELLED",
    });
  });
});

describe("who may check a booking in", () => {
  test("a client only their own: anyone else's is not found", async () => {
    const { s, booking, startsAt } = await arriving();
    const other = await s.client(1);
    await expect(checkInBooking(s.tenant, other, booking.id, north(0), startsAt)).rejects.toMatchObject({
      name: "NotFound",
    });
  });

  test("an instructor their own class and session, not another instructor's", async () => {
    const { s, client, booking, startsAt } = await arriving();
    const stranger = await s.person("instructor", [s.main.id]);
    await expect(checkInBooking(s.tenant, stranger, booking.id, {}, startsAt)).rejects.toMatchObject({
      name: "Forbidden",
      message: "You can check in only the clients of your own sessions and classes.",
    });
    expect((await checkInBooking(s.tenant, s.instructor, booking.id, {}, startsAt)).outcome).toBe("checked_in");
    const session = await bookSession(
      s.tenant,
      client,
      { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") },
      { now: s.at("09:00") },
    );
    await expect(checkInBooking(s.tenant, stranger, session.booking.id, {}, s.at("10:00"))).rejects.toMatchObject({
      name: "Forbidden",
    });
    expect((await checkInBooking(s.tenant, s.instructor, session.booking.id, {}, s.at("10:00"))).outcome).toBe(
      "checked_in",
    );
  });

  test("the desk and managers at the booking's location; elsewhere it is not found; finance may not", async () => {
    const { s, booking, startsAt } = await arriving();
    for (const role of ["receptionist", "location_manager"] as const) {
      const elsewhere = await s.person(role, [s.second.id]);
      await expect(checkInBooking(s.tenant, elsewhere, booking.id, {}, startsAt), role).rejects.toMatchObject({
        name: "NotFound",
      });
    }
    const finance = await s.person("finance_manager", [s.main.id]);
    await expect(checkInBooking(s.tenant, finance, booking.id, {}, startsAt)).rejects.toMatchObject({
      name: "Forbidden",
      message: "Your role cannot check clients in.",
    });
    const manager = await s.person("location_manager", [s.main.id]);
    expect((await checkInBooking(s.tenant, manager, booking.id, {}, startsAt)).outcome).toBe("checked_in");
    const desk = await s.person("receptionist", [s.main.id]);
    const again = await checkInBooking(s.tenant, desk, booking.id, {}, startsAt);
    expect(again).toMatchObject({ outcome: "already" });
    expect(again.message).toMatch(/^Already checked in: .+, Yoga 18:00 \(at 18:00\)\.$/);
    expect((await findBooking(database(), s.tenant, booking.id))?.checkedInById).toBe(manager.id);
  });
});
