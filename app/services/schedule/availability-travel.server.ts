import { listTravelTimes, upsertTravelTime } from "~/models/availability.server";
import { listActiveLocations } from "~/models/location.server";
import { assertCan, can } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import type { TravelInput } from "./availability.schema";

/**
 * Minutes an instructor needs between two locations, per direction: the slot engine keeps that
 * much clear around a commitment elsewhere. Editing a pair needs `location.modify` at both ends.
 */

/** Every ordered pair of open locations the actor may edit, with its minutes (0 if unset). */
export async function travelTable(tenant: Tenant, actor: User) {
  const [locations, rows] = await Promise.all([
    listActiveLocations(database(), tenant),
    listTravelTimes(database(), tenant),
  ]);
  const editable = locations.filter((l) => can(actor, "location.modify", { locationId: l.id }).allowed);
  if (editable.length === 0) throw new Forbidden("Only the owner or a location's manager can set travel times.");
  const minutes = new Map(rows.map((r) => [`${r.fromLocationId}>${r.toLocationId}`, r.minutes]));
  return editable.flatMap((from) =>
    editable
      .filter((to) => to.id !== from.id)
      .map((to) => ({
        from: { id: from.id, name: from.name },
        to: { id: to.id, name: to.name },
        minutes: minutes.get(`${from.id}>${to.id}`) ?? 0,
      })),
  );
}

export async function saveTravelTimes(tenant: Tenant, actor: User, input: TravelInput) {
  const open = new Set((await listActiveLocations(database(), tenant)).map((l) => l.id));
  for (const pair of input.pairs) {
    if (pair.from === pair.to || !open.has(pair.from) || !open.has(pair.to)) throw new NotFound("Location not found");
    assertCan(actor, "location.modify", { locationId: pair.from });
    assertCan(actor, "location.modify", { locationId: pair.to });
  }
  await database().transaction(async (tx) => {
    for (const pair of input.pairs) await upsertTravelTime(tx, tenant, pair.from, pair.to, pair.minutes);
  });
}
