import { DateTime } from "luxon";
import {
  exportLinesPage,
  type LineCursor,
  listPaymentsInPeriod,
  type PaymentTotalsRows,
  type Period,
  paymentTotals,
} from "~/models/payment-report.server";
import { assertCan } from "~/services/identity/permissions";
import { fullDateAt } from "~/services/shared/date-words";
import { formatMoney } from "~/services/shared/money";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { PAYMENT_METHODS, type Payment, type User } from "~db/schema/tenant";
import { csvLine, csvMoney } from "./csv";
import { METHOD_LABELS, paymentStatusLabel } from "./labels";

/** The newest payments the page lists; the CSV has every one. */
export const REPORT_LIST_LIMIT = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type ReportPeriod = Period & { from: string; to: string; error: string | null };

/**
 * The days asked for ("from" and "to", both included), as instants on the studio's clock: a day
 * runs from midnight to midnight where the studio is, summer time or not. Without them, or with
 * days that make no sense, this month.
 */
export function reportPeriod(query: URLSearchParams, zone: string, now = new Date()): ReportPeriod {
  const today = DateTime.fromJSDate(now, { zone });
  const day = (key: string) => {
    const text = query.get(key)?.trim() ?? "";
    if (!DAY.test(text)) return null;
    const date = DateTime.fromISO(text, { zone });
    return date.isValid ? date.startOf("day") : null;
  };
  const asked = [query.get("from"), query.get("to")].some((v) => v?.trim());
  const [first, last] = [day("from"), day("to")];
  let error: string | null = null;
  if (asked && (!first || !last)) error = "Enter both days as dates.";
  else if (first && last && last < first) error = "The last day comes before the first.";
  const chosen = !error && first && last;
  const from = chosen ? first : today.startOf("month");
  const to = chosen ? last : today.endOf("month").startOf("day");
  return {
    from: from.toISODate() as string,
    to: to.toISODate() as string,
    start: from.toJSDate(),
    end: to.plus({ days: 1 }).startOf("day").toJSDate(),
    error,
  };
}

function totalsView(rows: PaymentTotalsRows, currency: string) {
  const money = (minor: number) => formatMoney(minor, currency);
  const find = <R extends { method: string | null }>(list: R[], method: string | null) =>
    list.find((r) => r.method === method);
  const line = (method: string | null) => {
    const taken = find(rows.taken, method);
    const refunded = find(rows.refunded, method);
    const takenMinor = taken?.takenMinor ?? 0;
    const refundedMinor = refunded?.refundedMinor ?? 0;
    return {
      count: taken?.count ?? 0,
      refunds: refunded?.count ?? 0,
      taken: money(takenMinor),
      refunded: money(refundedMinor),
      net: money(takenMinor - refundedMinor),
      fees: money(taken?.feesMinor ?? 0),
    };
  };
  return {
    all: line(null),
    byMethod: PAYMENT_METHODS.map((method) => ({ method, label: METHOD_LABELS[method], ...line(method) })).filter(
      (m) => m.count > 0 || m.refunds > 0,
    ),
  };
}

/** The payments page: the period's totals and its newest payments, for the owner and finance. */
export async function paymentsReport(tenant: Tenant, actor: User, query: URLSearchParams, now = new Date()) {
  assertCan(actor, "payment.view_all");
  const zone = await studioTimezone(tenant);
  const period = reportPeriod(query, zone, now);
  const db = database();
  const [totals, rows] = await Promise.all([
    paymentTotals(db, tenant, period),
    listPaymentsInPeriod(db, tenant, period, REPORT_LIST_LIMIT + 1),
  ]);
  const currency = tenant.studio.currency;
  return {
    period: { from: period.from, to: period.to, error: period.error },
    totals: totalsView(totals, currency),
    more: rows.length > REPORT_LIST_LIMIT,
    payments: rows.slice(0, REPORT_LIST_LIMIT).map((p) => ({
      id: p.id,
      when: `${fullDateAt(p.at, zone)}, ${DateTime.fromJSDate(p.at, { zone }).toFormat("HH:mm")}`,
      clientName: p.clientName,
      description: p.description,
      method: METHOD_LABELS[p.method],
      amount: formatMoney(p.amountMinor, p.currency),
      status: paymentStatusLabel(p),
      disputed: p.disputedAt !== null,
      needsAttention: p.needsAttention,
    })),
  };
}

export const CSV_HEADER = [
  "Date",
  "Time",
  "Type",
  "Client",
  "What",
  "Method",
  "Amount",
  "Fee",
  "Refunded",
  "Currency",
  "Status",
  "Payment id",
  "Refund id",
  "Stripe payment intent",
  "Stripe charge",
  "Stripe refund",
];

const REFUND_STATUS_LABELS: Record<string, string> = {
  pending: "Refund pending",
  succeeded: "Refunded",
  failed: "Refund failed",
};

/**
 * The period's payments and refunds as CSV, streamed: a page of lines is read only when the
 * previous one has been sent, so a year of a busy studio never sits in memory. A refund line's
 * amount is negative, so the Amount column sums to what the studio kept.
 */
export async function paymentsCsv(tenant: Tenant, actor: User, query: URLSearchParams, pageSize = 500) {
  assertCan(actor, "payment.view_all");
  const zone = await studioTimezone(tenant);
  const period = reportPeriod(query, zone);
  const encoder = new TextEncoder();
  let cursor: LineCursor | null = null;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // The byte-order mark tells spreadsheet programs the file is UTF-8 ("Chloé", "£").
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`));
    },
    async pull(controller) {
      if (done) return;
      const lines = await exportLinesPage(database(), tenant, period, cursor, pageSize);
      const last = lines.at(-1);
      if (last) cursor = { at: last.cursorAt, id: last.id };
      const text = lines
        .map((l) => {
          const local = DateTime.fromJSDate(l.at, { zone });
          const refund = l.kind === "refund";
          return csvLine([
            local.toISODate() ?? "",
            local.toFormat("HH:mm"),
            refund ? "Refund" : "Payment",
            l.clientName,
            l.description,
            METHOD_LABELS[l.method],
            csvMoney(refund ? -l.amountMinor : l.amountMinor),
            csvMoney(l.feeMinor),
            csvMoney(l.refundedMinor),
            l.currency,
            refund
              ? (REFUND_STATUS_LABELS[l.status] ?? l.status)
              : paymentStatusLabel({ ...l, status: l.status as Payment["status"] }),
            l.paymentId,
            refund ? l.id : "",
            l.stripePaymentIntentId ?? "",
            l.stripeChargeId ?? "",
            l.stripeRefundId ?? "",
          ]);
        })
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (lines.length < pageSize) {
        done = true;
        controller.close();
      }
    },
  });
  return { stream, filename: `payments-${period.from}-to-${period.to}.csv` };
}
