import { findBooking } from "~/models/booking.server";
import { findCreditGrant } from "~/models/credit.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findPackage } from "~/models/package.server";
import { findService } from "~/models/service.server";
import { findActiveUserById } from "~/models/user.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Location, Payment, Refund } from "~db/schema/tenant";
import {
  type PaymentReceiptFacts,
  paymentReceiptEmail,
  type ReceiptItem,
  type ReceiptStudio,
  refundReceiptEmail,
} from "./receipt-email";

const oneLine = (l: Location) =>
  [l.address.line1, l.address.line2, l.address.city, l.address.postcode].filter(Boolean).join(", ") || null;

async function itemOf(tx: Executor, tenant: Tenant, payment: Payment, locations: Location[]): Promise<ReceiptItem> {
  if (payment.packageId) {
    const [pack, grant] = await Promise.all([
      findPackage(tx, tenant, payment.packageId),
      payment.creditGrantId ? findCreditGrant(tx, tenant, payment.creditGrantId) : undefined,
    ]);
    if (pack)
      return { kind: "package", credits: pack.credits, validDays: pack.validDays, expiresAt: grant?.expiresAt ?? null };
  }
  if (payment.bookingId) {
    const booking = await findBooking(tx, tenant, payment.bookingId);
    const service = booking && (await findService(tx, tenant, booking.serviceId));
    const at = booking && locations.find((l) => l.id === booking.locationId);
    if (booking && service && at) {
      const address = oneLine(at);
      const place = address ? `${at.name}, ${address}` : at.name;
      return { kind: "booking", serviceName: service.name, startsAt: booking.startsAt, endsAt: booking.endsAt, place };
    }
  }
  return { kind: "other" };
}

/**
 * Everything a receipt says, read in the payment's transaction. The studio writes from the
 * payment's location, or its first open one when the payment has none (a package bought online).
 */
async function receiptFacts(tx: Executor, tenant: Tenant, payment: Payment) {
  const client = await findActiveUserById(tx, tenant, payment.clientId);
  if (!client?.email) return null;
  const [open, own] = await Promise.all([
    listActiveLocations(tx, tenant),
    payment.locationId ? findLocationById(tx, tenant, payment.locationId) : undefined,
  ]);
  const location = own ?? open[0];
  const locations = own ? [own, ...open] : open;
  const { name, slug } = tenant.studio;
  const studio: ReceiptStudio = {
    name,
    address: location ? oneLine(location) : null,
    url: (path) => studioUrl(slug, path),
  };
  const facts: PaymentReceiptFacts = {
    paymentId: payment.id,
    clientName: client.fullName,
    description: payment.description,
    item: await itemOf(tx, tenant, payment, locations),
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    method: payment.method,
    paidAt: payment.paidAt ?? payment.createdAt,
    zone: location?.timezone ?? "Europe/London",
  };
  return { client, studio, facts };
}

/**
 * The emailed receipt for a payment that succeeded, queued in the payment's transaction: it goes
 * out once the payment is on record, or not at all.
 */
export async function queuePaymentReceipt(tx: Executor, tenant: Tenant, payment: Payment) {
  const read = await receiptFacts(tx, tenant, payment);
  if (!read) return;
  const email = paymentReceiptEmail(read.studio, read.facts);
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: read.client.email,
    subject: email.subject,
    body: email.text,
    html: email.html,
    template: "payment_receipt",
    userId: read.client.id,
    bookingId: payment.bookingId,
    locationId: payment.locationId,
  });
}

/** The emailed receipt for a refund, queued in the refund's transaction (`payment` counts it). */
export async function queueRefundReceipt(tx: Executor, tenant: Tenant, payment: Payment, refund: Refund) {
  const read = await receiptFacts(tx, tenant, payment);
  if (!read) return;
  const email = refundReceiptEmail(read.studio, {
    ...read.facts,
    refundMinor: refund.amountMinor,
    refundedMinor: payment.refundedMinor,
    creditsRemoved: refund.creditsRemoved,
    refundedAt: refund.createdAt,
  });
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: read.client.email,
    subject: email.subject,
    body: email.text,
    html: email.html,
    template: "refund_receipt",
    userId: read.client.id,
    bookingId: payment.bookingId,
    locationId: payment.locationId,
  });
}
