import {
  type MoneyLineCursor,
  moneyLinesPage,
  paymentTotalsByDay,
  paymentTotalsByMethod,
} from "~/models/payment-summary.server";
import { UNLOCATED_LABEL } from "~/models/revenue-report.server";
import { can } from "~/services/identity/permissions";
import { csvMoney } from "~/services/payments/csv";
import { METHOD_LABELS } from "~/services/payments/labels";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { csvStream } from "./csv-stream.server";
import { filtersOf, type MoneyQuery, moneyContext, reportQuery } from "./money-context.server";

/**
 * Payments and refunds of the chosen days and places, by method and by day: payments that went
 * through, dated when paid, and refunds not failed, dated when made, each on the clock of the
 * location it was taken at. The full list of every payment (any status) is /payments, for those
 * who may see all of the studio's payments.
 */
export async function paymentsSummary(tenant: Tenant, actor: User, request: MoneyQuery) {
  const context = await moneyContext(tenant, actor, request);
  const db = database();
  const [methods, days] = await Promise.all([
    paymentTotalsByMethod(db, tenant, context.places, context.days),
    paymentTotalsByDay(db, tenant, context.places, context.days),
  ]);
  const withNet = <R extends { takenMinor: number; refundedMinor: number }>(r: R) => ({
    ...r,
    netMinor: r.takenMinor - r.refundedMinor,
  });
  const all = methods.find((m) => m.method === null);
  return {
    ...filtersOf(context),
    currency: tenant.studio.currency,
    totals: withNet(all ?? { payments: 0, takenMinor: 0, feesMinor: 0, refunds: 0, refundedMinor: 0 }),
    byMethod: methods.flatMap((m) =>
      m.method ? [{ ...withNet(m), method: m.method, label: METHOD_LABELS[m.method] }] : [],
    ),
    byDay: days.map(withNet),
    fullList: can(actor, "payment.view_all").allowed,
    query: reportQuery(context),
  };
}

export const PAYMENT_LINES_HEADER = [
  "Date",
  "Time",
  "Type",
  "Client",
  "What",
  "Location",
  "Method",
  "Amount",
  "Fee",
  "Currency",
  "Payment id",
  "Refund id",
];

/**
 * A line per payment and per refund of the summary, streamed a page at a time (keyset pages):
 * a year of a busy studio never sits in memory. Refunds are negative, so Amount sums to the net.
 */
export async function paymentLinesCsv(tenant: Tenant, actor: User, request: MoneyQuery, pageSize = 2000) {
  const context = await moneyContext(tenant, actor, request);
  const currency = tenant.studio.currency;
  const stream = csvStream<MoneyLineCursor>(PAYMENT_LINES_HEADER, async (cursor) => {
    const lines = await moneyLinesPage(database(), tenant, context.places, context.days, cursor, pageSize);
    const last = lines.at(-1);
    return {
      rows: lines.map((l) => [
        l.localDay,
        l.localTime,
        l.kind === "refund" ? "Refund" : "Payment",
        l.clientName,
        l.description,
        l.locationName ?? UNLOCATED_LABEL,
        METHOD_LABELS[l.method],
        csvMoney(l.amountMinor),
        csvMoney(l.feeMinor),
        currency,
        l.paymentId,
        l.kind === "refund" ? l.id : "",
      ]),
      next: last && lines.length === pageSize ? { at: last.cursorAt, id: last.id } : null,
    };
  });
  return { stream, filename: `payments-and-refunds-${context.days.from}-to-${context.days.to}.csv` };
}
