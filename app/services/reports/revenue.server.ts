import { DateTime } from "luxon";
import {
  REVENUE_GROUPINGS,
  type RevenueGrain,
  type RevenueGrouping,
  type RevenueGroupRow,
  revenueByGroup,
  revenueOverTime,
} from "~/models/revenue-report.server";
import { csvMoney } from "~/services/payments/csv";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { csvOf } from "./csv-stream.server";
import { filtersOf, type MoneyQuery, moneyContext, reportQuery } from "./money-context.server";
import { GROUPING_WORDS } from "./revenue-words";

function groupingOf(query: URLSearchParams): RevenueGrouping {
  const asked = query.get("by");
  return REVENUE_GROUPINGS.find((g) => g === asked) ?? "location";
}

/** Columns a chart can show side by side: days up to two months, then weeks up to a year, then months. */
export function grainFor(from: string, to: string): RevenueGrain {
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), "days").days + 1;
  return days <= 62 ? "day" : days <= 366 ? "week" : "month";
}

function bucketLabel(start: string, grain: RevenueGrain): string {
  const day = DateTime.fromISO(start);
  if (grain === "month") return day.toFormat("LLL yyyy");
  return grain === "week" ? `Week of ${day.toFormat("d LLL")}` : day.toFormat("d LLL");
}

/**
 * Revenue by location, service or instructor over the chosen days and places: what was taken,
 * refunded and kept per group, with the net per day (week, month) for the chart. Amounts are in
 * minor units of the studio's currency.
 */
export async function revenueReport(tenant: Tenant, actor: User, request: MoneyQuery) {
  const context = await moneyContext(tenant, actor, request);
  const by = groupingOf(request.query);
  const grain = grainFor(context.days.from, context.days.to);
  const db = database();
  const [{ groups, total }, buckets] = await Promise.all([
    revenueByGroup(db, tenant, context.places, context.days, by),
    revenueOverTime(db, tenant, context.places, context.days, grain),
  ]);
  const withNet = <G extends { takenMinor: number; refundedMinor: number }>(g: G) => ({
    ...g,
    netMinor: g.takenMinor - g.refundedMinor,
  });
  return {
    ...filtersOf(context),
    by,
    currency: tenant.studio.currency,
    groups: groups.map(withNet),
    totals: withNet(total),
    grain,
    overTime: buckets.map((b) => ({
      ...b,
      label: bucketLabel(b.start, grain),
      // Under a column only a few characters fit: "23 Feb" says the week as well as the day.
      short:
        grain === "month" ? DateTime.fromISO(b.start).toFormat("LLL yy") : DateTime.fromISO(b.start).toFormat("d LLL"),
    })),
    query: reportQuery(context, { by }),
  };
}

/**
 * The dashboard's revenue analytics: the net over time and by location, service and instructor
 * at once, over the chosen days and places (the revenue report's figures, minor units).
 */
export async function revenueAnalytics(tenant: Tenant, actor: User, request: MoneyQuery) {
  const context = await moneyContext(tenant, actor, request);
  const { days, scope, places } = context;
  const grain = grainFor(days.from, days.to);
  const db = database();
  const [byLocation, byService, byInstructor, overTime] = await Promise.all([
    revenueByGroup(db, tenant, places, days, "location"),
    revenueByGroup(db, tenant, places, days, "service"),
    revenueByGroup(db, tenant, places, days, "instructor"),
    revenueOverTime(db, tenant, places, days, grain),
  ]);
  const figures = (g: RevenueGroupRow) => ({
    payments: g.payments,
    takenMinor: g.takenMinor,
    refunds: g.refunds,
    refundedMinor: g.refundedMinor,
    netMinor: g.takenMinor - g.refundedMinor,
  });
  const net = (g: RevenueGroupRow) => ({ key: g.key, label: g.label, ...figures(g) });
  return {
    error: days.error,
    period: { from: days.from, to: days.to },
    location: scope.selected,
    currency: tenant.studio.currency,
    totals: figures(byLocation.total),
    grain,
    overTime,
    byLocation: byLocation.groups.map(net),
    byService: byService.groups.map(net),
    byInstructor: byInstructor.groups.map(net),
  };
}

/** The revenue report as CSV: one line per group, money as plain decimals. */
export async function revenueCsv(tenant: Tenant, actor: User, request: MoneyQuery) {
  const report = await revenueReport(tenant, actor, request);
  const credits = report.by !== "location";
  const header = [
    GROUPING_WORDS[report.by],
    "Payments",
    "Taken",
    "Refunds",
    "Refunded",
    "Net",
    ...(credits ? ["Credits used", "Credits used, at list price"] : []),
    "Currency",
  ];
  const rows = report.groups.map((g) => [
    g.label,
    String(g.payments),
    csvMoney(g.takenMinor),
    String(g.refunds),
    csvMoney(g.refundedMinor),
    csvMoney(g.netMinor),
    ...(credits ? [String(g.creditsUsed ?? 0), csvMoney(g.creditsUsedMinor ?? 0)] : []),
    report.currency,
  ]);
  return {
    stream: csvOf(header, rows),
    filename: `revenue-by-${report.by}-${report.from}-to-${report.to}.csv`,
  };
}
