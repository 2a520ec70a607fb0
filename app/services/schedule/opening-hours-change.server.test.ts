import { describe, expect, test } from "vitest";
import { bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { outsideNewHours } from "./opening-hours-change.server";

describe("changing a location's opening hours", () => {
  test("lists the upcoming classes and booked sessions the new hours would leave outside", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    await bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("09:00") });
    await bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("12:00") });
    const hours = s.main.operatingHours;
    // Mondays 10:00–18:30: the 09:00 session starts too early and the 18:00 class ends too late.
    const narrower = { ...hours, mon: { open: "10:00", close: "18:30" } };
    const outside = await outsideNewHours(s.tenant, s.main.id, narrower);
    const day = new Date(`${s.monday}T12:00:00Z`).toLocaleDateString("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "Europe/London",
    });
    expect(outside).toEqual([
      { what: `PT 60: ${client.fullName} with A instructor`, when: `${day.replace(",", "")} 09:00–10:00` },
      { what: "Yoga with A instructor", when: `${day.replace(",", "")} 18:00–19:00` },
    ]);
    expect(await outsideNewHours(s.tenant, s.main.id, hours)).toEqual([]);
    expect(await outsideNewHours(s.tenant, s.main.id, { ...hours, mon: null })).toHaveLength(3);
  });
});
