import {
  countRecentSignInFailures,
  deleteSignInFailures,
  insertSignInFailure,
  nthNewestSignInFailures,
} from "~/models/sign-in-failure.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { authenticator, SignInError } from "./auth.server";

/**
 * Password guessing slows to a crawl without letting anyone lock someone else out (OWASP's
 * account-lockout advice): a few tries for one account from one address, a few dozen from one
 * address, and a much higher ceiling per account that only an attack spread over many
 * addresses reaches. Whoever is stopped can still sign in by an emailed one-time link.
 */
export const SIGN_IN_LIMITS = { perPair: 5, perIp: 30, perEmail: 50, windowMinutes: 15 } as const;

export type SignInRefusal = "invalid-credentials" | "throttled";
export type SignInOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid-credentials" }
  /** `retryAfterSeconds`: until the oldest failure that keeps them over a limit leaves the window. */
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Signs in with email and password for the sign-in page and the API alike. The throttle runs
 * before the password is checked and counts unknown emails exactly like known ones, so its
 * answer never reveals whether an account exists.
 */
export async function signInWithPassword(
  tenant: Tenant,
  credentials: { email: string; password: string },
  ip: string,
  now = new Date(),
): Promise<SignInOutcome> {
  const key = { email: throttleKey(credentials.email), ip };
  if (await isThrottled(tenant, key, now)) return throttled(tenant, key, now);
  try {
    const { user } = await authenticator.authenticate("password", passwordForm(tenant, credentials));
    await deleteSignInFailures(database(), tenant, key.email);
    return { ok: true, user };
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    await insertSignInFailure(database(), tenant, { ...key, createdAt: now });
    // The attempt that reaches the limit already says so, rather than one more try later.
    return (await isThrottled(tenant, key, now))
      ? throttled(tenant, key, now)
      : { ok: false, reason: "invalid-credentials" };
  }
}

/** The refusal, with how long until every limit they are over lets them try again. */
async function throttled(tenant: Tenant, key: { email: string; ip: string }, now: Date) {
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const nth = await nthNewestSignInFailures(database(), tenant, key, since, SIGN_IN_LIMITS);
  const freeAt = Math.max(...[nth.byPair, nth.byEmail, nth.byIp].map((at) => (at ? at.getTime() + windowMs : 0)));
  return {
    ok: false as const,
    reason: "throttled" as const,
    retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
  };
}

async function isThrottled(tenant: Tenant, key: { email: string; ip: string }, now: Date) {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const failures = await countRecentSignInFailures(database(), tenant, key, since);
  return (
    failures.byPair >= SIGN_IN_LIMITS.perPair ||
    failures.byIp >= SIGN_IN_LIMITS.perIp ||
    failures.byEmail >= SIGN_IN_LIMITS.perEmail
  );
}

/** Failures are counted per email as typed, whatever its case. */
export function throttleKey(email: string) {
  return email.trim().toLowerCase();
}

/**
 * remix-auth's form strategy verifies the password; it reads a form post to this studio, so
 * the API's JSON credentials are handed to it in the same shape as the sign-in page's.
 */
function passwordForm(tenant: Tenant, { email, password }: { email: string; password: string }) {
  const url = studioUrl(tenant.studio.slug, "/login");
  return new Request(url, {
    method: "POST",
    headers: { host: new URL(url).host, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
}
