import { countActiveClients } from "~/models/active-clients.server";
import { type PeriodFigures, periodFigures } from "~/models/report-figures.server";
import { csvMoney } from "~/services/payments/csv";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { csvOf } from "./csv-stream.server";
import { reportDays } from "./days";
import { reportScope } from "./scope.server";
import { percentFigure, shareOf } from "./shares";

/** The row of money no location took: packages bought online for the whole studio. */
export const NO_LOCATION = "No location";

export type LocationLine = {
  /** Null: what belongs to no location (only in the whole studio's view). */
  locationId: string | null;
  name: string;
  takenMinor: number;
  refundedMinor: number;
  netRevenueMinor: number;
  bookingsMade: number;
  cancellations: number;
  lateCancellations: number;
  attended: number;
  noShows: number;
  unmarked: number;
  /** Attended over attended and no-shows. */
  attendanceRate: number | null;
  bookedSpots: number;
  capacity: number;
  /** Class places booked (and held for the waitlist) over places offered. */
  utilisation: number | null;
  newClients: number;
  /** Distinct clients who came at least once. */
  activeClients: number;
};

const SUMMED = [
  "takenMinor",
  "refundedMinor",
  "bookingsMade",
  "cancellations",
  "lateCancellations",
  "attended",
  "noShows",
  "unmarked",
  "bookedSpots",
  "capacity",
  "newClients",
] as const;

type Counts = Pick<PeriodFigures, (typeof SUMMED)[number]>;

function line(locationId: string | null, name: string, f: Counts, activeClients: number): LocationLine {
  return {
    locationId,
    name,
    takenMinor: f.takenMinor,
    refundedMinor: f.refundedMinor,
    netRevenueMinor: f.takenMinor - f.refundedMinor,
    bookingsMade: f.bookingsMade,
    cancellations: f.cancellations,
    lateCancellations: f.lateCancellations,
    attended: f.attended,
    noShows: f.noShows,
    unmarked: f.unmarked,
    attendanceRate: shareOf(f.attended, f.attended + f.noShows),
    bookedSpots: f.bookedSpots,
    capacity: f.capacity,
    utilisation: shareOf(f.bookedSpots, f.capacity),
    newClients: f.newClients,
    activeClients,
  };
}

/**
 * The locations side by side over the chosen days, each counted on its own clock, and a total:
 * for the owner (every location, and the studio-wide sales no location took) and for managers
 * (their locations). The total adds up the locations' figures as the database summed them,
 * except active clients, which the database counts once per client across locations.
 */
export async function locationsReport(
  tenant: Tenant,
  actor: User,
  query: URLSearchParams,
  remembered: string | null,
  now = new Date(),
) {
  const scope = await reportScope(tenant, actor, "report.view_operations", {
    requested: query.get("location"),
    remembered,
  });
  const days = reportDays(query, scope.studioZone, now);
  const places = { locations: scope.locations, includeUnlocated: scope.includeUnlocated, studioZone: scope.studioZone };
  const choice = { kind: "days" as const, from: days.from, to: days.to };
  const db = database();
  const [figures, active] = await Promise.all([
    periodFigures(db, tenant, places, choice, now),
    countActiveClients(db, tenant, places, choice, now),
  ]);
  const byId = new Map(figures.map((f) => [f.locationId, f]));
  const lines: LocationLine[] = [];
  for (const l of scope.locations) {
    const f = byId.get(l.id);
    if (f) lines.push(line(l.id, l.name, f, active.byLocation.get(l.id) ?? 0));
  }
  const unlocated = byId.get(null);
  if (scope.includeUnlocated && unlocated) lines.push(line(null, NO_LOCATION, unlocated, 0));
  const sums = Object.fromEntries(SUMMED.map((k) => [k, lines.reduce((n, l) => n + l[k], 0)])) as Counts;
  return { scope, days, locations: lines, total: line(null, "Total", sums, active.total) };
}

export const LOCATIONS_CSV_HEADER = [
  "Location",
  "Taken",
  "Refunded",
  "Net revenue",
  "Bookings made",
  "Cancellations",
  "Late cancellations",
  "Attended",
  "No-shows",
  "Attendance rate (%)",
  "Class places booked",
  "Class places offered",
  "Utilisation (%)",
  "New clients",
  "Active clients",
];

/** The comparison as a CSV download: a line per location, then the total. */
export async function locationsCsv(tenant: Tenant, actor: User, query: URLSearchParams, remembered: string | null) {
  const { days, locations, total } = await locationsReport(tenant, actor, query, remembered);
  const rows = [...locations, total].map((l) => [
    l.name,
    csvMoney(l.takenMinor),
    csvMoney(l.refundedMinor),
    csvMoney(l.netRevenueMinor),
    String(l.bookingsMade),
    String(l.cancellations),
    String(l.lateCancellations),
    String(l.attended),
    String(l.noShows),
    percentFigure(l.attendanceRate),
    String(l.bookedSpots),
    String(l.capacity),
    percentFigure(l.utilisation),
    String(l.newClients),
    String(l.activeClients),
  ]);
  return { stream: csvOf(LOCATIONS_CSV_HEADER, rows), filename: `locations-${days.from}-to-${days.to}.csv` };
}
