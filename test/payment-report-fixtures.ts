import { eq } from "drizzle-orm";
import { insertPayment, insertRefund } from "~/models/payment.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { PaymentMethod, PaymentStatus } from "~db/schema/tenant";

/**
 * June 2026 in a London studio (summer time: UTC+1), with payments on both sides of its edges:
 * taken in June by card online (£39.00, fee £1.13, £19.50 of it refunded), in cash (£12.00,
 * with a failed £5.00 refund) and on the terminal (£25.00 at 23:59 on 30 June); outside June a
 * card at the desk at 00:00 on 1 July and cash at 23:30 on 31 May; not taken at all a failed,
 * an expired and a still open payment in June.
 */
export async function juneStudio() {
  const s = await createClientsStudio();
  const db = database();
  const { t } = s.tenant;
  const { amara, chloe } = s.clients;
  const pay = async (
    name: string,
    client: { id: string },
    method: PaymentMethod,
    status: PaymentStatus,
    amountMinor: number,
    at: string,
    extra: { applicationFeeMinor?: number; description?: string } = {},
  ) => {
    const moment = new Date(at);
    const payment = await insertPayment(db, s.tenant, {
      clientId: client.id,
      kind: "other",
      method,
      status,
      amountMinor,
      currency: "GBP",
      applicationFeeMinor: extra.applicationFeeMinor ?? 0,
      description: extra.description ?? name,
      takenById: s.staff.receptionist.id,
      locationId: s.camden.id,
      paidAt: status === "succeeded" ? moment : null,
    });
    await db.update(t.payments).set({ createdAt: moment }).where(eq(t.payments.id, payment.id));
    return payment;
  };
  const refund = async (paymentId: string, amountMinor: number, status: "succeeded" | "failed", at: string) => {
    const row = await insertRefund(db, s.tenant, { paymentId, amountMinor, status, reason: "Asked for it" });
    if (!row) throw new Error("refund not inserted");
    await db
      .update(t.refunds)
      .set({ createdAt: new Date(at) })
      .where(eq(t.refunds.id, row.id));
    return row;
  };
  const online = await pay("Ten classes", amara, "online_card", "succeeded", 3900, "2026-05-31T23:30:00Z", {
    applicationFeeMinor: 113,
  });
  const cash = await pay("Drop-in", chloe, "cash", "succeeded", 1200, "2026-06-15T10:00:00Z", {
    description: 'Mat hire, "large", towel',
  });
  const terminal = await pay("Private session", amara, "terminal", "succeeded", 2500, "2026-06-30T22:59:00Z");
  const july = await pay("July pass", amara, "desk_card", "succeeded", 1000, "2026-06-30T23:00:00Z");
  const may = await pay("May pass", chloe, "cash", "succeeded", 700, "2026-05-31T22:30:00Z");
  const failed = await pay("Declined", amara, "online_card", "failed", 1500, "2026-06-10T12:00:00Z");
  const expired = await pay("Abandoned", chloe, "online_card", "expired", 1800, "2026-06-11T12:00:00Z");
  const open = await pay("Paying now", amara, "online_card", "open", 900, "2026-06-12T12:00:00Z");
  const partial = await refund(online.id, 1950, "succeeded", "2026-06-20T09:00:00Z");
  const failedRefund = await refund(cash.id, 500, "failed", "2026-06-21T09:00:00Z");
  return { ...s, payments: { online, cash, terminal, july, may, failed, expired, open }, partial, failedRefund };
}
