import { findLocationById, listActiveLocations, listAllLocations } from "~/models/location.server";
import { can } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { type Location, type OperatingHours, type User, WEEKDAYS } from "~db/schema/tenant";

const DAY_NAMES = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" } as const;

export type LocationSummary = {
  id: string;
  name: string;
  address: string;
  timezone: string;
  hours: { day: string; text: string }[];
};

function summarizeHours(hours: OperatingHours) {
  return WEEKDAYS.map((day) => {
    const slot = hours[day];
    return { day: DAY_NAMES[day], text: slot ? `${slot.open}–${slot.close}` : "Closed" };
  });
}

function summarize(location: Location): LocationSummary {
  const { line1, line2, city, postcode } = location.address;
  return {
    id: location.id,
    name: location.name,
    address: [line1, line2, city, postcode].filter(Boolean).join(", "),
    timezone: location.timezone,
    hours: summarizeHours(location.operatingHours),
  };
}

/** The studio's open locations, as anyone (signed in or not) may see them. */
export async function listPublicLocations(tenant: Tenant): Promise<LocationSummary[]> {
  return (await listActiveLocations(database(), tenant)).map(summarize);
}

/**
 * The locations page: open locations for everyone, each marked editable for whoever may modify
 * it; deactivated ones only for those who could reopen them.
 */
export async function listLocationsFor(tenant: Tenant, viewer: User | null) {
  const mayModify = (location: Location) =>
    viewer !== null && can(viewer, "location.modify", { locationId: location.id }).allowed;
  const all = await listAllLocations(database(), tenant);
  return {
    canCreate: viewer !== null && can(viewer, "location.create").allowed,
    open: all.filter((l) => l.isActive).map((l) => ({ ...summarize(l), canEdit: mayModify(l) })),
    closed: all.filter((l) => !l.isActive && mayModify(l)).map((l) => ({ id: l.id, name: l.name })),
  };
}

/** The open locations, whole, for the API (anyone signed in may list them). */
export async function listOpenLocations(tenant: Tenant): Promise<Location[]> {
  return listActiveLocations(database(), tenant);
}

/** A location as the API shows it. */
export function locationJson(location: Location) {
  return {
    id: location.id,
    name: location.name,
    address: location.address,
    timezone: location.timezone,
    operatingHours: location.operatingHours,
    latitude: location.latitude,
    longitude: location.longitude,
    isActive: location.isActive,
  };
}

/** One location for the API: open ones for anyone signed in, deactivated ones for their editors. */
export async function getLocation(tenant: Tenant, viewer: User, id: string) {
  const location = await findLocationById(database(), tenant, id);
  if (!location) throw new NotFound("No location with that id");
  if (!location.isActive && !can(viewer, "location.modify", { locationId: id }).allowed) {
    throw new NotFound("No location with that id");
  }
  return location;
}
