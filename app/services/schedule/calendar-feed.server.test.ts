import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { insertService } from "~/models/service.server";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import { bookClass, bookSession, cancelBooking } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { calendarFeed, createCalendarLink, revokeCalendarLink } from "./calendar-feed.server";
import { scheduleClassSeries } from "./class-schedule.server";
import { addDays, todayIn } from "./local-time";

const tokenOf = (url: string) => url.split("/feeds/")[1]!.replace(/\.ics$/, "");

describe("calendar feeds", () => {
  test("an instructor's feed lists the classes they teach, cancelled ones marked", async () => {
    const s = await createTestStudio();
    const yoga = await insertService(database(), s.tenant, {
      name: "Vinyasa",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [s.location.id],
    });
    const outcome = await scheduleClassSeries(s.tenant, s.owner, {
      serviceId: yoga.id,
      instructorId: s.owner.id,
      locationId: s.location.id,
      weekday: 3,
      startTime: "07:00",
      endTime: "08:00",
      intervalWeeks: 1,
      validFrom: addDays(todayIn("Europe/London"), 1),
    });
    if (!outcome.ok) throw new Error("expected ok");
    await cancelOccurrence(s.tenant, s.owner, outcome.value.occurrences[0]!.id, "Closed");

    const link = await createCalendarLink(s.tenant, s.owner);
    expect(link).toMatch(new RegExp(`^http://${s.tenant.studio.slug}\\.localhost(:\\d+)?/feeds/[A-Za-z0-9_-]+\\.ics$`));
    const ics = await calendarFeed(s.tenant, tokenOf(link));
    const events = new ICAL.Component(ICAL.parse(ics as string)).getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThanOrEqual(12);
    expect(events[0]?.getFirstPropertyValue("summary")).toBe("Vinyasa");
    expect(events[0]?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[1]?.getFirstPropertyValue("status")).toBe("CONFIRMED");
  });

  test("a new link retires the old one; a revoked link and another studio's link show nothing", async () => {
    const s = await createTestStudio();
    const other = await createTestStudio();
    const first = await createCalendarLink(s.tenant, s.owner);
    const second = await createCalendarLink(s.tenant, s.owner);
    expect(await calendarFeed(s.tenant, tokenOf(first))).toBeNull();
    expect(await calendarFeed(s.tenant, tokenOf(second))).toContain("BEGIN:VCALENDAR");
    expect(await calendarFeed(other.tenant, tokenOf(second))).toBeNull();
    await revokeCalendarLink(s.tenant, s.owner);
    expect(await calendarFeed(s.tenant, tokenOf(second))).toBeNull();
  });

  test("a client's feed lists their bookings; the instructor's adds the 1:1 sessions they teach", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    await bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") });
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    await cancelBooking(s.tenant, client, booking.id);
    const summaries = async (user: typeof client) => {
      const ics = await calendarFeed(s.tenant, tokenOf(await createCalendarLink(s.tenant, user)));
      return new ICAL.Component(ICAL.parse(ics as string))
        .getAllSubcomponents("vevent")
        .map((e) => `${e.getFirstPropertyValue("summary")} ${e.getFirstPropertyValue("status")}`);
    };
    expect(await summaries(client)).toEqual(["PT 60 with A instructor CONFIRMED", "Yoga with A instructor CANCELLED"]);
    expect(await summaries(s.instructor)).toEqual(["PT 60 with A client CONFIRMED", "Yoga CONFIRMED"]);
  });
});
