import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { revokeApiTokensOfUser } from "~/models/api-token.server";
import { consumeAuthToken, insertAuthToken } from "~/models/auth-token.server";
import { deleteSession, deleteSessionsOfUser, findUserBySession, insertSession } from "~/models/session.server";
import { findActiveUserById, findUserByEmail } from "~/models/user.server";
import { requireTenant, type Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { ACCOUNT_MESSAGES } from "./account-messages";
import { DUMMY_HASH, verifyPassword } from "./password.server";
import { hashSecretToken, newSecretToken } from "./secret-token.server";
import { SESSION_LIFETIME, sessionStorage } from "./session.server";

export class SignInError extends Error {
  override name = "SignInError";
}

export const authenticator = new Authenticator<{ tenant: Tenant; user: User }>();

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const tenant = await requireTenant(request);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const user = await findUserByEmail(database(), tenant, email);
    // Always run one hash comparison, so response time does not tell which emails exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches || user.status !== "active") throw new SignInError(ACCOUNT_MESSAGES.invalidCredentials);
    return { tenant, user };
  }),
  "password",
);

/** Starts a fresh session (never reusing the visitor's old one) and redirects. */
export async function signIn(tenant: Tenant, user: User, redirectTo = "/", now = new Date()) {
  const storage = sessionStorage();
  const session = await storage.getSession();
  session.set("studioId", tenant.studio.id);
  session.set("userId", user.id);
  session.set("sessionId", await insertSession(database(), tenant, user.id, now));
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

/** Ends this browser's session on the server, so the cookie is void even where it was copied. */
export async function signOut(request: Request, tenant: Tenant) {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  const sessionId = session.get("sessionId");
  if (sessionId && session.get("studioId") === tenant.studio.id) await deleteSession(database(), tenant, sessionId);
  return redirect("/", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}

/** "Sign out everywhere": ends every session and API token of the signed-in person, then this one. */
export async function signOutEverywhere(request: Request, tenant: Tenant) {
  const user = await findSignedInUser(request, tenant);
  if (user) await endAllSessions(database(), tenant, user.id);
  return signOut(request, tenant);
}

/**
 * Signs a person out everywhere: every browser session and every API token. Used by "sign out
 * everywhere", a password reset and deactivation, inside their transactions.
 */
export async function endAllSessions(x: Executor, tenant: Tenant, userId: string, now = new Date()) {
  await deleteSessionsOfUser(x, tenant, userId);
  await revokeApiTokensOfUser(x, tenant, userId, now);
}

/** The signed-in user of this studio, or null: a cookie minted by another studio counts as none. */
export async function findSignedInUser(request: Request, tenant: Tenant, now = new Date()): Promise<User | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  const sessionId = session.get("sessionId");
  if (!userId || !sessionId || session.get("studioId") !== tenant.studio.id) return null;
  const day = 24 * 60 * 60 * 1000;
  const user = await findUserBySession(
    database(),
    tenant,
    { sessionId, userId },
    {
      createdAfter: new Date(now.getTime() - SESSION_LIFETIME.maxAgeDays * day),
      seenAfter: new Date(now.getTime() - SESSION_LIFETIME.idleDays * day),
      now,
    },
  );
  return user ?? null;
}

export async function requireUser(request: Request, tenant: Tenant): Promise<User> {
  const user = await findSignedInUser(request, tenant);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/**
 * A path as the URL parser writes one: printable ASCII, no spaces. Anything else (a NUL, a line
 * break, a raw non-ASCII letter) was typed by hand and cannot go in a Location header.
 */
const WRITTEN_PATH = /^\/[\x21-\x7e]*$/;

/** Only same-site paths: "//evil.example" and absolute URLs fall back to the home page. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !WRITTEN_PATH.test(to) || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

const HANDOFF_TTL_MS = 2 * 60 * 1000;

/**
 * A new owner signs up on the apex domain but their session cookie must be set by their own
 * subdomain (cookies are host-only). This short-lived, single-use token carries them across.
 */
export async function issueHandoffToken(tenant: Tenant, userId: string, now = new Date()) {
  const token = newSecretToken();
  await insertAuthToken(database(), tenant, {
    userId,
    purpose: "handoff",
    tokenHash: hashSecretToken(token),
    expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS),
  });
  return token;
}

export async function redeemHandoffToken(tenant: Tenant, token: string, now = new Date()): Promise<User | null> {
  const userId = await consumeAuthToken(database(), tenant, "handoff", hashSecretToken(token), now);
  if (!userId) return null;
  return (await findActiveUserById(database(), tenant, userId)) ?? null;
}
