import { insertOutboxMessage } from "~/models/outbox.server";
import { lockPayment, updatePayment } from "~/models/payment.server";
import { findActiveUserById } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import { formatMoney } from "~/services/shared/money";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment } from "~db/schema/tenant";

/** What Stripe said about a card that was not charged: its error code, the bank's reason, its message. */
export type CardRefusal = { code?: string | null; declineCode?: string | null; message?: string | null };

/** Why a no-show fee was not charged, in words for the client and for staff. */
export function refusalWords({ code, declineCode, message }: CardRefusal): string {
  if (code === "authentication_required")
    return "The bank asked for the payment to be confirmed by the cardholder, which cannot be done while they are away.";
  if (code === "expired_card") return "The card has expired.";
  if (declineCode === "insufficient_funds") return "The card has insufficient funds.";
  if (code === "card_declined") return "The card was declined.";
  return message?.trim() || "The card could not be charged.";
}

/**
 * A no-show fee that could not be charged: the payment fails with the reason (staff see it on
 * the client's payments) and the client is told by email how to pay it instead. Once: a payment
 * no longer open (already failed, or paid after all) is left as it is.
 */
export async function failNoShowFee(
  tx: Executor,
  tenant: Tenant,
  paymentId: string,
  reason: string,
  intentId: string | null,
): Promise<Payment | undefined> {
  const payment = await lockPayment(tx, tenant, paymentId);
  if (payment?.status !== "open" || payment.kind !== "no_show_fee") return payment;
  const failed = await updatePayment(tx, tenant, payment.id, {
    status: "failed",
    failureMessage: reason,
    ...(intentId && !payment.stripePaymentIntentId ? { stripePaymentIntentId: intentId } : {}),
  });
  if (failed) await tellClient(tx, tenant, failed, reason);
  return failed;
}

async function tellClient(tx: Executor, tenant: Tenant, payment: Payment, reason: string) {
  const client = await findActiveUserById(tx, tenant, payment.clientId);
  if (!client?.email) return;
  const fee = formatMoney(payment.amountMinor, payment.currency);
  const what = payment.description.replace(/^No-show fee: /, "");
  const email = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${client.fullName.split(" ")[0] ?? ""},`,
    paragraphs: [
      `You missed ${what} without cancelling, so the studio's no-show fee of ${fee} applies.`,
      `We tried to charge it to the card you keep on file with us, but it did not go through. ${reason}`,
      "Please pay the fee at the front desk on your next visit. If you think this is a mistake, reply to this email.",
    ],
    action: { label: "See your payments", url: studioUrl(tenant.studio.slug, "/account/payments") },
  });
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: client.email,
    subject: `Your no-show fee of ${fee} could not be charged`,
    body: email.text,
    html: email.html,
    template: "no_show_fee_failed",
    userId: client.id,
    bookingId: payment.bookingId,
    locationId: payment.locationId,
  });
}
