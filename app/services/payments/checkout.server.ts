import type Stripe from "stripe";
import { findStudioById } from "~/models/organization.server";
import { updatePayment } from "~/models/payment.server";
import { findPlatformFeeBasisPoints } from "~/models/platform-fee.server";
import { findActiveUserById } from "~/models/user.server";
import { Refused } from "~/services/shared/errors";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Payment } from "~db/schema/tenant";
import { customerFor } from "./card-on-file.server";
import { DEFAULT_FEE_BASIS_POINTS, platformFeeMinor } from "./fee";
import { endPayment } from "./settle.server";
import { ONLINE_PAYMENT_NOT_SET_UP, stripeClient } from "./stripe.server";

/**
 * How long a Checkout page stays open, and so how long a place is held for it: Stripe's
 * shortest (30 minutes), so a place abandoned on a payment page is free again soonest.
 */
export const CHECKOUT_MINUTES = 30;

export type OnlinePayments =
  | { ready: true; stripe: Stripe; accountId: string; feeBasisPoints: number }
  | { ready: false; reason: string };

/**
 * Whether this studio can take a card online now: this deployment has Stripe keys, and the
 * studio's connected account exists and may take charges (read fresh, not from the request's
 * cached studio: `account.updated` may have just changed it).
 */
export async function onlinePayments(tenant: Tenant): Promise<OnlinePayments> {
  const stripe = stripeClient();
  if (!stripe) return { ready: false, reason: ONLINE_PAYMENT_NOT_SET_UP };
  const studio = await findStudioById(database(), tenant.studio.id);
  if (!studio?.stripeAccountId || !studio.stripeChargesEnabled)
    return {
      ready: false,
      reason: "This studio does not take card payments online yet. Please pay at the front desk.",
    };
  const feeBasisPoints =
    (await findPlatformFeeBasisPoints(database(), studio.subscriptionTier)) ?? DEFAULT_FEE_BASIS_POINTS;
  return { ready: true, stripe, accountId: studio.stripeAccountId, feeBasisPoints };
}

/** What ties a Stripe object back to this studio and this payment, on the session and its PaymentIntent. */
export function paymentMetadata(tenant: Tenant, payment: Payment): Record<string, string> {
  return {
    studio_id: tenant.studio.id,
    payment_id: payment.id,
    client_id: payment.clientId,
    kind: payment.kind,
    ...(payment.packageId ? { package_id: payment.packageId } : {}),
    ...(payment.bookingId ? { booking_id: payment.bookingId } : {}),
  };
}

/**
 * Opens Stripe Checkout for an open payment (already committed, with its fee and expiry) as a
 * direct charge on the studio's account, and returns the page's URL to redirect to. The
 * payment's id is the idempotency key, so a repeated call returns the same session. If Stripe
 * refuses or cannot be reached, the payment fails and any place it held is freed.
 *
 * `keepCard` (the client ticked "keep my card on file", under the `charge_fee` rule): the
 * client pays as their Customer and the card is kept for off-session charges; the session's
 * `keep_card` tells the webhook to record it once paid.
 */
export async function openCheckout(
  tenant: Tenant,
  online: Extract<OnlinePayments, { ready: true }>,
  payment: Payment,
  options: { cancel: string; keepCard?: boolean },
): Promise<string> {
  if (payment.stripeCheckoutUrl) return payment.stripeCheckoutUrl;
  const client = await findActiveUserById(database(), tenant, payment.clientId);
  const metadata = paymentMetadata(tenant, payment);
  const expiresAt = payment.expiresAt ?? new Date(Date.now() + CHECKOUT_MINUTES * 60_000);
  const keepCard = Boolean(options.keepCard && client);
  let session: Stripe.Checkout.Session;
  try {
    const payer =
      keepCard && client
        ? { customer: await customerFor(tenant, online, client) }
        : client?.email
          ? { customer_email: client.email }
          : {};
    session = await online.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: payment.currency.toLowerCase(),
              unit_amount: payment.amountMinor,
              product_data: { name: payment.description },
            },
          },
        ],
        ...payer,
        client_reference_id: payment.id,
        metadata: keepCard ? { ...metadata, keep_card: "yes" } : metadata,
        payment_intent_data: {
          application_fee_amount: payment.applicationFeeMinor,
          description: payment.description,
          metadata,
          ...(keepCard ? { setup_future_usage: "off_session" as const } : {}),
        },
        success_url: studioUrl(tenant.studio.slug, `/payments/${payment.id}?from=checkout`),
        cancel_url: studioUrl(tenant.studio.slug, options.cancel),
        expires_at: Math.floor(expiresAt.getTime() / 1000),
      },
      { stripeAccount: online.accountId, idempotencyKey: `checkout-${payment.id}` },
    );
  } catch (error) {
    await database().transaction((tx) =>
      endPayment(tx, tenant, payment.id, "failed", "The card payment page could not be opened."),
    );
    console.error("stripe checkout session not created", payment.id, error);
    throw new Refused(
      503,
      "PAYMENT_NOT_STARTED",
      "The payment page could not be opened. Nothing was charged; please try again.",
    );
  }
  if (!session.url) throw new Error(`checkout session ${session.id} has no url`);
  await updatePayment(database(), tenant, payment.id, {
    stripeCheckoutSessionId: session.id,
    stripeCheckoutUrl: session.url,
    expiresAt: new Date(session.expires_at * 1000),
  });
  return session.url;
}

/** The platform's fee on an amount for this studio's tier. */
export function feeFor(online: Extract<OnlinePayments, { ready: true }>, amountMinor: number) {
  return platformFeeMinor(amountMinor, online.feeBasisPoints);
}
