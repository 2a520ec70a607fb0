import { consumeAuthToken, findLiveAuthToken, spendAuthTokensOfUser } from "~/models/auth-token.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { deleteSignInFailures } from "~/models/sign-in-failure.server";
import { findActiveUserById, findUserByEmail, markEmailVerified, updateUserPassword } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { endAllSessions } from "./auth.server";
import { emailOneTimeLink } from "./emailed-link.server";
import { hashPassword } from "./password.server";
import { hashSecretToken } from "./secret-token.server";
import { throttleKey } from "./sign-in.server";

const RESET_TTL_MINUTES = 60;

/**
 * Emails a reset link to an active account. The caller answers the same whether or not one
 * exists, so this returns nothing that could tell them apart.
 */
export async function requestPasswordReset(tenant: Tenant, email: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(database(), tenant, email);
  if (user?.status !== "active") return;
  await emailOneTimeLink(
    tenant,
    user,
    { purpose: "password_reset", path: "/reset-password", ttlMinutes: RESET_TTL_MINUTES },
    (link) => resetEmail(tenant, user, link),
    now,
  );
}

/** Whether a reset link can still be used: it shows the form, or says the link has expired. */
export async function isPasswordResetTokenLive(tenant: Tenant, token: string, now = new Date()) {
  return Boolean(await findLiveAuthToken(database(), tenant, "password_reset", hashSecretToken(token), now));
}

export type PasswordResetOutcome = { ok: true; user: User } | { ok: false; reason: "expired" };

/**
 * Spends the link and sets the new password. Every other reset link of that person dies with
 * it, and the sign-in throttle forgets their email (its message tells them to reset).
 */
export async function resetPassword(
  tenant: Tenant,
  token: string,
  password: string,
  now = new Date(),
): Promise<PasswordResetOutcome> {
  // Hash outside the transaction: scrypt takes a while and should not hold row locks.
  const passwordHash = await hashPassword(password);
  const user = await database().transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, tenant, "password_reset", hashSecretToken(token), now);
    const user = userId ? await findActiveUserById(tx, tenant, userId) : undefined;
    if (!user) return undefined;
    // Whoever knew the old password is signed out everywhere: cookie sessions and API tokens.
    await updateUserPassword(tx, tenant, user.id, passwordHash);
    // The link came to their inbox: the address is theirs (a client added by the desk sets their
    // first password this way).
    await markEmailVerified(tx, tenant, user.id, now);
    await endAllSessions(tx, tenant, user.id, now);
    await spendAuthTokensOfUser(tx, tenant, user.id, "password_reset", now);
    await deleteSignInFailures(tx, tenant, throttleKey(user.email));
    await insertOutboxMessage(tx, tenant, changedEmail(tenant, user));
    return user;
  });
  return user ? { ok: true, user } : { ok: false, reason: "expired" };
}

function resetEmail(tenant: Tenant, user: User, link: string) {
  const { text, html } = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${user.fullName},`,
    paragraphs: [`Someone asked to reset the password of your ${tenant.studio.name} account.`],
    action: { label: "Choose a new password", url: link },
    after: [
      `The link works once, within ${RESET_TTL_MINUTES} minutes. If you did not ask, ignore this email: your password stays as it is.`,
    ],
  });
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: "Reset your password",
    template: "password-reset",
    body: text,
    html,
  };
}

function changedEmail(tenant: Tenant, user: User) {
  const { text, html } = emailLayout({
    studioName: tenant.studio.name,
    greeting: `Hello ${user.fullName},`,
    paragraphs: [
      `The password of your ${tenant.studio.name} account was just changed with a reset link.`,
      "If that was not you, reset it again at once and let the studio know.",
    ],
    action: { label: "Reset your password", url: studioUrl(tenant.studio.slug, "/forgot-password") },
  });
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: "Your password was changed",
    template: "password-changed",
    body: text,
    html,
  };
}
