import { DateTime } from "luxon";
import { listActiveLocations } from "~/models/location.server";
import { findNextClassStart, findOccurrenceDetail, listOccurrencesBetween } from "~/models/occurrence.server";
import { listServices } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { dayLabel } from "./dates";
import { addDays, localDateOf, localDayBounds, localTimeOf, todayIn } from "./local-time";
import type { ClassesQuery } from "./queries.schema";
import { spotsLeft } from "./spots.server";

/** One class as every schedule shows it: instants, and the same moments in its location's time. */
export type ScheduledClass = {
  id: string;
  name: string;
  serviceId: string;
  locationId: string;
  location: string;
  timezone: string;
  instructorId: string;
  instructor: string;
  startsAt: Date;
  endsAt: Date;
  /** The local date and times at the class's location. */
  date: string;
  time: string;
  endTime: string;
  minutes: number;
  capacity: number;
  spotsLeft: number;
  cancelled: boolean;
};

/** Classes starting in [from, to), in time order, each with its spots left. */
export async function listClasses(
  tenant: Tenant,
  filter: { from: Date; to: Date; locationIds?: string[]; instructorId?: string; serviceId?: string },
): Promise<ScheduledClass[]> {
  if (filter.locationIds?.length === 0) return [];
  const rows = (await listOccurrencesBetween(database(), tenant, filter)).filter((row) => row.serviceType === "class");
  return rows.map(({ occurrence, serviceName, locationName, locationTimezone: zone, instructorName }) => ({
    id: occurrence.id,
    name: serviceName,
    serviceId: occurrence.serviceId,
    locationId: occurrence.locationId,
    location: locationName,
    timezone: zone,
    instructorId: occurrence.instructorId,
    instructor: instructorName,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    date: localDateOf(occurrence.startsAt, zone),
    time: localTimeOf(occurrence.startsAt, zone),
    endTime: localTimeOf(occurrence.endsAt, zone),
    minutes: Math.round((occurrence.endsAt.getTime() - occurrence.startsAt.getTime()) / 60_000),
    capacity: occurrence.capacity,
    spotsLeft: spotsLeft(occurrence),
    cancelled: occurrence.status === "cancelled",
  }));
}

/**
 * The public class schedule of one location for one of its local days (spec §6, class-based
 * client flow): anyone may browse it. Without a location, the studio's first one is shown.
 */
export async function daySchedule(tenant: Tenant, query: ClassesQuery, now = new Date()) {
  const db = database();
  const locations = await listActiveLocations(db, tenant);
  const location = query.locationId ? locations.find((l) => l.id === query.locationId) : locations[0];
  if (!location) throw new NotFound(query.locationId ? "Location not found" : "This studio has no open locations yet");
  const zone = location.timezone;
  const today = todayIn(zone, now);
  const date = query.date ?? today;
  const { start, end } = localDayBounds(date, zone);
  const filter = { locationIds: [location.id], serviceId: query.serviceId, instructorId: query.instructorId };

  const [classes, services, instructors] = await Promise.all([
    listClasses(tenant, { ...filter, from: start, to: end }),
    listServices(db, tenant, { type: "class", locationId: location.id }),
    listBookableInstructors(db, tenant, null),
  ]);
  // Only an empty day needs a way forward; one indexed lookup finds it.
  const nextStart = classes.length === 0 ? await findNextClassStart(db, tenant, { ...filter, after: end }) : undefined;
  const nextDate = nextStart && localDateOf(nextStart, zone);

  return {
    date,
    today,
    previous: addDays(date, -1),
    next: addDays(date, 1),
    nextWithClasses: nextDate ? { date: nextDate, label: dayLabel(nextDate) } : null,
    heading: dayLabel(date),
    location: { id: location.id, name: location.name, timezone: zone },
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    services: services.map((s) => ({ id: s.id, name: s.name })),
    // Owners work at every location without being listed at any, and often teach.
    instructors: instructors
      .filter((i) => i.role === "org_owner" || i.accessibleLocations.includes(location.id))
      .map((i) => ({ id: i.id, name: i.fullName })),
    filter: { serviceId: query.serviceId ?? "", instructorId: query.instructorId ?? "" },
    classes,
  };
}

/** One class with what a client wants to know before booking it; 404 for anything else. */
export async function classDetail(tenant: Tenant, occurrenceId: string, now = new Date()) {
  const row = await findOccurrenceDetail(database(), tenant, occurrenceId);
  if (row?.service.type !== "class") throw new NotFound("Class not found");
  const { occurrence, service, location } = row;
  const zone = location.timezone;
  const { line1, line2, city, postcode } = location.address;
  return {
    id: occurrence.id,
    name: service.name,
    description: service.description,
    date: localDateOf(occurrence.startsAt, zone),
    dateLabel: DateTime.fromJSDate(occurrence.startsAt, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy"),
    time: localTimeOf(occurrence.startsAt, zone),
    endTime: localTimeOf(occurrence.endsAt, zone),
    minutes: Math.round((occurrence.endsAt.getTime() - occurrence.startsAt.getTime()) / 60_000),
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    capacity: occurrence.capacity,
    spotsLeft: spotsLeft(occurrence),
    cancelled: occurrence.status === "cancelled",
    cancelReason: occurrence.cancelReason,
    started: occurrence.startsAt <= now,
    location: {
      id: location.id,
      name: location.name,
      address: [line1, line2, city, postcode].filter(Boolean).join(", "),
      timezone: zone,
    },
    instructor: { id: occurrence.instructorId, name: row.instructorName },
    coveringFor: row.originalInstructorName ?? null,
  };
}
export type ClassDetail = Awaited<ReturnType<typeof classDetail>>;
