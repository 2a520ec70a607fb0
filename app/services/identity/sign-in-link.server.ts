import { consumeAuthToken } from "~/models/auth-token.server";
import { deleteSignInFailures } from "~/models/sign-in-failure.server";
import { findActiveUserById, findUserByEmail, markEmailVerified } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { emailOneTimeLink } from "./emailed-link.server";
import { hashSecretToken } from "./secret-token.server";
import { throttleKey } from "./sign-in.server";

const LINK_TTL_MINUTES = 15;

/**
 * Emails a one-time sign-in link to an active account: the way in for someone whose password
 * sign-in is throttled by another's guessing. The caller answers the same whether or not the
 * account exists, so this returns nothing that could tell them apart.
 */
export async function requestSignInLink(tenant: Tenant, email: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(database(), tenant, email);
  if (user?.status !== "active") return;
  await emailOneTimeLink(
    tenant,
    user,
    { purpose: "sign_in_link", path: "/login/link", ttlMinutes: LINK_TTL_MINUTES },
    (link) => linkEmail(tenant, user, link),
    now,
  );
}

/**
 * Spends a sign-in link: the person behind it, or null when it is unknown, used or expired.
 * Owning the inbox proves who they are, so the throttle forgets their email's failures and the
 * address counts as verified.
 */
export async function redeemSignInLink(tenant: Tenant, token: string, now = new Date()): Promise<User | null> {
  return database().transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, tenant, "sign_in_link", hashSecretToken(token), now);
    const user = userId ? await findActiveUserById(tx, tenant, userId) : undefined;
    if (!user) return null;
    await deleteSignInFailures(tx, tenant, throttleKey(user.email));
    await markEmailVerified(tx, tenant, user.id, now);
    return user;
  });
}

function linkEmail(tenant: Tenant, user: User, link: string) {
  const { text, html } = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${user.fullName},`,
    paragraphs: [`Here is your link to sign in to ${tenant.studio.name}.`],
    action: { label: "Sign in", url: link },
    after: [
      `The link works once, within ${LINK_TTL_MINUTES} minutes. If you did not ask for it, ignore this email; if someone keeps trying your password, reset it.`,
    ],
  });
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: "Your sign-in link",
    template: "sign-in-link",
    body: text,
    html,
  };
}
