import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { insertService } from "~/models/service.server";
import { database } from "~db/client";
import { createTestStudio } from "../../test/factories";
import { calendarFeed, createCalendarLink, revokeCalendarLink } from "./calendar-feed.server";
import { cancelOccurrence, scheduleClassSeries } from "./class-schedule.server";
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
    expect(link).toMatch(
      new RegExp(`^http://${s.tenant.studio.slug}\\.localhost(:\\d+)?/feeds/[A-Za-z0-9_-]+\\.ics$`),
    );
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
});
