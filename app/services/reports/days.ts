import { reportPeriod } from "~/services/payments/report.server";

/** The local days a report covers: `from` and `to` (ISO dates, both included). */
export type ReportDays = { from: string; to: string; error: string | null };

/**
 * The days asked for in the query (`from`, `to`), or this month on the studio's clock when they
 * are missing or make no sense (with the reason, shown beside the fields). The same calendar days
 * are then counted on each location's own clock.
 */
export function reportDays(query: URLSearchParams, studioZone: string, now = new Date()): ReportDays {
  const { from, to, error } = reportPeriod(query, studioZone, now);
  return { from, to, error };
}
