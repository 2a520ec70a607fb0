import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "~/env.server";

type SessionData = { studioId: string; userId: string; issuedAt: number };

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

/**
 * Signed cookie sessions. The cookie has no Domain attribute, so the browser keeps it to the
 * one studio subdomain that set it; the studio id inside is checked on every request as well,
 * so a cookie carried to another studio by hand is worthless there.
 */
export function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().NODE_ENV === "production",
      secrets: [env().SESSION_SECRET],
      maxAge: 60 * 60 * 24 * 30,
    },
  });
  return storage;
}
