import { consumeAuthToken, findLiveAuthToken, spendAuthTokensOfUser } from "~/models/auth-token.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findActiveUserById, markEmailVerified } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { StudioSettings, User } from "~db/schema/tenant";
import { ACCOUNT_MESSAGES } from "./account-messages";
import { emailOneTimeLink, emailOneTimeLinkIn } from "./emailed-link.server";
import { hashSecretToken } from "./secret-token.server";

/**
 * Email verification: a client proves they read the address they signed up with by opening a
 * one-time link. Studios choose whether an unverified client may book themselves
 * (`unverifiedClientsMayBook`); staff booking for a client are never held up by it.
 */

// Three days: long enough for someone who signs up on Friday and books on Monday.
const VERIFY_TTL_MINUTES = 3 * 24 * 60;
const LINK = { purpose: "email_verification", path: "/verify-email", ttlMinutes: VERIFY_TTL_MINUTES } as const;

export const VERIFY_TEMPLATE = "verify-email";

export function isEmailVerified(user: Pick<User, "emailVerifiedAt">) {
  return user.emailVerifiedAt !== null;
}

/** Whether this client may book themselves as far as their address goes. */
export function emailRequirementMet(
  client: Pick<User, "emailVerifiedAt" | "role">,
  settings: Pick<StudioSettings, "unverifiedClientsMayBook">,
) {
  return client.role !== "client" || settings.unverifiedClientsMayBook || isEmailVerified(client);
}

/**
 * For a client acting for themselves outside the booking engine (joining a waitlist, accepting
 * a proposed time): refused while the studio requires a confirmed address they lack.
 */
export async function assertEmailRequirementMet(tenant: Tenant, client: User) {
  if (client.role !== "client" || isEmailVerified(client)) return;
  if (emailRequirementMet(client, await findStudioSettings(database(), tenant))) return;
  throw new Refused(403, "EMAIL_NOT_VERIFIED", ACCOUNT_MESSAGES.emailNotVerified);
}

/** At sign-up, in the account's own transaction: the link exists exactly when the account does. */
export async function emailVerificationLinkIn(tx: Executor, tenant: Tenant, user: User, now: Date) {
  await emailOneTimeLinkIn(tx, tenant, user, LINK, (url) => verifyEmail(tenant, user, url), now);
}

export type NewLinkOutcome = "sent" | "already-verified" | "not-a-client";

/**
 * A signed-in client asks for another link (the first expired or was lost). At most three in 15
 * minutes go out; past that it quietly sends nothing, as every emailed link does.
 */
export async function requestVerificationLink(tenant: Tenant, user: User, now = new Date()): Promise<NewLinkOutcome> {
  if (user.role !== "client") return "not-a-client";
  if (isEmailVerified(user)) return "already-verified";
  await emailOneTimeLink(tenant, user, LINK, (url) => verifyEmail(tenant, user, url), now);
  return "sent";
}

/** Whether a link can still be used: its page shows the Confirm button, or says it expired. */
export async function isVerificationLinkLive(tenant: Tenant, token: string, now = new Date()) {
  return Boolean(await findLiveAuthToken(database(), tenant, LINK.purpose, hashSecretToken(token), now));
}

export type VerifyOutcome = { ok: true; user: User } | { ok: false; reason: "expired" };

/**
 * Spends the link and marks the address verified; every other verification link of that person
 * dies with it. Unknown, used and expired links are one answer: spent links are deleted after a
 * while, so they could not be told apart for long anyway.
 */
export async function confirmEmail(tenant: Tenant, token: string, now = new Date()): Promise<VerifyOutcome> {
  const user = await database().transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, tenant, LINK.purpose, hashSecretToken(token), now);
    const user = userId ? await findActiveUserById(tx, tenant, userId) : undefined;
    if (!user) return undefined;
    await markEmailVerified(tx, tenant, user.id, now);
    await spendAuthTokensOfUser(tx, tenant, user.id, LINK.purpose, now);
    return (await findActiveUserById(tx, tenant, user.id)) ?? user;
  });
  return user ? { ok: true, user } : { ok: false, reason: "expired" };
}

function verifyEmail(tenant: Tenant, user: User, link: string) {
  const { text, html } = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${user.fullName},`,
    paragraphs: [`Please confirm that this is your email address for your ${tenant.studio.name} account.`],
    action: { label: "Confirm my email address", url: link },
    after: [
      `The link works once, within ${VERIFY_TTL_MINUTES / (24 * 60)} days. If you did not create this account, ignore this email.`,
    ],
  });
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: "Confirm your email address",
    template: VERIFY_TEMPLATE,
    body: text,
    html,
  };
}
