import { listActiveLocations } from "~/models/location.server";
import { findNextClassStart, findOccurrenceDetail, listOccurrencesBetween } from "~/models/occurrence.server";
import { listServices } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { fullDateAt } from "~/services/shared/date-words";
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

/** A class a client could still take a place in: not cancelled, not started, not full. */
export function stillBookable(c: Pick<ScheduledClass, "cancelled" | "spotsLeft" | "startsAt">, now: Date): boolean {
  return !c.cancelled && c.spotsLeft > 0 && c.startsAt.getTime() > now.getTime();
}

/** How far ahead the schedule looks for a day with something to book, when today has nothing left. */
const OPENING_LOOK_AHEAD_DAYS = 14;

type DayFilter = { locationIds: string[]; serviceId?: string; instructorId?: string };

/**
 * The day the schedule opens on when no date is asked for: today while something is left to
 * book, else the next day with a bookable class (within two weeks), so a client checking in the
 * evening sees tomorrow rather than a list of finished classes. Null: stay on today.
 */
async function nextBookableDay(tenant: Tenant, filter: DayFilter, zone: string, today: string, now: Date) {
  const later = await listClasses(tenant, {
    ...filter,
    from: localDayBounds(addDays(today, 1), zone).start,
    to: localDayBounds(addDays(today, OPENING_LOOK_AHEAD_DAYS + 1), zone).start,
  });
  const first = later.find((c) => stillBookable(c, now));
  return first ? { date: first.date, classes: later.filter((c) => c.date === first.date) } : null;
}

/**
 * The public class schedule of one location for one of its local days (spec §6, class-based
 * client flow): anyone may browse it. Without a location, the studio's first one is shown;
 * without a date, today, or (for the page, `opening: "bookable"`) the next day with something to
 * book when today has nothing left. The API keeps "no date" meaning today.
 */
export async function daySchedule(
  tenant: Tenant,
  query: ClassesQuery,
  now = new Date(),
  opening: "today" | "bookable" = "today",
) {
  const db = database();
  const locations = await listActiveLocations(db, tenant);
  const location = query.locationId ? locations.find((l) => l.id === query.locationId) : locations[0];
  if (!location) throw new NotFound(query.locationId ? "Location not found" : "This studio has no open locations yet");
  const zone = location.timezone;
  const today = todayIn(zone, now);
  const filter = { locationIds: [location.id], serviceId: query.serviceId, instructorId: query.instructorId };
  const asked = query.date ?? today;
  const bounds = localDayBounds(asked, zone);

  const [classesAsked, services, instructors] = await Promise.all([
    listClasses(tenant, { ...filter, from: bounds.start, to: bounds.end }),
    listServices(db, tenant, { type: "class", locationId: location.id }),
    listBookableInstructors(db, tenant, null),
  ]);
  const skipToday = opening === "bookable" && !query.date && !classesAsked.some((c) => stillBookable(c, now));
  const later = skipToday ? await nextBookableDay(tenant, filter, zone, today, now) : null;
  const date = later?.date ?? asked;
  const classes = later?.classes ?? classesAsked;
  // Only an empty day needs a way forward; one indexed lookup finds it.
  const nextStart =
    classes.length === 0
      ? await findNextClassStart(db, tenant, { ...filter, after: localDayBounds(date, zone).end })
      : undefined;
  const nextDate = nextStart && localDateOf(nextStart, zone);

  return {
    date,
    today,
    /** Today had nothing left to book, so the schedule opened on a later day. */
    openedLater: later !== null,
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
    classes: classes.map((c) => ({ ...c, started: c.startsAt.getTime() <= now.getTime() })),
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
    dateLabel: fullDateAt(occurrence.startsAt, zone),
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
