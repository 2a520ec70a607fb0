import { findCreditGrant } from "~/models/credit.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { findStudioById } from "~/models/organization.server";
import { findPackage } from "~/models/package.server";
import { findPayment, listRefundsOfPayment } from "~/models/payment.server";
import { findActiveUserById } from "~/models/user.server";
import { can, mayEver } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { fullDateAt } from "~/services/shared/date-words";
import { NotFound, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, Payment, User } from "~db/schema/tenant";
import { METHOD_ON_PAGE } from "./labels";
import { endPayment } from "./settle.server";
import { stripeClient } from "./stripe.server";

const NO_SUCH_PAYMENT = "There is no such payment here.";

/**
 * A payment is seen by its client, by staff who take payments where it was taken (or, for a
 * package, where the client belongs), and by whoever sees all payments. Anyone else: 404, so
 * nobody learns it exists.
 */
export async function requireVisiblePayment(tenant: Tenant, actor: User, id: string) {
  const payment = await findPayment(database(), tenant, id);
  if (!payment) throw new NotFound(NO_SUCH_PAYMENT);
  if (payment.clientId === actor.id || can(actor, "payment.view_all").allowed) return payment;
  if (actor.role === "client" || !mayEver(actor.role, "payment.process")) throw new NotFound(NO_SUCH_PAYMENT);
  if (payment.locationId) {
    if (can(actor, "payment.process", { locationId: payment.locationId }).allowed) return payment;
    throw new NotFound(NO_SUCH_PAYMENT);
  }
  const { locationIds } = await requireVisibleClient(tenant, actor, payment.clientId).catch(() => {
    throw new NotFound(NO_SUCH_PAYMENT);
  });
  if (!can(actor, "payment.process", { anyOfLocationIds: locationIds }).allowed) throw new NotFound(NO_SUCH_PAYMENT);
  return payment;
}

function addressOf(location: Location | undefined) {
  if (!location) return "";
  const a = location.address;
  return [a.line1, a.line2, a.city, a.postcode].filter(Boolean).join(", ");
}

/** What the payment gave, once it succeeded: the credits, or the place. */
async function resultOf(tenant: Tenant, payment: Payment, zone: string) {
  if (payment.status !== "succeeded") return null;
  if (payment.creditGrantId && payment.packageId) {
    const [grant, pack] = await Promise.all([
      findCreditGrant(database(), tenant, payment.creditGrantId),
      findPackage(database(), tenant, payment.packageId),
    ]);
    if (grant && pack)
      return {
        kind: "credits" as const,
        text: `${pack.credits} ${pack.credits === 1 ? "credit" : "credits"} added: ${grant.name}, valid until ${fullDateAt(grant.expiresAt, zone)}`,
      };
  }
  if (payment.bookingId && !payment.needsAttention)
    return { kind: "booking" as const, text: "Your place is booked", bookingId: payment.bookingId };
  return null;
}

/** The payment's page: its state while open, then the result and the receipt; for staff, its flags. */
export async function paymentPage(tenant: Tenant, actor: User, id: string, now = new Date()) {
  const payment = await requireVisiblePayment(tenant, actor, id);
  const db = database();
  const [location, refunds, client] = await Promise.all([
    payment.locationId
      ? findLocationById(db, tenant, payment.locationId)
      : listActiveLocations(db, tenant).then((all) => all[0]),
    listRefundsOfPayment(db, tenant, payment.id),
    findActiveUserById(db, tenant, payment.clientId),
  ]);
  const zone = location?.timezone ?? "Europe/London";
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const staff = actor.role !== "client";
  const open = payment.status === "open";
  const pageOpen = open && payment.stripeCheckoutUrl !== null && (payment.expiresAt?.getTime() ?? 0) > now.getTime();
  return {
    id: payment.id,
    status: payment.status,
    kind: payment.kind,
    own: payment.clientId === actor.id,
    staff,
    clientName: client?.fullName ?? null,
    clientId: payment.clientId,
    result: await resultOf(tenant, payment, zone),
    checkoutUrl: pageOpen ? payment.stripeCheckoutUrl : null,
    heldUntil: open && payment.bookingId && payment.expiresAt ? fullDateAt(payment.expiresAt, zone) : null,
    mayCancel: open && (payment.clientId === actor.id || staff),
    failure: payment.failureMessage,
    receipt: {
      studio: tenant.studio.name,
      address: addressOf(location),
      description: payment.description,
      amount: money(payment.amountMinor),
      date: fullDateAt(payment.paidAt ?? payment.createdAt, zone),
      method: METHOD_ON_PAGE[payment.method],
      refunded: payment.refundedMinor > 0 ? money(payment.refundedMinor) : null,
    },
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: money(r.amountMinor),
      status: r.status,
      reason: r.reason,
      date: fullDateAt(r.createdAt, zone),
    })),
    flags: staff
      ? {
          needsAttention: payment.needsAttention,
          disputed: payment.disputedAt
            ? `${fullDateAt(payment.disputedAt, zone)}: ${payment.disputeReason ?? "no reason given"}`
            : null,
        }
      : null,
    mayRefund:
      staff &&
      payment.status === "succeeded" &&
      payment.refundedMinor < payment.amountMinor &&
      mayEver(actor.role, "payment.refund"),
  };
}

export const CANCELLED_BEFORE_PAYING = "Cancelled before paying.";

/**
 * Cancels an open payment: its Checkout page is expired at Stripe first (so it cannot be paid
 * afterwards), then the payment ends and any place it held is freed. If Stripe cannot expire it
 * (already paid, or unreachable), nothing changes here.
 */
export async function cancelPayment(tenant: Tenant, actor: User, id: string) {
  const payment = await requireVisiblePayment(tenant, actor, id);
  if (payment.status !== "open") return payment;
  if (payment.clientId !== actor.id && actor.role === "client") throw new NotFound(NO_SUCH_PAYMENT);
  const stripe = stripeClient();
  const studio = await findStudioById(database(), tenant.studio.id);
  if (payment.stripeCheckoutSessionId && stripe && studio?.stripeAccountId) {
    try {
      await stripe.checkout.sessions.expire(payment.stripeCheckoutSessionId, undefined, {
        stripeAccount: studio.stripeAccountId,
      });
    } catch (error) {
      console.error("stripe checkout session not expired", payment.id, error);
      throw new Refused(
        409,
        "NOT_CANCELLED",
        "The payment could not be cancelled just now. If you have paid, it shows here in a moment; if not, try again.",
      );
    }
  }
  return database().transaction((tx) => endPayment(tx, tenant, payment.id, "expired", CANCELLED_BEFORE_PAYING));
}
