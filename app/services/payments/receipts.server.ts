import { insertOutboxMessage } from "~/models/outbox.server";
import { findActiveUserById } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import { formatMoney } from "~/services/shared/money";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Payment, Refund } from "~db/schema/tenant";

/**
 * The emailed receipt for a payment that succeeded, queued in the payment's transaction: it goes
 * out once the payment is on record, or not at all.
 */
export async function queuePaymentReceipt(tx: Executor, tenant: Tenant, payment: Payment) {
  const client = await findActiveUserById(tx, tenant, payment.clientId);
  if (!client?.email) return;
  const amount = formatMoney(payment.amountMinor, payment.currency);
  const email = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${client.fullName.split(" ")[0] ?? ""},`,
    paragraphs: [`Thank you for your payment of ${amount} for ${payment.description}.`],
    action: { label: "See your receipt", url: studioUrl(tenant.studio.slug, `/payments/${payment.id}`) },
  });
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: client.email,
    subject: `Your receipt from ${tenant.studio.name}: ${amount}`,
    body: email.text,
    html: email.html,
    template: "payment_receipt",
    userId: client.id,
    locationId: payment.locationId,
  });
}

/** The emailed receipt for a refund, queued in the refund's transaction. */
export async function queueRefundReceipt(tx: Executor, tenant: Tenant, payment: Payment, refund: Refund) {
  const client = await findActiveUserById(tx, tenant, payment.clientId);
  if (!client?.email) return;
  const amount = formatMoney(refund.amountMinor, payment.currency);
  const email = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${client.fullName.split(" ")[0] ?? ""},`,
    paragraphs: [
      `We have refunded ${amount} of your payment for ${payment.description}. It reaches your card in 5 to 10 working days.`,
    ],
    action: { label: "See your receipt", url: studioUrl(tenant.studio.slug, `/payments/${payment.id}`) },
  });
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: client.email,
    subject: `Your refund from ${tenant.studio.name}: ${amount}`,
    body: email.text,
    html: email.html,
    template: "refund_receipt",
    userId: client.id,
    locationId: payment.locationId,
  });
}
