import { creditLiability } from "~/models/credit-liability.server";
import { csvMoney } from "~/services/payments/csv";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { csvOf } from "./csv-stream.server";
import { filtersOf, type MoneyQuery, moneyContext, reportQuery } from "./money-context.server";

/**
 * Outstanding credits as a liability (what the studio owes in classes, at list price) and the
 * credits that expired unused in the chosen days. The whole studio's view counts every client;
 * a manager's, or one location's, the clients of those locations (home or booked there).
 */
export async function creditsReport(tenant: Tenant, actor: User, request: MoneyQuery) {
  const context = await moneyContext(tenant, actor, request);
  const now = request.now ?? new Date();
  const clientLocations = context.scope.includeUnlocated ? null : context.scope.locations.map((l) => l.id);
  const { packages, total } = await creditLiability(
    database(),
    tenant,
    context.days,
    context.scope.studioZone,
    clientLocations,
    now,
  );
  return {
    ...filtersOf(context),
    currency: tenant.studio.currency,
    packages,
    totals: total,
    query: reportQuery(context),
  };
}

export async function creditsCsv(tenant: Tenant, actor: User, request: MoneyQuery) {
  const report = await creditsReport(tenant, actor, request);
  const header = [
    "Package",
    "Clients holding",
    "Credits outstanding",
    "Value at list price",
    "Expiring in 30 days",
    "Value expiring in 30 days",
    "Expired unused in period",
    "Value expired unused",
    "Currency",
  ];
  const rows = report.packages.map((p) => [
    p.label,
    String(p.clients),
    String(p.credits),
    csvMoney(p.valueMinor),
    String(p.expiringSoon),
    csvMoney(p.expiringSoonMinor),
    String(p.expired),
    csvMoney(p.expiredMinor),
    report.currency,
  ]);
  return { stream: csvOf(header, rows), filename: `credits-${report.from}-to-${report.to}.csv` };
}
