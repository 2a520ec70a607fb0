import { listPaymentsOfClient } from "~/models/payment.server";
import { can } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { fullDateAt } from "~/services/shared/date-words";
import { formatMoney } from "~/services/shared/money";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Payment, User } from "~db/schema/tenant";
import { cardOnFileForStaff } from "./card-on-file.server";
import { paymentStatusLabel } from "./labels";

export type PaymentRowView = { id: string; when: string; what: string; amount: string; status: string };

async function rowsOf(tenant: Tenant, clientId: string, limit: number) {
  const [payments, zone] = await Promise.all([
    listPaymentsOfClient(database(), tenant, clientId, limit + 1),
    studioTimezone(tenant),
  ]);
  const view = (p: Payment): PaymentRowView => ({
    id: p.id,
    when: fullDateAt(p.paidAt ?? p.createdAt, zone),
    what: p.description,
    amount: formatMoney(p.amountMinor, p.currency),
    status: paymentStatusLabel(p),
  });
  return { payments: payments.slice(0, limit).map(view), more: payments.length > limit };
}

/** The signed-in person's own payments, newest first: only ever their own (staff have none). */
export async function ownPayments(tenant: Tenant, actor: User) {
  return rowsOf(tenant, actor.id, 100);
}

/**
 * A client's latest payments for their page, and which card they keep on file ("Visa …4242",
 * no more), for staff who may see the client and take
 * payments at one of the client's locations, or see every payment; null for the others.
 */
export async function clientPaymentsForStaff(tenant: Tenant, actor: User, clientId: string) {
  const { locationIds } = await requireVisibleClient(tenant, actor, clientId);
  const allowed =
    can(actor, "payment.view_all").allowed || can(actor, "payment.process", { anyOfLocationIds: locationIds }).allowed;
  if (!allowed) return null;
  const [rows, card] = await Promise.all([rowsOf(tenant, clientId, 10), cardOnFileForStaff(tenant, clientId)]);
  return { ...rows, card };
}
