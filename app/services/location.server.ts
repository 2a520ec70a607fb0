import { listActiveLocations } from "~/models/location.server";
import { database } from "~db/client";
import { type Location, type OperatingHours, WEEKDAYS } from "~db/schema/tenant";
import type { Tenant } from "./tenant.server";

const DAY_NAMES = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" } as const;

export type LocationSummary = {
  id: string;
  name: string;
  address: string;
  timezone: string;
  hours: { day: string; text: string }[];
};

export function summarizeHours(hours: OperatingHours) {
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
