import type { PeriodPlaces } from "~/models/report-periods.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { reportDays } from "./days";
import { type ReportScope, reportScope } from "./scope.server";

/** What the request asked a money report for: its query string and the header's remembered location. */
export type MoneyQuery = { query: URLSearchParams; remembered: string | null; now?: Date };

/** The scope and days of a financial report, and the places its SQL counts. */
export type MoneyContext = {
  scope: ReportScope;
  days: { from: string; to: string; error: string | null };
  places: PeriodPlaces;
  /** What the location picker's "all" means to this viewer. */
  allLabel: string;
};

/**
 * Every financial report starts here: the permission (report.view: owner, managers for their
 * locations, the finance manager), the locations it may count and the days asked for.
 */
export async function moneyContext(tenant: Tenant, actor: User, { query, remembered, now }: MoneyQuery) {
  const scope = await reportScope(tenant, actor, "report.view", { requested: query.get("location"), remembered });
  const days = reportDays(query, scope.studioZone, now);
  return {
    scope,
    days,
    places: { locations: scope.locations, includeUnlocated: scope.includeUnlocated, studioZone: scope.studioZone },
    allLabel: actor.role === "org_owner" ? "All locations" : "All my locations",
  } satisfies MoneyContext;
}

/** The page's picker and period, without the scope's internals. */
export function filtersOf({ scope, days, allLabel }: MoneyContext) {
  return { options: scope.options, selected: scope.selected, label: scope.label, allLabel, ...days };
}

/** The same report's address with another ending (".csv") and the chosen period and place. */
export function reportQuery({ scope, days }: MoneyContext, extra: Record<string, string> = {}) {
  return new URLSearchParams({ ...extra, location: scope.selected, from: days.from, to: days.to }).toString();
}
