import { DateTime } from "luxon";
import { listActiveLocations } from "~/models/location.server";
import { findOccurrence, listOccurrencesBetween } from "~/models/occurrence.server";
import { findService, listServices } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { database } from "~db/client";
import type { Location } from "~db/schema/tenant";
import { NotFound } from "./errors";
import { addDays, localDayBounds, localTimeOf, todayIn } from "./local-time";
import type { Tenant } from "./tenant.server";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ScheduleFilter = { locationId?: string; date?: string; serviceId?: string; instructorId?: string };

/** One class on the schedule, as a phone needs it: small and already in local time. */
export type ScheduleEntry = {
  id: string;
  time: string;
  endTime: string;
  minutes: number;
  name: string;
  instructor: string;
  spotsLeft: number;
  cancelled: boolean;
};

function pickLocation(locations: Location[], locationId?: string) {
  return locations.find((l) => l.id === locationId) ?? locations[0];
}

/**
 * The public class schedule of one location for one local day (spec §6 client flow): anyone
 * may browse it. Days outside a sensible range fall back to today.
 */
export async function daySchedule(tenant: Tenant, filter: ScheduleFilter, now = new Date()) {
  const db = database();
  const locations = await listActiveLocations(db, tenant);
  const location = pickLocation(locations, filter.locationId);
  if (!location) throw new NotFound("This studio has no open locations yet");
  const zone = location.timezone;
  const today = todayIn(zone, now);
  const date = filter.date && ISO_DATE.test(filter.date) && DateTime.fromISO(filter.date).isValid ? filter.date : today;
  const { start, end } = localDayBounds(date, zone);

  const [rows, services, instructors] = await Promise.all([
    listOccurrencesBetween(db, tenant, {
      from: start,
      to: end,
      locationIds: [location.id],
      serviceId: filter.serviceId,
      instructorId: filter.instructorId,
    }),
    listServices(db, tenant, { type: "class", locationId: location.id }),
    listBookableInstructors(db, tenant, location.id),
  ]);

  const entries: ScheduleEntry[] = rows
    .filter((row) => row.serviceType === "class")
    .map(({ occurrence, serviceName, instructorName }) => ({
      id: occurrence.id,
      time: localTimeOf(occurrence.startsAt, zone),
      endTime: localTimeOf(occurrence.endsAt, zone),
      minutes: Math.round((occurrence.endsAt.getTime() - occurrence.startsAt.getTime()) / 60_000),
      name: serviceName,
      instructor: instructorName,
      // Places are counted from bookings once the booking engine lands; until then all are free.
      spotsLeft: occurrence.capacity,
      cancelled: occurrence.status === "cancelled",
    }));

  return {
    date,
    today,
    previous: addDays(date, -1),
    next: addDays(date, 1),
    heading: DateTime.fromISO(date, { zone }).setLocale("en-GB").toFormat("cccc d LLLL"),
    location: { id: location.id, name: location.name },
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    services: services.map((s) => ({ id: s.id, name: s.name })),
    instructors: instructors.map((i) => ({ id: i.id, name: i.fullName })),
    filter: { serviceId: filter.serviceId ?? "", instructorId: filter.instructorId ?? "" },
    entries,
  };
}

/** One class occurrence with what a client wants to know before booking it. */
export async function classDetail(tenant: Tenant, occurrenceId: string) {
  const db = database();
  const occurrence = await findOccurrence(db, tenant, occurrenceId);
  if (!occurrence) throw new NotFound("Class not found");
  const [service, locations, instructors] = await Promise.all([
    findService(db, tenant, occurrence.serviceId),
    listActiveLocations(db, tenant),
    listBookableInstructors(db, tenant, null),
  ]);
  const location = locations.find((l) => l.id === occurrence.locationId);
  if (!service || !location) throw new NotFound("Class not found");
  const zone = location.timezone;
  return {
    id: occurrence.id,
    name: service.name,
    description: service.description,
    date: DateTime.fromJSDate(occurrence.startsAt, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy"),
    isoDate: DateTime.fromJSDate(occurrence.startsAt, { zone }).toISODate() as string,
    time: localTimeOf(occurrence.startsAt, zone),
    endTime: localTimeOf(occurrence.endsAt, zone),
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    capacity: occurrence.capacity,
    spotsLeft: occurrence.capacity,
    cancelled: occurrence.status === "cancelled",
    cancelReason: occurrence.cancelReason,
    location: {
      id: location.id,
      name: location.name,
      address: [location.address.line1, location.address.city, location.address.postcode].join(", "),
      timezone: zone,
    },
    instructor: instructors.find((i) => i.id === occurrence.instructorId)?.fullName ?? "To be confirmed",
  };
}
