import { type InstructorFigures, listInstructorFigures, REBOOK_WINDOW_DAYS } from "~/models/instructor-report.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { csvOf } from "./csv-stream.server";
import { reportDays } from "./days";
import { reportScope } from "./scope.server";
import { percentFigure, shareOf } from "./shares";

export { REBOOK_WINDOW_DAYS };

export type InstructorLine = InstructorFigures & {
  /** Attended over attended and no-shows (unmarked visits are left out until someone marks them). */
  attendanceRate: number | null;
  /** Rebooked clients over clients who attended (see listInstructorFigures for the exact rule). */
  rebookingRate: number | null;
  /** Places booked over places offered in their classes. */
  classFill: number | null;
};

/**
 * Instructor performance over the chosen days at the chosen locations: for the owner and for
 * managers (their locations only). `remembered` is the location picked in the header, a hint.
 */
export async function instructorsReport(
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
  const figures = await listInstructorFigures(
    database(),
    tenant,
    { locations: scope.locations, includeUnlocated: false, studioZone: scope.studioZone },
    { kind: "days", from: days.from, to: days.to },
    now,
  );
  const instructors: InstructorLine[] = figures.map((f) => ({
    ...f,
    attendanceRate: shareOf(f.attended, f.attended + f.noShows),
    rebookingRate: shareOf(f.rebookedClients, f.attendedClients),
    classFill: shareOf(f.placesFilled, f.capacity),
  }));
  return { scope, days, instructors };
}

export const INSTRUCTORS_CSV_HEADER = [
  "Instructor",
  "1:1 sessions",
  "Classes taught",
  "Class places filled",
  "Class places offered",
  "Attended",
  "No-shows",
  "Attendance rate (%)",
  "Not marked yet",
  "Late cancellations",
  "Clients who attended",
  `Rebooked within ${REBOOK_WINDOW_DAYS} days`,
  "Rebooking rate (%)",
];

/** The report's table as a CSV download, one line per instructor. */
export async function instructorsCsv(tenant: Tenant, actor: User, query: URLSearchParams, remembered: string | null) {
  const { days, instructors } = await instructorsReport(tenant, actor, query, remembered);
  const rows = instructors.map((i) => [
    i.name,
    String(i.sessions),
    String(i.classes),
    String(i.placesFilled),
    String(i.capacity),
    String(i.attended),
    String(i.noShows),
    percentFigure(i.attendanceRate),
    String(i.unmarked),
    String(i.lateCancellations),
    String(i.attendedClients),
    String(i.rebookedClients),
    percentFigure(i.rebookingRate),
  ]);
  return {
    stream: csvOf(INSTRUCTORS_CSV_HEADER, rows),
    filename: `instructors-${days.from}-to-${days.to}.csv`,
  };
}
