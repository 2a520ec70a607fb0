import type { NextFunction, Request, Response } from "express";
import { SESSION_COOKIE } from "../app/services/identity/session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SESSION_COOKIE_SENT = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);

/**
 * Every studio is a subdomain of one registrable domain, so SameSite cookies do not stop one
 * studio's page from posting to another's (decision 0005). A state-changing request is let
 * through only when it shows it comes from this very host:
 * - an `Origin` header naming this host (browsers send it on every cross-origin request);
 * - without `Origin`, a request the session cookie would authenticate needs `Sec-Fetch-Site:
 *   same-origin` or a `Referer` on this host to vouch for it;
 * - a request with no session cookie, or with a bearer token, carries no ambient authority
 *   (API clients, curl) and passes.
 */
export function isRefusedAsCrossSite(req: Pick<Request, "method" | "get">): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const host = req.get("host");
  const origin = req.get("origin");
  if (origin !== undefined) return hostOf(origin) !== host;
  const cookieAuthenticated =
    SESSION_COOKIE_SENT.test(req.get("cookie") ?? "") && !/^Bearer\s/i.test(req.get("authorization") ?? "");
  if (!cookieAuthenticated) return false;
  if (req.get("sec-fetch-site") === "same-origin") return false;
  const referer = req.get("referer");
  return referer === undefined || hostOf(referer) !== host;
}

export function refuseCrossSite(req: Request, res: Response, next: NextFunction) {
  if (!isRefusedAsCrossSite(req)) return next();
  res.status(403).json({ error: "Cross-site request refused", code: "CROSS_SITE_REQUEST" });
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
