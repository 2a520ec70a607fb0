import type { PeriodFigures } from "~/models/report-figures.server";
import { periodFigures } from "~/models/report-figures.server";
import { DASHBOARD_PERIODS, type DashboardPeriod, type PeriodSide } from "~/models/report-periods.server";
import { deskDay } from "~/services/desk/day.server";
import { todayIn } from "~/services/schedule/local-time";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { changeWords, type PeriodDates, percentOf, periodDates, periodWords, pointsWords } from "./dashboard-words";
import { reportScope, type ScopeChoice } from "./scope.server";

/**
 * The owner's and managers' dashboard: today, this week and this month so far beside the same
 * stretch before, at the locations they pick, and today's classes and sessions at a glance.
 * The database counts every figure (`periodFigures`, one statement); this adds up its handful
 * of per-location rows and words them.
 */

export type Money = { minor: number; display: string };

type Counts = Omit<PeriodFigures, "locationId" | "period" | "side">;

const ZERO: Counts = {
  takenMinor: 0,
  refundedMinor: 0,
  bookingsMade: 0,
  cancellations: 0,
  lateCancellations: 0,
  attended: 0,
  noShows: 0,
  unmarked: 0,
  bookedSpots: 0,
  capacity: 0,
  newClients: 0,
};

function add(rows: PeriodFigures[]): Counts {
  const total = { ...ZERO };
  for (const row of rows) for (const key of Object.keys(ZERO) as (keyof Counts)[]) total[key] += row[key];
  return total;
}

const attendanceRate = (c: Counts) => percentOf(c.attended, c.attended + c.noShows);
const utilisationRate = (c: Counts) => percentOf(c.bookedSpots, c.capacity);
const shown = (rate: number | null) => (rate === null ? "–" : `${rate}%`);

function periodView(period: DashboardPeriod, dates: PeriodDates, now: Counts, before: Counts, currency: string) {
  const money = (minor: number): Money => ({ minor, display: formatMoney(minor, currency) });
  const { title, description, against } = periodWords(period, dates);
  const net = now.takenMinor - now.refundedMinor;
  const previousNet = before.takenMinor - before.refundedMinor;
  const attendance = attendanceRate(now);
  const previousAttendance = attendanceRate(before);
  const utilisation = utilisationRate(now);
  const previousUtilisation = utilisationRate(before);
  return {
    period,
    title,
    description,
    dates,
    revenue: {
      net: money(net),
      taken: money(now.takenMinor),
      refunded: money(now.refundedMinor),
      previousNet: money(previousNet),
      change: changeWords(net, previousNet, against),
    },
    bookings: {
      made: now.bookingsMade,
      previous: before.bookingsMade,
      change: changeWords(now.bookingsMade, before.bookingsMade, against),
      cancellations: now.cancellations,
      lateCancellations: now.lateCancellations,
    },
    attendance: {
      rate: attendance,
      display: shown(attendance),
      attended: now.attended,
      noShows: now.noShows,
      unmarked: now.unmarked,
      previousDisplay: shown(previousAttendance),
      change: pointsWords(attendance, previousAttendance, against),
    },
    utilisation: {
      rate: utilisation,
      display: shown(utilisation),
      booked: now.bookedSpots,
      capacity: now.capacity,
      previousDisplay: shown(previousUtilisation),
      change: pointsWords(utilisation, previousUtilisation, against),
    },
    newClients: {
      count: now.newClients,
      previous: before.newClients,
      change: changeWords(now.newClients, before.newClients, against),
    },
  };
}

export type DashboardPeriodView = ReturnType<typeof periodView>;

/** This month at one location (or, for the owner's whole studio, what was sold with none). */
function locationRow(id: string | null, name: string, c: Counts, currency: string) {
  const attendance = attendanceRate(c);
  const utilisation = utilisationRate(c);
  const net = c.takenMinor - c.refundedMinor;
  return {
    locationId: id,
    name,
    net: { minor: net, display: formatMoney(net, currency) },
    bookingsMade: c.bookingsMade,
    attendance: { rate: attendance, display: shown(attendance) },
    utilisation: { rate: utilisation, display: shown(utilisation) },
    newClients: c.newClients,
  };
}

export async function dashboard(tenant: Tenant, actor: User, choice: ScopeChoice, now = new Date()) {
  const scope = await reportScope(tenant, actor, "report.view_operations", choice);
  const currency = tenant.studio.currency;
  const [figures, days] = await Promise.all([
    periodFigures(database(), tenant, scope, { kind: "dashboard", now }, now),
    // The desk's day at each location: its classes and sessions with booked, capacity and arrived.
    Promise.all(scope.locations.map((l) => deskDay(tenant, actor, l.id, now))),
  ]);
  const of = (period: DashboardPeriod, side: PeriodSide, locationId?: string | null) =>
    figures.filter(
      (f) => f.period === period && f.side === side && (locationId === undefined || f.locationId === locationId),
    );
  // The periods are named on one clock; each location still counts its own days on its own.
  const zone = scope.locations[0]?.timezone ?? scope.studioZone;
  const today = todayIn(zone, now);
  const severalClocks = new Set(scope.locations.map((l) => l.timezone)).size > 1;
  const periods = DASHBOARD_PERIODS.map((period) =>
    periodView(period, periodDates(period, today), add(of(period, "current")), add(of(period, "previous")), currency),
  );
  // Side by side only when there is more than one to compare; studio-wide online sales as a row
  // of their own, so the locations add up to the totals above.
  const locations =
    scope.locations.length > 1
      ? [
          ...scope.locations.map((l) => locationRow(l.id, l.name, add(of("month", "current", l.id)), currency)),
          ...(scope.includeUnlocated
            ? [locationRow(null, "No location (sold online)", add(of("month", "current", null)), currency)].filter(
                (row) => row.net.minor !== 0,
              )
            : []),
        ]
      : [];
  return {
    scope: {
      selected: scope.selected,
      label: scope.label,
      options: scope.options,
      locations: scope.locations,
    },
    currency,
    severalClocks,
    periods,
    locations,
    today: days.map((day) => ({
      location: day.location,
      heading: day.heading,
      items: day.items.map(({ kind, id, name, instructor, time, endTime, booked, capacity, arrived, cancelled }) => ({
        kind,
        id,
        name,
        instructor,
        time,
        endTime,
        booked,
        capacity,
        arrived,
        cancelled,
      })),
    })),
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
