import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "~/env.server";

type SessionData = { studioId: string; userId: string; sessionId: string };

/** The cookie's name; server/origin-check.ts recognises a cookie-authenticated request by it. */
export const SESSION_COOKIE = "__session";

/**
 * How long a session lives. The cookie carries it for `maxAge`; the server-side record (the
 * `sessions` table) ends it sooner when it sits unused for `idle`, and at once on sign-out,
 * "sign out everywhere", deactivation or a password reset.
 */
export const SESSION_LIFETIME = { maxAgeDays: 30, idleDays: 14 } as const;

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

/**
 * Signed cookie sessions. The cookie has no Domain attribute, so the browser keeps it to the
 * one studio subdomain that set it; the studio id inside is checked on every request as well,
 * so a cookie carried to another studio by hand is worthless there. The signature only proves
 * the cookie is ours: whether the session is still live is the database's answer.
 */
export function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: SESSION_COOKIE,
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().NODE_ENV === "production",
      secrets: [env().SESSION_SECRET],
      maxAge: SESSION_LIFETIME.maxAgeDays * 24 * 60 * 60,
    },
  });
  return storage;
}
