import type Stripe from "stripe";
import { findStudioById, recordStudioStripeState, setStudioStripeAccount } from "~/models/organization.server";
import { findPlatformFeeBasisPoints } from "~/models/platform-fee.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound, Refused } from "~/services/shared/errors";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { DEFAULT_FEE_BASIS_POINTS } from "./fee";
import { stripeClient } from "./stripe.server";

/**
 * Connecting a studio's own Stripe account (a Standard account: the studio owns it, its
 * dashboard and its customers; decision 0014) through Stripe's hosted onboarding, and what state
 * it is in. Only the owner: it decides where the studio's money goes.
 */

const OWNER_ONLY = "Only the studio owner can connect the studio's Stripe account.";

export type ConnectState =
  /** This deployment has no Stripe keys: nothing to connect to. */
  | "not_set_up"
  | "not_connected"
  /** Onboarding started but Stripe still needs details before the studio can take charges. */
  | "details_needed"
  | "charges_enabled";

export type PaymentsSettings = {
  state: ConnectState;
  accountId: string | null;
  feePercent: string;
};

function stateOf(studio: {
  stripeAccountId: string | null;
  stripeChargesEnabled: boolean;
}): Exclude<ConnectState, "not_set_up"> {
  if (!studio.stripeAccountId) return "not_connected";
  return studio.stripeChargesEnabled ? "charges_enabled" : "details_needed";
}

async function freshStudio(tenant: Tenant) {
  const studio = await findStudioById(database(), tenant.studio.id);
  if (!studio) throw new NotFound("There is no such studio.");
  return studio;
}

/**
 * The payments settings page. Back from Stripe's onboarding (`returning`), the account is asked
 * for its state at once rather than waiting for `account.updated`, which may come a little later.
 */
export async function paymentsSettings(tenant: Tenant, actor: User, returning = false): Promise<PaymentsSettings> {
  assertCan(actor, "settings.modify", {}, OWNER_ONLY);
  let studio = await freshStudio(tenant);
  const stripe = stripeClient();
  if (stripe && returning && studio.stripeAccountId) {
    await refreshAccountState(stripe, studio.stripeAccountId);
    studio = await freshStudio(tenant);
  }
  const basisPoints =
    (await findPlatformFeeBasisPoints(database(), studio.subscriptionTier)) ?? DEFAULT_FEE_BASIS_POINTS;
  return {
    state: stripe ? stateOf(studio) : "not_set_up",
    accountId: studio.stripeAccountId,
    feePercent: `${basisPoints / 100}%`,
  };
}

async function refreshAccountState(stripe: Stripe, accountId: string) {
  try {
    const account = await stripe.accounts.retrieve(accountId);
    await recordStudioStripeState(database(), accountId, {
      chargesEnabled: account.charges_enabled ?? false,
      detailsSubmitted: account.details_submitted ?? false,
      checkedAt: new Date(),
    });
  } catch (error) {
    // The page still shows the last known state; account.updated will bring the new one.
    console.error("stripe account not retrieved", accountId, error);
  }
}

/**
 * Starts (or resumes) Stripe's hosted onboarding: creates the studio's Standard account once
 * (the studio's id as the idempotency key, and a conditional update, so a double click makes
 * one account) and returns the one-time onboarding link to redirect to.
 */
export async function startOnboarding(tenant: Tenant, actor: User): Promise<string> {
  assertCan(actor, "settings.modify", {}, OWNER_ONLY);
  const stripe = stripeClient();
  if (!stripe) throw new Refused(409, "PAYMENTS_NOT_SET_UP", "Online payment is not set up on this Wondrous server.");
  let studio = await freshStudio(tenant);
  try {
    if (!studio.stripeAccountId) {
      const account = await stripe.accounts.create(
        {
          type: "standard",
          ...(actor.email ? { email: actor.email } : {}),
          business_profile: { name: studio.name },
          metadata: { studio_id: studio.id },
        },
        { idempotencyKey: `connect-account-${studio.id}` },
      );
      studio = (await setStudioStripeAccount(database(), studio.id, account.id)) ?? studio;
    }
    const link = await stripe.accountLinks.create({
      account: studio.stripeAccountId as string,
      type: "account_onboarding",
      refresh_url: studioUrl(tenant.studio.slug, "/settings/payments?resume=1"),
      return_url: studioUrl(tenant.studio.slug, "/settings/payments?returned=1"),
    });
    return link.url;
  } catch (error) {
    console.error("stripe onboarding not started", studio.id, error);
    throw new Refused(503, "STRIPE_UNAVAILABLE", "Stripe could not be reached. Nothing changed; please try again.");
  }
}
