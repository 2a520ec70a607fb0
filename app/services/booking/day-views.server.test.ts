import { describe, expect, test } from "vitest";
import { assignInstructor } from "~/models/client-instructor.server";
import { insertLocation } from "~/models/location.server";
import { updateOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { scheduleStudio } from "~/services/schedule/fixtures.test-helper";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type DayItem, dayItems, frontDeskToday, staffCalendar } from "./day-views.server";
import { bookSession, cancelBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

describe("the staff calendar", () => {
  test("week and month of a location for the front desk, with instructors and spots", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    await s.occurrence("2026-03-29T00:30:00Z", { minutes: 30 });
    await s.occurrence("2026-03-30T08:00:00Z");
    const cancelled = await s.occurrence("2026-03-31T08:00:00Z");
    await updateOccurrence(database(), s.tenant, cancelled.id, { status: "cancelled" });
    await s.occurrence("2026-03-30T09:00:00Z", { locationId: s.east.id });

    const week = await staffCalendar(s.tenant, desk, [s.location.id], { view: "week", date: "2026-03-31" });
    expect(
      week.days.map((d) => [
        d.date,
        d.items.map((c) => (c.kind === "class" ? `${c.time} ${c.instructor} ${c.spotsLeft}` : c.id)),
      ]),
    ).toEqual([
      ["2026-03-30", ["09:00 Ira Instructor 12"]],
      ["2026-03-31", ["09:00 Ira Instructor 12"]],
      ["2026-04-01", []],
      ["2026-04-02", []],
      ["2026-04-03", []],
      ["2026-04-04", []],
      ["2026-04-05", []],
    ]);
    expect(week.severalLocations).toBe(false);

    const month = await staffCalendar(s.tenant, desk, [s.location.id], { view: "month", date: "2026-03-31" });
    const cells = month.weeks.flat();
    expect(cells.find((d) => d.date === "2026-03-29")).toMatchObject({ classes: 1, cancelled: 0, inMonth: true });
    expect(cells.find((d) => d.date === "2026-03-31")).toMatchObject({ classes: 0, cancelled: 1 });
    expect(cells.find((d) => d.date === "2026-03-30")).toMatchObject({ classes: 1, dayOfMonth: 30 });
    expect(month).toMatchObject({ heading: "March 2026", previous: "2026-02-01", next: "2026-04-01" });

    const everywhere = await staffCalendar(s.tenant, s.owner, [s.location.id, s.east.id], {
      view: "day",
      date: "2026-03-30",
    });
    expect(everywhere.severalLocations).toBe(true);
    expect(everywhere.days[0]?.items.map((c) => c.location)).toEqual(["Main", "East"]);
  });

  test("instructors, clients and staff of other locations are refused", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    const client = await s.person("client", "Cal Client");
    await expect(staffCalendar(s.tenant, s.instructor, [s.location.id], { view: "week" })).rejects.toThrow(Forbidden);
    await expect(staffCalendar(s.tenant, client, [s.location.id], { view: "week" })).rejects.toThrow(Forbidden);
    await expect(staffCalendar(s.tenant, desk, [s.east.id], { view: "week" })).rejects.toThrow(Forbidden);
  });
});

describe("the front desk's today", () => {
  test("in time order: over, on now, next, later", async () => {
    const s = await scheduleStudio();
    const desk = await s.person("receptionist", "Rae Desk", [s.location.id]);
    await s.occurrence("2026-06-03T07:00:00Z");
    await s.occurrence("2026-06-03T09:30:00Z");
    const cancelled = await s.occurrence("2026-06-03T11:00:00Z");
    await updateOccurrence(database(), s.tenant, cancelled.id, { status: "cancelled" });
    await s.occurrence("2026-06-03T12:00:00Z");
    await s.occurrence("2026-06-03T16:00:00Z");
    const today = await frontDeskToday(s.tenant, desk, [s.location.id], new Date("2026-06-03T10:00:00Z"));
    expect(today.heading).toBe("Wednesday 3 June");
    expect(today.items.map((c) => [c.time, c.state])).toEqual([
      ["08:00", "over"],
      ["10:30", "on"],
      ["12:00", "later"],
      ["13:00", "next"],
      ["17:00", "later"],
    ]);
  });
});

describe("every location on its own clock", () => {
  async function londonAndNewYork() {
    const s = await scheduleStudio();
    const newYork = await insertLocation(database(), s.tenant, {
      name: "Manhattan",
      timezone: "America/New_York",
      address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
      operatingHours: s.location.operatingHours,
    });
    return { ...s, newYork, everywhere: [s.location.id, s.east.id, newYork.id] };
  }

  test("an evening class in New York is on its New York day, at its New York time", async () => {
    const s = await londonAndNewYork();
    // 20:00 on Tuesday 2 June in New York is 01:00 on Wednesday in London.
    await s.occurrence("2026-06-03T00:00:00Z", { locationId: s.newYork.id });
    await s.occurrence("2026-06-02T08:00:00Z");
    const day = await staffCalendar(s.tenant, s.owner, s.everywhere, { view: "day", date: "2026-06-02" });
    expect(day.days[0]?.items.map((i) => [i.time, i.location, i.clock])).toEqual([
      ["09:00", "Main", "London time"],
      ["20:00", "Manhattan", "New York time"],
    ]);
    const wednesday = await staffCalendar(s.tenant, s.owner, s.everywhere, { view: "day", date: "2026-06-03" });
    expect(wednesday.days[0]?.items).toEqual([]);
    const month = await staffCalendar(s.tenant, s.owner, s.everywhere, { view: "month", date: "2026-06-02" });
    expect(month.weeks.flat().find((d) => d.date === "2026-06-02")).toMatchObject({ classes: 2 });
    // One clock: the times need no saying whose.
    const london = await staffCalendar(s.tenant, s.owner, [s.location.id], { view: "day", date: "2026-06-02" });
    expect(london.days[0]?.items.map((i) => i.clock)).toEqual([null]);
  });

  test("today is each location's own: late evening in New York, already tomorrow in London", async () => {
    const s = await londonAndNewYork();
    await s.occurrence("2026-06-03T00:00:00Z", { locationId: s.newYork.id }); // 20:00 Tue in New York
    await s.occurrence("2026-06-02T17:00:00Z"); // 18:00 Tue in London: yesterday there
    await s.occurrence("2026-06-03T08:00:00Z"); // 09:00 Wed in London
    const now = new Date("2026-06-03T00:30:00Z");
    const today = await frontDeskToday(s.tenant, s.owner, s.everywhere, now);
    expect(today.heading).toBe("Tuesday 2 June – Wednesday 3 June");
    expect(today.items.map((i) => [i.time, i.clock, i.state])).toEqual([
      ["20:00", "New York time", "on"],
      ["09:00", "London time", "next"],
    ]);
  });
});

describe("1:1 sessions on the day's views", () => {
  async function withSessions() {
    const s = await bookingStudio();
    const db = database();
    const desk = await s.person("receptionist", [s.main.id]);
    const amy = await s.client();
    const booked = await bookSession(s.tenant, amy, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });
    const led = await insertService(db, s.tenant, {
      name: "Assessment",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
    });
    const bo = await s.client();
    const pending = await bookSession(s.tenant, desk, {
      serviceId: led.id,
      locationId: s.main.id,
      startsAt: s.at("12:00"),
      clientId: bo.id,
    });
    const cy = await s.client();
    const cancelled = await bookSession(s.tenant, cy, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("14:00"),
    });
    await cancelBooking(s.tenant, cy, cancelled.booking.id, {});
    return { ...s, desk, amy, bo, booked: booked.booking, pending: pending.booking };
  }

  test("the front desk sees classes and live sessions in time order, with the client and the status", async () => {
    const s = await withSessions();
    const shown = (items: DayItem[]) =>
      items.map((i) =>
        i.kind === "session" ? [i.time, i.client, i.instructor, i.location, i.status] : [i.time, i.name, i.instructor],
      );
    const day = await staffCalendar(s.tenant, s.desk, [s.main.id], { view: "day", date: s.monday });
    const expected = [
      ["10:00", s.amy.fullName, s.instructor.fullName, "Main", "confirmed"],
      ["12:00", s.bo.fullName, s.instructor.fullName, "Main", "pending"],
      ["18:00", "Yoga", s.instructor.fullName],
    ];
    expect(shown(day.days[0]?.items ?? [])).toEqual(expected);
    const today = await frontDeskToday(s.tenant, s.desk, [s.main.id], s.at("08:00"));
    expect(shown(today.items)).toEqual(expected);
    const month = await staffCalendar(s.tenant, s.desk, [s.main.id], { view: "month", date: s.monday });
    expect(month.weeks.flat().find((d) => d.date === s.monday)).toMatchObject({ classes: 1, sessions: 2 });
  });

  test("the client's name only to those who may see the booking: not an instructor who is not theirs", async () => {
    const s = await withSessions();
    const other = await s.person("instructor", [s.main.id]);
    const span = { from: s.at("00:00"), to: s.at("23:59"), locationIds: [s.main.id] };
    const clients = async (actor: User) =>
      (await dayItems(s.tenant, actor, span)).flatMap((i) => (i.kind === "session" ? [i.client] : []));
    expect(await clients(other)).toEqual([null, null]);
    expect(await clients(s.instructor)).toEqual([s.amy.fullName, s.bo.fullName]);
    await assignInstructor(database(), s.tenant, s.amy.id, other.id);
    expect(await clients(other)).toEqual([s.amy.fullName, null]);
  });
});
