import { countAuthTokensSince, insertAuthToken } from "~/models/auth-token.server";
import { insertOutboxMessage, type NewOutboxMessage } from "~/models/outbox.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { hashSecretToken, newSecretToken } from "./secret-token.server";

type Purpose = "password_reset" | "sign_in_link" | "email_verification";
type Link = { purpose: Purpose; path: string; ttlMinutes: number };

// At most this many links of one kind per person in 15 minutes: a form cannot flood an inbox.
const LINKS_PER_QUARTER_HOUR = 3;

/**
 * Emails a one-time link (`path?token=…`) to a person: the token is stored hashed, the email
 * waits in the outbox, both in one transaction. Past three of a kind in 15 minutes it quietly
 * sends nothing.
 */
export async function emailOneTimeLink(
  tenant: Tenant,
  user: User,
  link: Link,
  email: (url: string) => NewOutboxMessage,
  now: Date,
) {
  await database().transaction((tx) => emailOneTimeLinkIn(tx, tenant, user, link, email, now));
}

/** The same in the caller's transaction (a sign-up): the email exists exactly when the account does. */
export async function emailOneTimeLinkIn(
  tx: Executor,
  tenant: Tenant,
  user: User,
  link: Link,
  email: (url: string) => NewOutboxMessage,
  now: Date,
) {
  const since = new Date(now.getTime() - 15 * 60_000);
  if ((await countAuthTokensSince(tx, tenant, user.id, link.purpose, since)) >= LINKS_PER_QUARTER_HOUR) return;
  const token = newSecretToken();
  const url = studioUrl(tenant.studio.slug, `${link.path}?${new URLSearchParams({ token })}`);
  await insertAuthToken(tx, tenant, {
    userId: user.id,
    purpose: link.purpose,
    tokenHash: hashSecretToken(token),
    expiresAt: new Date(now.getTime() + link.ttlMinutes * 60_000),
  });
  await insertOutboxMessage(tx, tenant, email(url));
}
