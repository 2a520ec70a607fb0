import { createHmac } from "node:crypto";
import { DateTime } from "luxon";
import { env } from "~/env.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

/**
 * The response header that lets the offline worker (public/sw.js) keep a page: only a client's
 * own booking pages carry it, and its value says whose they are.
 */
export const OFFLINE_COPY_HEADER = "X-Offline-Copy";

/**
 * An opaque key per client and studio: the worker drops every copy it holds when the key it is
 * given changes, so a second person on the same phone never reads the first one's bookings.
 * Keyed with the session secret, so it cannot be derived from an id; staff get none.
 */
export function offlineCopyKey(tenant: Tenant, user: Pick<User, "id" | "role">) {
  if (user.role !== "client") return null;
  return createHmac("sha256", env().SESSION_SECRET)
    .update(`offline-copy:${tenant.studio.id}:${user.id}`)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * What a client's own booking page adds so it can be read offline: the header for the worker,
 * and when this copy was made, on the studio's clock, for the note the worker reveals offline.
 */
export function offlineCopy(tenant: Tenant, user: Pick<User, "id" | "role">, zone: string, now = new Date()) {
  const key = offlineCopyKey(tenant, user);
  if (!key) return { headers: undefined, asOf: null };
  const asOf = DateTime.fromJSDate(now, { zone }).setLocale("en-GB").toFormat("HH:mm, cccc d LLLL yyyy");
  return { headers: { [OFFLINE_COPY_HEADER]: key }, asOf };
}
