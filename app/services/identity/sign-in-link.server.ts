import { consumeAuthToken, countAuthTokensSince, insertAuthToken } from "~/models/auth-token.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { deleteSignInFailures } from "~/models/sign-in-failure.server";
import { findActiveUserById, findUserByEmail } from "~/models/user.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { hashSecretToken, newSecretToken } from "./secret-token.server";
import { throttleKey } from "./sign-in.server";

const LINK_TTL_MINUTES = 15;
// At most this many links per person in 15 minutes: the form cannot be used to flood an inbox.
const LINKS_PER_QUARTER_HOUR = 3;

/**
 * Emails a one-time sign-in link to an active account: the way in for someone whose password
 * sign-in is throttled by another's guessing. The caller answers the same whether or not the
 * account exists, so this returns nothing that could tell them apart.
 */
export async function requestSignInLink(tenant: Tenant, email: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(database(), tenant, email);
  if (user?.status !== "active") return;
  const since = new Date(now.getTime() - 15 * 60_000);
  if ((await countAuthTokensSince(database(), tenant, user.id, "sign_in_link", since)) >= LINKS_PER_QUARTER_HOUR)
    return;
  const token = newSecretToken();
  const link = studioUrl(tenant.studio.slug, `/login/link?${new URLSearchParams({ token })}`);
  await database().transaction(async (tx) => {
    await insertAuthToken(tx, tenant, {
      userId: user.id,
      purpose: "sign_in_link",
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(now.getTime() + LINK_TTL_MINUTES * 60_000),
    });
    await insertOutboxMessage(tx, tenant, linkEmail(tenant, user, link));
  });
}

/**
 * Spends a sign-in link: the person behind it, or null when it is unknown, used or expired.
 * Owning the inbox proves who they are, so the throttle forgets their email's failures.
 */
export async function redeemSignInLink(tenant: Tenant, token: string, now = new Date()): Promise<User | null> {
  return database().transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, tenant, "sign_in_link", hashSecretToken(token), now);
    const user = userId ? await findActiveUserById(tx, tenant, userId) : undefined;
    if (!user) return null;
    await deleteSignInFailures(tx, tenant, throttleKey(user.email));
    return user;
  });
}

function linkEmail(tenant: Tenant, user: User, link: string) {
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: "Your sign-in link",
    template: "sign-in-link",
    body: [
      `Hello ${user.fullName},`,
      "",
      `To sign in to ${tenant.studio.name}, open:`,
      link,
      "",
      `The link works once, within ${LINK_TTL_MINUTES} minutes. If you did not ask for it, ignore this email; if someone keeps trying your password, reset it.`,
    ].join("\n"),
  };
}
