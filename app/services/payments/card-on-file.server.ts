import type Stripe from "stripe";
import { deleteClientCard, findClientCard } from "~/models/client-card.server";
import { findStudioById } from "~/models/organization.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { ClientCard, User } from "~db/schema/tenant";
import { stripeClient } from "./stripe.server";

/**
 * A card on file: a client who pays online may keep the card on the studio's connected account,
 * only so that the studio's no-show fee can be charged to it later (rule `charge_fee`).
 */

/** "Visa", "Mastercard", "American Express": Stripe's brand ids as a card says them. */
const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  cartes_bancaires: "Cartes Bancaires",
};

export const brandName = (brand: string) => BRANDS[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1);

/** "Visa ending 4242, expires 04/28": how the client recognises their card. */
export function cardWords(card: Pick<ClientCard, "brand" | "last4" | "expMonth" | "expYear">) {
  const month = String(card.expMonth).padStart(2, "0");
  const year = String(card.expYear % 100).padStart(2, "0");
  return `${brandName(card.brand)} ending ${card.last4}, expires ${month}/${year}`;
}

/**
 * The "keep my card on file" offer on an online payment: the studio's no-show fee, when its
 * rule charges one; null when it does not (then no card is ever kept).
 */
export async function keepCardOffer(tenant: Tenant): Promise<{ fee: string } | null> {
  const settings = await findStudioSettings(database(), tenant);
  if (settings.noShowRule !== "charge_fee" || settings.noShowFeeMinor <= 0) return null;
  return { fee: formatMoney(settings.noShowFeeMinor, tenant.studio.currency) };
}

/**
 * The client's Customer on the studio's account, for a Checkout that keeps the card: the one
 * their card on file already belongs to, or a new one. The key makes a repeated first attempt
 * (a form sent twice) create one Customer, not two.
 */
export async function customerFor(
  tenant: Tenant,
  // The ready half of checkout.server.ts `OnlinePayments`, spelled out so neither file imports the other.
  online: { stripe: Stripe; accountId: string },
  client: Pick<User, "id" | "email" | "fullName">,
): Promise<string> {
  const card = await findClientCard(database(), tenant, client.id);
  if (card) return card.stripeCustomerId;
  const customer = await online.stripe.customers.create(
    {
      email: client.email,
      name: client.fullName,
      metadata: { studio_id: tenant.studio.id, client_id: client.id },
    },
    { stripeAccount: online.accountId, idempotencyKey: `customer-${client.id}` },
  );
  return customer.id;
}

/** The signed-in client's own card on file, in words, or null. */
export async function ownCard(tenant: Tenant, actor: User): Promise<string | null> {
  const card = await findClientCard(database(), tenant, actor.id);
  return card ? cardWords(card) : null;
}

/** "Visa …4242": all staff are shown of a client's card (null: none on file). */
export async function cardOnFileForStaff(tenant: Tenant, clientId: string): Promise<string | null> {
  const card = await findClientCard(database(), tenant, clientId);
  return card ? `${brandName(card.brand)} …${card.last4}` : null;
}

export const CARD_NOT_REMOVED =
  "Your card could not be removed just now: our card processor did not answer. It is still on file; please try again in a few minutes.";

/**
 * The client removes their card: detached from their Customer on Stripe first, then forgotten
 * here, so a card we no longer show can never be charged. A card Stripe no longer has (already
 * detached, or gone) is simply forgotten. Returns whether there was one.
 */
export async function removeOwnCard(tenant: Tenant, actor: User): Promise<boolean> {
  const card = await findClientCard(database(), tenant, actor.id);
  if (!card) return false;
  const stripe = stripeClient();
  const studio = await findStudioById(database(), tenant.studio.id);
  if (!stripe || !studio?.stripeAccountId) throw new Refused(503, "CARD_NOT_REMOVED", CARD_NOT_REMOVED);
  try {
    await stripe.paymentMethods.detach(card.stripePaymentMethodId, {}, { stripeAccount: studio.stripeAccountId });
  } catch (error) {
    if (!alreadyGone(error)) {
      console.error("stripe payment method not detached", card.stripePaymentMethodId, String(error));
      throw new Refused(503, "CARD_NOT_REMOVED", CARD_NOT_REMOVED);
    }
  }
  return deleteClientCard(database(), tenant, actor.id);
}

/** Stripe refused because the card is not there to detach: nothing is left to remove. */
function alreadyGone(error: unknown) {
  const e = error as Partial<Stripe.errors.StripeError>;
  return e.type === "StripeInvalidRequestError" && (e.statusCode === 404 || e.statusCode === 400);
}
