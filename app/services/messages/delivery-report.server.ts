import { recordSmsDelivery, type SmsDeliveryOutcome } from "~/models/message-log.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { DeliveryReport } from "./delivery-report.schema";

/** Infobip's final groups that mean the text will never arrive, in words for the log. */
const NOT_DELIVERED: Record<string, string> = {
  UNDELIVERABLE: "The phone network could not deliver it",
  EXPIRED: "The phone was unreachable until the network gave up",
  REJECTED: "Infobip refused it",
};

function outcomeOf(report: DeliveryReport): SmsDeliveryOutcome | null {
  const group = report.status.groupName.toUpperCase();
  if (group === "DELIVERED") {
    const doneAt = report.doneAt ? new Date(report.doneAt) : null;
    return { status: "delivered", deliveredAt: doneAt && !Number.isNaN(doneAt.getTime()) ? doneAt : new Date() };
  }
  const words = NOT_DELIVERED[group];
  if (!words) return null;
  const details = [report.status.description, report.error?.description].filter(
    (d): d is string => Boolean(d) && d !== "No Error",
  );
  return { status: "undeliverable", lastError: [words, ...new Set(details)].join(": ") };
}

/**
 * Applies a delivery report to the studio's texts. Reports of texts we do not know (another
 * studio's, or long gone) and interim ones ("PENDING") change nothing.
 */
export async function applyDeliveryReports(tenant: Tenant, reports: DeliveryReport[]) {
  let updated = 0;
  for (const report of reports) {
    const outcome = outcomeOf(report);
    if (outcome) updated += await recordSmsDelivery(database(), tenant, report.messageId, outcome);
  }
  return { received: reports.length, updated };
}
