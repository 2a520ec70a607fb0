import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { consumeAuthToken, insertAuthToken } from "~/models/auth-token.server";
import { findActiveUserById, findUserByEmail } from "~/models/user.server";
import { requireTenant, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { ACCOUNT_MESSAGES } from "./account-messages";
import { DUMMY_HASH, verifyPassword } from "./password.server";
import { hashSecretToken, newSecretToken } from "./secret-token.server";
import { sessionStorage } from "./session.server";

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
export async function signIn(tenant: Tenant, user: User, redirectTo = "/") {
  const storage = sessionStorage();
  const session = await storage.getSession();
  session.set("studioId", tenant.studio.id);
  session.set("userId", user.id);
  session.set("issuedAt", Date.now());
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

export async function signOut(request: Request) {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}

/** The signed-in user of this studio, or null: a cookie minted by another studio counts as none. */
export async function findSignedInUser(request: Request, tenant: Tenant): Promise<User | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  if (!userId || session.get("studioId") !== tenant.studio.id) return null;
  const user = await findActiveUserById(database(), tenant, userId);
  if (!user) return null;
  // A password reset voids sessions signed in before it.
  if (user.sessionsValidAfter && (session.get("issuedAt") ?? 0) < user.sessionsValidAfter.getTime()) return null;
  return user;
}

export async function requireUser(request: Request, tenant: Tenant): Promise<User> {
  const user = await findSignedInUser(request, tenant);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/** Only same-site paths: "//evil.example" and absolute URLs fall back to the home page. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
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
