import { beforeAll, describe, expect, test } from "vitest";
import { insertPayment } from "~/models/payment.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { type DashboardPeriodView, dashboard } from "./dashboard.server";
import { dashboardStudio, NOW } from "./dashboard-fixtures.test-helper";
import { periodDates, periodWords } from "./dashboard-words";

let s: Awaited<ReturnType<typeof dashboardStudio>>;
beforeAll(async () => {
  s = await dashboardStudio();
});

/** A period's figures as a compact row: net, taken, refunded, bookings, cancellations (late), attendance, utilisation, new clients. */
function figures(p: DashboardPeriodView | undefined) {
  if (!p) throw new Error("period missing");
  return {
    net: p.revenue.net.display,
    taken: p.revenue.taken.minor,
    refunded: p.revenue.refunded.minor,
    bookings: p.bookings.made,
    cancelled: [p.bookings.cancellations, p.bookings.lateCancellations],
    attendance: [p.attendance.display, p.attendance.attended, p.attendance.noShows, p.attendance.unmarked],
    utilisation: [p.utilisation.display, p.utilisation.booked, p.utilisation.capacity],
    newClients: p.newClients.count,
  };
}
const byPeriod = (d: Awaited<ReturnType<typeof dashboard>>) =>
  Object.fromEntries(d.periods.map((p) => [p.period, p])) as Record<"today" | "week" | "month", DashboardPeriodView>;

describe("the whole studio, for the owner, each location on its own clock", () => {
  test("today, this week and this month so far, with the stretch before and the change in words", async () => {
    const d = await dashboard(s.tenant, s.staff.owner, {}, NOW);
    expect(d.scope).toMatchObject({ selected: "all", label: "All locations" });
    expect(d.severalClocks).toBe(true);
    const { today, week, month } = byPeriod(d);
    expect(figures(today)).toEqual({
      net: "-£5.00",
      taken: 3500,
      refunded: 4000,
      bookings: 4,
      cancelled: [1, 1],
      attendance: ["50%", 2, 2, 1],
      utilisation: ["37%", 7, 19],
      newClients: 1,
    });
    expect(today.revenue).toMatchObject({ previousNet: { minor: 12000 }, change: "−104% on yesterday" });
    expect(today.bookings).toMatchObject({ previous: 2, change: "+100% on yesterday" });
    expect(today.attendance).toMatchObject({ previousDisplay: "100%", change: "−50 points on yesterday" });
    expect(today.utilisation).toMatchObject({ previousDisplay: "25%", change: "+12 points on yesterday" });
    expect(today.newClients).toMatchObject({ previous: 1, change: "the same as yesterday" });

    expect(figures(week)).toEqual({
      net: "£169.00",
      taken: 23900,
      refunded: 7000,
      bookings: 7,
      cancelled: [2, 1],
      attendance: ["67%", 4, 2, 1],
      utilisation: ["33%", 9, 27],
      newClients: 3,
    });
    expect(week.description).toBe(
      "This week so far, Monday 19 to Sunday 25 October, beside last week to Sunday (Monday 12 to Sunday 18 October)",
    );
    expect(week.revenue).toMatchObject({ previousNet: { minor: 11000 }, change: "+54% on last week to Sunday" });
    expect(week.bookings.change).toBe("+600% on last week to Sunday");
    expect(week.attendance.change).toBe("−33 points on last week to Sunday");
    expect(week.utilisation.change).toBe("+23 points on last week to Sunday");
    expect(week.newClients.change).toBe("+50% on last week to Sunday");

    expect(figures(month)).toEqual({
      net: "£434.00",
      taken: 50400,
      refunded: 7000,
      bookings: 8,
      cancelled: [2, 1],
      attendance: ["71%", 5, 2, 1],
      utilisation: ["27%", 10, 37],
      newClients: 6,
    });
    expect(month.description).toBe(
      "This month so far, 1 to 25 October, beside last month to the 25th (1 to 25 September)",
    );
    expect(month.revenue).toMatchObject({ previousNet: { minor: 2700 }, change: "+1507% on last month to the 25th" });
    // Nothing to compare a rate with: no class last month.
    expect(month.attendance).toMatchObject({ previousDisplay: "–", change: null });
    expect(month.utilisation).toMatchObject({ previousDisplay: "–", change: null });
  });

  test("this month location by location, with what was sold online, adding up to the total", async () => {
    const d = await dashboard(s.tenant, s.staff.owner, { requested: "all" }, NOW);
    expect(d.locations).toEqual([
      {
        locationId: s.london.id,
        name: "London",
        net: { minor: 17000, display: "£170.00" },
        bookingsMade: 6,
        attendance: { rate: 80, display: "80%" },
        utilisation: { rate: 24, display: "24%" },
        newClients: 4,
      },
      {
        locationId: s.newYork.id,
        name: "New York",
        net: { minor: 25500, display: "£255.00" },
        bookingsMade: 2,
        attendance: { rate: 50, display: "50%" },
        utilisation: { rate: 50, display: "50%" },
        newClients: 2,
      },
      {
        locationId: null,
        name: "No location (sold online)",
        net: { minor: 900, display: "£9.00" },
        bookingsMade: 0,
        attendance: { rate: null, display: "–" },
        utilisation: { rate: null, display: "–" },
        newClients: 0,
      },
    ]);
  });

  test("today's classes at each location, on its clock, with booked, capacity and arrived", async () => {
    const d = await dashboard(s.tenant, s.staff.owner, {}, NOW);
    const glance = d.today.map((day) => ({
      location: day.location.name,
      heading: day.heading,
      items: day.items.map((i) => [i.time, i.name, i.booked, i.capacity, i.arrived, i.cancelled]),
    }));
    expect(glance).toEqual([
      {
        location: "London",
        heading: "Sunday 25 October",
        items: [
          ["09:00", "Yoga", 3, 10, 1, false],
          ["12:00", "Yoga", 0, 10, 0, true],
          ["21:00", "Yoga", 2, 5, 0, false],
        ],
      },
      { location: "New York", heading: "Sunday 25 October", items: [["10:00", "Yoga", 2, 4, 1, false]] },
    ]);
  });
});

describe("one location", () => {
  test("the owner picks London: London's figures alone, nothing sold online, no breakdown", async () => {
    const d = await dashboard(s.tenant, s.staff.owner, { requested: s.london.id }, NOW);
    expect(d.scope).toMatchObject({ selected: s.london.id, label: "London" });
    expect(d.locations).toEqual([]);
    expect(d.today.map((day) => day.location.name)).toEqual(["London"]);
    const { today, week, month } = byPeriod(d);
    expect(figures(today)).toEqual({
      net: "-£20.00",
      taken: 2000,
      refunded: 4000,
      bookings: 3,
      cancelled: [1, 1],
      attendance: ["50%", 1, 1, 1],
      utilisation: ["33%", 5, 15],
      newClients: 1,
    });
    expect(today.revenue.change).toBe("−140% on yesterday");
    expect(figures(week)).toEqual({
      net: "£40.00",
      taken: 11000,
      refunded: 7000,
      bookings: 5,
      cancelled: [2, 1],
      attendance: ["75%", 3, 1, 1],
      utilisation: ["30%", 7, 23],
      newClients: 2,
    });
    expect(week.revenue.change).toBe("+33% on last week to Sunday");
    expect(week.attendance).toMatchObject({ previousDisplay: "100%", change: "−25 points on last week to Sunday" });
    expect(week.utilisation).toMatchObject({ previousDisplay: "10%", change: "+20 points on last week to Sunday" });
    expect(figures(month)).toEqual({
      net: "£170.00",
      taken: 24000,
      refunded: 7000,
      bookings: 6,
      cancelled: [2, 1],
      attendance: ["80%", 4, 1, 1],
      utilisation: ["24%", 8, 33],
      newClients: 4,
    });
    expect(month.revenue.previousNet.minor).toBe(1500);
    expect(month.bookings.previous).toBe(1);
    expect(month.newClients.previous).toBe(1);
  });

  test("the header's remembered location is used when the address names none", async () => {
    const d = await dashboard(s.tenant, s.staff.owner, { remembered: s.newYork.id }, NOW);
    expect(d.scope.selected).toBe(s.newYork.id);
  });

  test("New York's manager sees New York on its clock, and asking for London changes nothing", async () => {
    for (const requested of [null, s.london.id, "all"]) {
      const d = await dashboard(s.tenant, s.staff.newYorkManager, { requested }, NOW);
      expect(d.scope).toMatchObject({ label: "New York", options: [{ id: s.newYork.id, name: "New York" }] });
      expect(d.severalClocks).toBe(false);
      expect(d.locations).toEqual([]);
      expect(d.today.map((day) => day.location.name)).toEqual(["New York"]);
      const { today, week, month } = byPeriod(d);
      expect(figures(today)).toEqual({
        net: "£15.00",
        taken: 1500,
        refunded: 0,
        bookings: 1,
        cancelled: [0, 0],
        attendance: ["50%", 1, 1, 0],
        utilisation: ["50%", 2, 4],
        newClients: 0,
      });
      expect(today.revenue).toMatchObject({ previousNet: { minor: 7000 }, change: "−79% on yesterday" });
      expect(today.bookings.change).toBe("the same as yesterday");
      expect(today.attendance).toMatchObject({ previousDisplay: "–", change: null });
      expect(figures(week)).toEqual({
        net: "£120.00",
        taken: 12000,
        refunded: 0,
        bookings: 2,
        cancelled: [0, 0],
        attendance: ["50%", 1, 1, 0],
        utilisation: ["50%", 2, 4],
        newClients: 1,
      });
      expect(week.revenue.change).toBe("+50% on last week to Sunday");
      expect(week.bookings.change).toBe("up from nothing last week to Sunday");
      expect(week.newClients.change).toBe("the same as last week to Sunday");
      expect(figures(month)).toEqual({
        net: "£255.00",
        taken: 25500,
        refunded: 0,
        bookings: 2,
        cancelled: [0, 0],
        attendance: ["50%", 1, 1, 0],
        utilisation: ["50%", 2, 4],
        newClients: 2,
      });
      expect(month.revenue.change).toBe("+2025% on last month to the 25th");
    }
  });

  test("the receptionist, instructor, finance manager and clients may not open it", async () => {
    for (const who of [s.staff.receptionist, s.staff.instructor, s.staff.finance, s.clients.amara]) {
      await expect(dashboard(s.tenant, who, {}, NOW)).rejects.toThrow(Forbidden);
    }
  });
});

describe("the previous month's stretch on the 31st", () => {
  test("31 March sits beside 1 to 28 February", async () => {
    const dates = periodDates("month", "2026-03-31");
    expect(dates).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      previousFrom: "2026-02-01",
      previousTo: "2026-02-28",
    });
    expect(periodWords("month", dates).description).toBe(
      "This month so far, 1 to 31 March, beside last month to the 28th (1 to 28 February)",
    );
    const db = database();
    const at = (minor: number, paidAt: string) =>
      insertPayment(db, s.tenant, {
        clientId: s.clients.ben.id,
        kind: "other",
        method: "cash",
        status: "succeeded",
        amountMinor: minor,
        currency: "GBP",
        description: "Drop-in",
        takenById: s.staff.owner.id,
        locationId: s.london.id,
        paidAt: new Date(paidAt),
      });
    await at(1100, "2026-02-28T23:30:00Z"); // the last day of February in London (GMT)
    await at(2200, "2026-03-01T00:30:00Z");
    await at(4400, "2026-03-31T11:00:00Z"); // 12:00 on the 31st (BST)
    const d = await dashboard(s.tenant, s.staff.owner, { requested: s.london.id }, new Date("2026-03-31T20:00:00Z"));
    const { month, week } = byPeriod(d);
    expect(month.revenue).toMatchObject({ net: { minor: 6600 }, previousNet: { minor: 1100 } });
    expect(month.revenue.change).toBe("+500% on last month to the 28th");
    expect(week.description).toBe(
      "This week so far, Monday 30 to Tuesday 31 March, beside last week to Tuesday (Monday 23 to Tuesday 24 March)",
    );
  });
});

describe("how a period is named", () => {
  test("a week across two months names both", () => {
    const dates = periodDates("week", "2026-11-01");
    expect(periodWords("week", dates).description).toBe(
      "This week so far, Monday 26 October to Sunday 1 November, beside last week to Sunday (Monday 19 to Sunday 25 October)",
    );
  });
});
