import type { Express, Request } from "express";

/**
 * Which hop may say who the client is. With no proxy in front (the default), nothing may:
 * a client-supplied X-Forwarded-For is ignored, or an attacker would rotate it past the sign-in
 * limits. On Fly, its edge sets `Fly-Client-IP` and overwrites any a client sent. Behind other
 * proxies, a number of X-Forwarded-For hops to trust, as Express counts them.
 */
export type ProxyTrust = "none" | "fly" | number;

export function parseProxyTrust(value: string): ProxyTrust {
  return value === "none" || value === "fly" ? value : Number(value);
}

export function trustProxy(app: Express, trust: ProxyTrust) {
  app.set("trust proxy", typeof trust === "number" ? trust : false);
}

/** The client's address for the sign-in limits, by the trust configured above. */
export function clientAddress(req: Request, trust: ProxyTrust): string {
  if (trust === "fly") return req.get("fly-client-ip") ?? req.socket.remoteAddress ?? "unknown";
  return req.ip ?? "unknown";
}
