import { listActiveLocations } from "~/models/location.server";
import { assertCan, canAccessLocation } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, User } from "~db/schema/tenant";

/**
 * The desk runs for one location: seeing its every class and booking is `booking.view_all`
 * there, which the receptionists, managers and owner have at their locations and nobody else.
 */
const NOT_THE_DESK = "The front desk is for receptionists, managers and owners.";

export async function requireDeskLocation(tenant: Tenant, actor: User, locationId: string): Promise<Location> {
  assertCan(actor, "booking.view_all", { locationId }, NOT_THE_DESK);
  const location = (await listActiveLocations(database(), tenant)).find((l) => l.id === locationId);
  if (!location) throw new NotFound("There is no such location.");
  return location;
}

/**
 * Which desk a page opens: the one asked for, else the header switcher's location, else the
 * actor's first. The other locations they may run a desk at are offered to switch to.
 */
export async function chooseDeskLocation(
  tenant: Tenant,
  actor: User,
  asked: string | null,
  switcherIds: readonly string[],
) {
  assertCan(actor, "booking.view_all", {}, NOT_THE_DESK);
  const options = (await listActiveLocations(database(), tenant)).filter((l) => canAccessLocation(actor, l.id));
  if (options.length === 0) throw new Forbidden("You do not work at any location yet.");
  // A location asked for by id is the desk's or refused, never quietly swapped for another.
  if (asked) return { location: await requireDeskLocation(tenant, actor, asked), options: named(options) };
  const pick =
    (switcherIds.length === 1 ? options.find((l) => l.id === switcherIds[0]) : undefined) ??
    options.find((l) => l.id === actor.primaryLocationId) ??
    (options[0] as Location);
  return { location: pick, options: named(options) };
}

const named = (locations: Location[]) => locations.map(({ id, name }) => ({ id, name }));
