import { listActiveLocations } from "~/models/location.server";
import { type Action, assertCan, can, canAccessLocation } from "~/services/identity/permissions";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

export const ALL = "all";

export type ScopedLocation = { id: string; name: string; timezone: string };

/**
 * What a dashboard or report covers: the locations it counts (each on its own clock) and
 * whether money not tied to any location (a package bought online studio-wide) is counted too.
 */
export type ReportScope = {
  /** The locations counted, in the studio's order. */
  locations: ScopedLocation[];
  /** Every location the actor may choose, for the location picker. */
  options: { id: string; name: string }[];
  /** "all" or one location's id. */
  selected: string;
  /** Count payments without a location (studio-wide sales): only for the whole studio's view. */
  includeUnlocated: boolean;
  /** The studio's clock, for what has no location. */
  studioZone: string;
  /** "All locations", "Camden", or "Camden and Shoreditch" for a manager of two. */
  label: string;
};

export type ScopeChoice = {
  /** `?location=` of the request: an id or "all". */
  requested?: string | null;
  /** The location picked in the header last, a hint only. */
  remembered?: string | null;
};

/**
 * The locations an actor's dashboard or report covers. The owner sees every location, or the
 * one they pick; managers and the finance manager the locations they work at (all of them or one).
 * A choice the actor may not make falls back to everything they may see, never to more.
 */
export async function reportScope(
  tenant: Tenant,
  actor: User,
  action: Extract<Action, "report.view" | "report.view_operations">,
  choice: ScopeChoice = {},
): Promise<ReportScope> {
  assertCan(actor, action);
  const [locations, studioZone] = await Promise.all([listActiveLocations(database(), tenant), studioTimezone(tenant)]);
  const mine = locations.filter((l) => canAccessLocation(actor, l.id));
  const options = mine.map((l) => ({ id: l.id, name: l.name }));
  const valid = (id: string | null | undefined): id is string =>
    !!id && (id === ALL || options.some((o) => o.id === id));
  const selected = valid(choice.requested) ? choice.requested : valid(choice.remembered) ? choice.remembered : ALL;
  const counted = selected === ALL ? mine : mine.filter((l) => l.id === selected);
  // Studio-wide money belongs to no location: only those who see the whole studio's money count it.
  const wholeStudio =
    actor.role === "org_owner" || (can(actor, "payment.view_all").allowed && mine.length === locations.length);
  return {
    locations: counted.map((l) => ({ id: l.id, name: l.name, timezone: l.timezone })),
    options,
    selected,
    includeUnlocated: selected === ALL && wholeStudio,
    studioZone,
    label: scopeLabel(
      counted.map((l) => l.name),
      selected === ALL && actor.role === "org_owner",
    ),
  };
}

function scopeLabel(names: string[], everything: boolean): string {
  if (everything || names.length === 0) return "All locations";
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
