import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";
import { listActiveLocations } from "~/models/location.server";
import { canAccessLocation } from "~/services/identity/permissions";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

export const ALL_LOCATIONS = "all";

// Host-only like the session. Not signed: the value is checked against the actor's locations
// on every request, so a forged value can select nothing the actor could not select anyway.
const locationCookie = createCookie("location", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
  secure: env().NODE_ENV === "production",
});

export type LocationContext = {
  options: { id: string; name: string }[];
  /** A location id, or "all" (owners only). */
  selected: string;
  allowAll: boolean;
};

/** The staff member's current location: their choice if still allowed, else a sensible default. */
export async function locationContext(request: Request, tenant: Tenant, actor: User): Promise<LocationContext> {
  const locations = await listActiveLocations(database(), tenant);
  const options = locations.filter((l) => canAccessLocation(actor, l.id)).map((l) => ({ id: l.id, name: l.name }));
  const allowAll = actor.role === "org_owner";
  const chosen = String((await locationCookie.parse(request.headers.get("Cookie"))) ?? "");
  const valid = (id: string) => (id === ALL_LOCATIONS ? allowAll : options.some((o) => o.id === id));
  const fallback = allowAll
    ? ALL_LOCATIONS
    : (options.find((o) => o.id === actor.primaryLocationId)?.id ?? options[0]?.id ?? ALL_LOCATIONS);
  return { options, selected: valid(chosen) ? chosen : fallback, allowAll };
}

/** The location last chosen in this browser, if any: a hint only, never trusted as a permission. */
export async function rememberedLocationId(request: Request): Promise<string | null> {
  const chosen = String((await locationCookie.parse(request.headers.get("Cookie"))) ?? "");
  return chosen && chosen !== ALL_LOCATIONS ? chosen : null;
}

/** The Set-Cookie header for a new choice, or null when the actor may not pick it. */
export async function chooseLocation(request: Request, tenant: Tenant, actor: User, locationId: string) {
  const { options, allowAll } = await locationContext(request, tenant, actor);
  const allowed = locationId === ALL_LOCATIONS ? allowAll : options.some((o) => o.id === locationId);
  return allowed ? locationCookie.serialize(locationId) : null;
}

/** The location ids a staff page should show for the current choice. */
export function locationScope(context: LocationContext): string[] {
  return context.selected === ALL_LOCATIONS ? context.options.map((o) => o.id) : [context.selected];
}
