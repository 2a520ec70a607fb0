import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { clientAddress, type ProxyTrust } from "./client-address";

export type RateLimit = { burst: number; perSecond: number };

/** API_RATE_BURST requests at once, refilled at API_RATE_PER_SECOND (defaults: 120, then 10 a second). */
export function rateLimitFrom(env: Record<string, string | undefined>): RateLimit {
  const burst = Number(env.API_RATE_BURST ?? 120);
  const perSecond = Number(env.API_RATE_PER_SECOND ?? 10);
  if (!(burst >= 1 && perSecond > 0)) throw new Error("API_RATE_BURST must be ≥ 1 and API_RATE_PER_SECOND > 0");
  return { burst, perSecond };
}

/**
 * Who is asking: the bearer token or the session cookie (each credential its own bucket, so a
 * busy front desk does not slow a studio's website), else the client's address. Hashed, so the
 * map never holds a secret.
 */
function callerOf(req: Request, trust: ProxyTrust) {
  const authorization = req.get("authorization");
  const session = /(?:^|;\s*)__session=([^;]+)/.exec(req.get("cookie") ?? "")?.[1];
  const who = authorization
    ? `bearer ${authorization}`
    : session
      ? `cookie ${session}`
      : `ip ${clientAddress(req, trust)}`;
  return `${req.get("host") ?? ""} ${createHash("sha256").update(who).digest("base64url")}`;
}

/**
 * A token bucket per caller for /api: a burst is served at once, then requests refill at a
 * steady rate; past that the answer is 429 with `Retry-After` (whole seconds until a request
 * is allowed again). Held in this process's memory: each web process limits on its own, which
 * is what it protects (its own CPU and the database pool it holds).
 */
export function limitApiRate(limit: RateLimit, trust: ProxyTrust, now = () => Date.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let swept = now();
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith("/api/")) return next();
    const time = now();
    // A full bucket is the same as none: forget them now and then, so the map stays small.
    if (time - swept > 60_000) {
      for (const [key, bucket] of buckets) {
        if (bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond >= limit.burst) buckets.delete(key);
      }
      swept = time;
    }
    const key = callerOf(req, trust);
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: time };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond);
    bucket.at = time;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    res
      .status(429)
      .set({ "Retry-After": String(seconds), "Cache-Control": "no-store" })
      .json({
        error: `Too many requests. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        code: "RATE_LIMITED",
      });
  };
}
