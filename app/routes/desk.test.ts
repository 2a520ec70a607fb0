import { describe, expect, test } from "vitest";
import { insertOccurrence } from "~/models/occurrence.server";
import { bookingView } from "~/services/booking/api.server";
import { bookClass } from "~/services/booking/engine.server";
import { deskStudio } from "~/services/desk/desk.test-helper";
import { localDateOf } from "~/services/schedule/local-time";
import { database } from "~db/client";
import { callRoute } from "../../test/route-call";
import { action, loader } from "./desk";

type Studio = Awaited<ReturnType<typeof deskStudio>>;

/**
 * Five minutes from now, or five minutes ago when that would be tomorrow in `zone`: the desk's
 * search lists today's bookings, and check-in is open either way.
 */
function soonToday(zone: string, now = Date.now()) {
  const later = new Date(now + 5 * 60_000);
  const sameDay = localDateOf(later, zone) === localDateOf(new Date(now), zone);
  return sameDay ? later : new Date(now - 5 * 60_000);
}

/** A Yoga class starting in five minutes at a location (check-in is open), and a booking of Ada's in it. */
async function bookedSoon(s: Studio, locationId: string, capacity = 10, startsAt = new Date(Date.now() + 5 * 60_000)) {
  const soon = await insertOccurrence(database(), s.tenant, {
    serviceId: s.yoga.id,
    locationId,
    instructorId: s.instructor.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    capacity,
  });
  if (!soon) throw new Error("class not inserted");
  // Booked before it starts, as Ada would have.
  const bookedAt = new Date(startsAt.getTime() - 10 * 60_000);
  const { booking } = await bookClass(s.tenant, s.ada, { occurrenceId: soon.id }, { now: bookedAt });
  return { soon, booking };
}

const scan = (s: Studio, q: string, location = s.main.id) =>
  callRoute(action, s.tenant, s.desk, "/desk", { form: { intent: "find", location, q } });

describe("/desk over HTTP", () => {
  test("a scanned code checks in and says so; the second scan says already checked in", async () => {
    const s = await deskStudio();
    const { booking } = await bookedSoon(s, s.main.id);
    const first = await scan(s, booking.checkInCode);
    expect(first).toMatchObject({ status: 303, location: `/desk?location=${s.main.id}&checked=${booking.id}` });
    const page = await callRoute(loader, s.tenant, s.desk, first.location as string);
    expect(page.data?.notice).toMatch(/^Checked in: Ada Lovelace, Yoga \d\d:\d\d\.$/);

    const second = await scan(s, booking.checkInCode.toLowerCase());
    expect(second).toMatchObject({ status: 303, location: `/desk?location=${s.main.id}&already=${booking.id}` });
    const again = await callRoute(loader, s.tenant, s.desk, second.location as string);
    expect(again.data?.notice).toMatch(/^Already checked in: Ada Lovelace, Yoga \d\d:\d\d \(at \d\d:\d\d\)\.$/);
  });

  test("a code of another location's booking, or of another studio's, is refused beside the field", async () => {
    const s = await deskStudio();
    const { booking } = await bookedSoon(s, s.second.id);
    const manager = await s.person("location_manager", [s.main.id, s.second.id]);
    const wrongDesk = await callRoute(action, s.tenant, manager, "/desk", {
      form: { intent: "find", location: s.main.id, q: booking.checkInCode },
    });
    expect(wrongDesk.status).toBe(409);
    expect(wrongDesk.data?.result).toMatchObject({
      error: { q: ["This booking is at Second, not at this desk's location."] },
    });

    const elsewhere = await deskStudio();
    const theirs = await bookedSoon(elsewhere, elsewhere.main.id);
    const unknown = await scan(s, theirs.booking.checkInCode);
    expect(unknown.status).toBe(404);
    expect(unknown.data?.result).toMatchObject({
      error: { q: [`No booking has the code ${theirs.booking.checkInCode}.`] },
    });
  });

  test("a name searches (POST-redirect-GET) and a result's Check in checks that booking in", async () => {
    const s = await deskStudio();
    const { booking } = await bookedSoon(s, s.main.id, 10, soonToday(s.main.timezone));
    const found = await scan(s, "lovel");
    expect(found).toMatchObject({ status: 303, location: `/desk?location=${s.main.id}&q=lovel` });
    const results = await callRoute(loader, s.tenant, s.desk, found.location as string);
    expect(results.data?.results).toEqual([
      expect.objectContaining({ name: "Ada Lovelace", primary: { kind: "check-in", bookingId: booking.id } }),
    ]);
    // The search as you type asks for the results alone.
    const typed = await callRoute(loader, s.tenant, s.desk, `/desk?location=${s.main.id}&q=ada&part=results`);
    expect(typed.data).toEqual({
      part: "results",
      q: "ada",
      results: [expect.objectContaining({ name: "Ada Lovelace" })],
    });

    const checked = await callRoute(action, s.tenant, s.desk, "/desk", {
      form: { intent: "check-in", location: s.main.id, bookingId: booking.id },
    });
    expect(checked).toMatchObject({ status: 303, location: `/desk?location=${s.main.id}&checked=${booking.id}` });
  });

  test("the desk puts a client on a full class's waitlist in one step", async () => {
    const s = await deskStudio();
    const { soon } = await bookedSoon(s, s.main.id, 1);
    const bob = await s.named("Bob Waiting", "bob@example.com");
    const joined = await callRoute(action, s.tenant, s.desk, "/desk", {
      form: { intent: "join-waitlist", location: s.main.id, occurrenceId: soon.id, clientId: bob.id },
    });
    expect(joined).toMatchObject({ status: 303, location: `/desk?location=${s.main.id}&waitlisted=1` });
    const twice = await callRoute(action, s.tenant, s.desk, "/desk", {
      form: { intent: "join-waitlist", location: s.main.id, occurrenceId: soon.id, clientId: bob.id },
    });
    expect(twice).toMatchObject({
      status: 409,
      data: { refusal: expect.objectContaining({ code: "ALREADY_WAITING" }) },
    });
  });

  test("only the front desk, managers and the owner open a desk, and only at their locations", async () => {
    const s = await deskStudio();
    expect((await callRoute(loader, s.tenant, s.desk, "/desk")).status).toBe(200);
    expect((await callRoute(loader, s.tenant, s.owner, `/desk?location=${s.second.id}`)).status).toBe(200);
    expect((await callRoute(loader, s.tenant, s.desk, `/desk?location=${s.second.id}`)).status).toBe(403);
    const refusedAtB = await callRoute(action, s.tenant, s.desk, "/desk", {
      form: { intent: "find", location: s.second.id, q: "Ada" },
    });
    expect(refusedAtB.status).toBe(403);
    for (const role of ["instructor", "finance_manager", "client"] as const) {
      const someone = await s.person(role, [s.main.id]);
      expect((await callRoute(loader, s.tenant, someone, "/desk")).status).toBe(403);
      const form = { intent: "find", location: s.main.id, q: "Ada" };
      expect((await callRoute(action, s.tenant, someone, "/desk", { form })).status).toBe(403);
    }
    expect((await callRoute(loader, s.tenant, null, "/desk")).status).toBe(302);
  });

  test("the booking's JSON carries the code its client shows at the desk", async () => {
    const s = await deskStudio();
    expect((await bookingView(s.tenant, s.adasBooking.id)).checkInCode).toBe(s.adasBooking.checkInCode);
  });
});
