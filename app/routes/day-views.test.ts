import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { listAvailabilityExceptions } from "~/models/availability.server";
import { insertBooking } from "~/models/booking.server";
import { insertLocation } from "~/models/location.server";
import { bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { loader as bookingsLoader } from "./bookings._index";
import { loader as calendarLoader } from "./calendar";
import { action as availabilityAction } from "./team.$id_.availability";
import { loader as todayLoader } from "./today";

type Studio = Awaited<ReturnType<typeof bookingStudio>>;

async function request(s: Studio, as: User, path: string, init: RequestInit = {}) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return new Request(`http://${host}${path}`, { ...init, headers: { host, cookie, ...init.headers } });
}

/** A loader's data, unwrapped from `data()` where a page also sets headers (My bookings). */
async function load<T>(loader: (args: LoaderFunctionArgs) => Promise<T>, req: Request) {
  const result = await loader({ request: req, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
  return (isDataWithInit(result) ? result.data : result) as Unwrapped<T>;
}

type Unwrapped<T> = T extends { data: infer D; init: unknown } ? D : T;

function isDataWithInit(value: unknown): value is { data: unknown } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

describe("Today and the Calendar over HTTP", () => {
  test("the receptionist sees a booked 1:1 session with the client's name, linking to the booking", async () => {
    const s = await bookingStudio();
    const desk = await s.person("receptionist", [s.main.id]);
    const client = await s.client();
    const { booking } = await bookSession(s.tenant, client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });

    const calendar = await load(calendarLoader, await request(s, desk, `/calendar?view=day&date=${s.monday}`));
    expect(calendar.days[0]?.items).toEqual([
      expect.objectContaining({
        kind: "session",
        time: "10:00",
        name: client.fullName,
        details: `${s.session.name} · ${s.instructor.fullName}`,
        href: `/bookings/${booking.id}`,
        pending: false,
      }),
      expect.objectContaining({ kind: "class", time: "18:00", name: "Yoga", href: `/schedule/${s.yogaClass.id}` }),
    ]);

    // Today's own session (set straight into the table: the booking rules are not what is tested).
    const noon = DateTime.now().setZone("Europe/London").set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    const today = await insertBooking(database(), s.tenant, {
      clientId: client.id,
      serviceId: s.session.id,
      instructorId: s.instructor.id,
      locationId: s.main.id,
      startsAt: noon.toJSDate(),
      endsAt: noon.plus({ hours: 1 }).toJSDate(),
      status: "pending",
      bookingMethod: "admin_created",
      createdById: desk.id,
    });
    const page = await load(todayLoader, await request(s, desk, "/today"));
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: "session",
        time: "12:00",
        name: client.fullName,
        href: `/bookings/${today.id}`,
        pending: true,
      }),
    ]);
  });

  test("the owner's bookings of a day at all locations hold an evening in New York on its own day", async () => {
    const s = await bookingStudio();
    const newYork = await insertLocation(database(), s.tenant, {
      name: "Manhattan",
      timezone: "America/New_York",
      address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
      operatingHours: s.main.operatingHours,
    });
    const client = await s.client();
    // 20:00 on Tuesday 2 June in New York is 01:00 on Wednesday in London.
    await insertBooking(database(), s.tenant, {
      clientId: client.id,
      serviceId: s.session.id,
      instructorId: s.instructor.id,
      locationId: newYork.id,
      startsAt: new Date("2026-06-03T00:00:00Z"),
      endsAt: new Date("2026-06-03T01:00:00Z"),
      status: "confirmed",
      bookingMethod: "admin_created",
      createdById: s.owner.id,
    });
    const day = async (date: string) => load(bookingsLoader, await request(s, s.owner, `/bookings?date=${date}`));
    const tuesday = await day("2026-06-02");
    expect(tuesday.kind === "staff" && tuesday.live.map((b) => [b.time, b.location.name, b.client.name])).toEqual([
      ["20:00", "Manhattan", client.fullName],
    ]);
    const wednesday = await day("2026-06-03");
    expect(wednesday.kind === "staff" && wednesday.live).toEqual([]);
  });

  test("time off posted on the availability page is stored on the instructor's home clock", async () => {
    const s = await bookingStudio();
    const newYork = await insertLocation(database(), s.tenant, {
      name: "Manhattan",
      timezone: "America/New_York",
      address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
      operatingHours: s.main.operatingHours,
    });
    const traveller = await s.person("instructor", [s.main.id, newYork.id]);
    const path = `/team/${traveller.id}/availability`;
    const req = await request(s, s.owner, path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "time-off", date: s.monday, start: "09:00", end: "12:00" }),
    });
    const args: ActionFunctionArgs = {
      request: req,
      params: { id: traveller.id },
      context: { requestId: "t", clientIp: "127.0.0.1" },
    };
    const response = await availabilityAction(args);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    const [row] = await listAvailabilityExceptions(database(), s.tenant, [traveller.id], s.monday, s.monday);
    expect(row).toMatchObject({ kind: "time_off", startTime: "09:00:00", timezone: "Europe/London" });
  });
});
