import {
  findLocationById,
  insertLocation,
  isLocationNameTaken,
  type LocationUpdate,
  listActiveLocations,
  lockLocationNames,
  updateLocation as updateLocationRow,
} from "~/models/location.server";
import { addAccessibleLocation } from "~/models/staff.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, User } from "~db/schema/tenant";
import type { LocationChanges, LocationInput } from "./location.schema";
import { DEFAULT_OPERATING_HOURS } from "./provisioning.server";

export type LocationRefusal = "name-taken" | "last-open-location";
export type LocationOutcome = { ok: true; location: Location } | { ok: false; reason: LocationRefusal };

/** The owner opens a new location; they work there from the start. */
export async function createLocation(tenant: Tenant, actor: User, input: LocationInput): Promise<LocationOutcome> {
  assertCan(actor, "location.create", {}, "Only the studio owner can add locations.");
  return database().transaction(async (tx) => {
    await lockLocationNames(tx, tenant);
    if (await isLocationNameTaken(tx, tenant, input.name)) return { ok: false, reason: "name-taken" };
    const location = await insertLocation(tx, tenant, {
      name: input.name,
      address: input.address,
      timezone: input.timezone,
      operatingHours: input.operatingHours,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      isActive: input.isActive ?? true,
    });
    await addAccessibleLocation(tx, tenant, actor.id, location.id);
    return { ok: true, location };
  });
}

/** What the new-location form starts with: the studio's usual time zone, country and hours. */
export async function newLocationDefaults(tenant: Tenant, actor: User) {
  assertCan(actor, "location.create", {}, "Only the studio owner can add locations.");
  const [first] = await listActiveLocations(database(), tenant);
  return {
    timezone: first?.timezone ?? "Europe/London",
    country: first?.address.country ?? "GB",
    operatingHours: DEFAULT_OPERATING_HOURS,
  };
}

/** A location its editor (the owner, or a manager of it) may change; 404 when it is not this studio's. */
export async function findEditableLocation(tenant: Tenant, actor: User, id: string): Promise<Location> {
  const location = await findLocationById(database(), tenant, id);
  if (!location) throw new NotFound("No location with that id");
  assertCan(actor, "location.modify", { locationId: id }, "You can only change the locations you manage.");
  return location;
}

/**
 * Changes some of a location's details. Deactivating keeps the location and its history (it
 * is never deleted) but a studio always keeps at least one open location.
 */
export async function updateLocation(
  tenant: Tenant,
  actor: User,
  id: string,
  changes: LocationChanges,
): Promise<LocationOutcome> {
  const current = await findEditableLocation(tenant, actor, id);
  return database().transaction(async (tx) => {
    await lockLocationNames(tx, tenant);
    if (changes.name !== undefined && (await isLocationNameTaken(tx, tenant, changes.name, id))) {
      return { ok: false, reason: "name-taken" };
    }
    if (changes.isActive === false) {
      const open = await listActiveLocations(tx, tenant);
      if (open.length === 1 && open[0]?.id === id) return { ok: false, reason: "last-open-location" };
    }
    const values: LocationUpdate = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(values).length === 0) return { ok: true, location: current };
    const location = await updateLocationRow(tx, tenant, id, values);
    if (!location) throw new NotFound("No location with that id");
    return { ok: true, location };
  });
}
