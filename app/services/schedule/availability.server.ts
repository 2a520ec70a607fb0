import {
  listAvailabilityBlocks,
  listAvailabilityExceptions,
  listCommitmentsBetween,
  listTravelTimes,
} from "~/models/availability.server";
import { listActiveLocations } from "~/models/location.server";
import { findService, listServices } from "~/models/service.server";
import { findStaffById, listBookableInstructors } from "~/models/staff.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type {
  AvailabilityBlock,
  AvailabilityException as ExceptionRow,
  Location,
  Service,
  User,
} from "~db/schema/tenant";
import { addDays, localDateOf, localDayBounds } from "./local-time";
import { openingHoursOn } from "./opening-hours";
import {
  type AvailabilityException,
  type FreeStart,
  freeStartsForDay,
  publishedHoursForDay,
  type Slot,
  type SlotsForDayInput,
  slotsForDay,
  type Weekday,
  type WeeklyBlock,
} from "./slots";

/**
 * Bookable 1:1 start times (spec §13), calculated from the instructors' weekly hours, the
 * exceptions around that day, everything they are already committed to at any location and the journeys
 * between locations. Public like the schedule: clients browse before signing in.
 */

const BOOKABLE_ROLES: readonly User["role"][] = ["instructor", "trainer", "org_owner"];
const MINUTE_MS = 60_000;

/**
 * Without a location: the first open one that offers the service. `date` is the location's
 * local date; a booking passes the instant it asks for instead, and gets that instant's day.
 */
export type SlotsQuery = {
  serviceId: string;
  locationId?: string;
  instructorId?: string;
  /** A booking being moved: its own time does not stand in the way of its new one. */
  excludeBookingId?: string;
  /** Staff booking for a client: the client's notice and advance window do not apply. */
  forStaff?: boolean;
  /** Also list the free starts outside published hours, for an owner or manager to override. */
  pastHours?: boolean;
} & ({ date: string } | { instant: Date });
export type InstructorSlots = {
  id: string;
  fullName: string;
  slots: Slot[];
  /** With `pastHours`: free starts outside published hours, and the hours they lie outside. */
  offHours: FreeStart[];
  publishedHours: { start: string; end: string }[];
};

const hhmm = (time: string | null) => (time ? time.slice(0, 5) : undefined);

function toBlock(row: AvailabilityBlock): WeeklyBlock {
  return {
    weekday: row.weekday as Weekday,
    start: row.startTime.slice(0, 5),
    end: row.endTime.slice(0, 5),
    locationId: row.locationId,
    allowsSelfBooking: row.allowsSelfBooking,
  };
}

function toException(row: ExceptionRow): AvailabilityException | null {
  if (row.kind === "time_off")
    return {
      kind: "time_off",
      date: row.date,
      start: hhmm(row.startTime),
      end: hhmm(row.endTime),
      timezone: row.timezone ?? undefined,
    };
  if (!row.locationId || !row.startTime || !row.endTime) return null;
  return {
    kind: "extra_hours",
    date: row.date,
    start: row.startTime.slice(0, 5),
    end: row.endTime.slice(0, 5),
    locationId: row.locationId,
    allowsSelfBooking: row.allowsSelfBooking,
  };
}

function requireSession(service: Service | undefined, locationId: string): Service {
  if (service?.type !== "session" || service.archivedAt || !service.locationIds.includes(locationId)) {
    throw new NotFound("No session with that id is offered at this location");
  }
  return service;
}

function requireLocation(locations: Location[], locationId: string): Location {
  const location = locations.find((l) => l.id === locationId);
  if (!location) throw new NotFound("No open location has that id");
  return location;
}

/** The instructor asked for, if they can be booked at this location. */
function requireInstructor(person: User | undefined, locationId: string): User {
  if (
    !person ||
    !BOOKABLE_ROLES.includes(person.role) ||
    person.status !== "active" ||
    !person.accessibleLocations.includes(locationId)
  ) {
    throw new NotFound("No instructor with that id works at this location");
  }
  return person;
}

/**
 * Per instructor (one, or everyone bookable at the location) the start times for one service on
 * one local date. A fixed number of queries, however many instructors.
 */
export async function availableSlots(tenant: Tenant, input: SlotsQuery, now = new Date()) {
  const { days, ...rest } = await availableSlotsOverDays(tenant, input, 1, now);
  const [day] = days as [(typeof days)[number]];
  return { ...rest, date: day.date, instructors: day.instructors };
}

/**
 * The same for `count` consecutive local dates from the query's date, still in a fixed number
 * of queries: for "the next day with a free time" without asking day by day.
 */
export async function availableSlotsOverDays(tenant: Tenant, input: SlotsQuery, count: number, now = new Date()) {
  const db = database();
  const query = { ...input, locationId: input.locationId ?? (await firstLocationOffering(tenant, input.serviceId)) };
  const [service, locations, settings, people, travelRows] = await Promise.all([
    findService(db, tenant, query.serviceId),
    listActiveLocations(db, tenant),
    findStudioSettings(db, tenant),
    query.instructorId
      ? findStaffById(db, tenant, query.instructorId).then((p) => [requireInstructor(p, query.locationId)])
      : listBookableInstructors(db, tenant, query.locationId),
    listTravelTimes(db, tenant),
  ]);
  const location = requireLocation(locations, query.locationId);
  const session = requireSession(service, location.id);
  const first = "date" in query ? query.date : localDateOf(query.instant, location.timezone);
  const dates = Array.from({ length: count }, (_, i) => addDays(first, i));
  const last = dates[dates.length - 1] as string;

  const travel = new Map(travelRows.map((r) => [`${r.fromLocationId}>${r.toLocationId}`, r.minutes]));
  // A commitment this far either side of the days can still reach into them.
  const reach = (Math.max(0, ...travelRows.map((r) => r.minutes)) + settings.sessionBufferMinutes) * MINUTE_MS;
  const from = localDayBounds(first, location.timezone).start;
  const to = localDayBounds(last, location.timezone).end;
  const ids = people.map((p) => p.id);
  const [blocks, exceptions, commitments] = await Promise.all([
    listAvailabilityBlocks(db, tenant, ids),
    // Time off entered on another location's clock can reach a day or so either side.
    listAvailabilityExceptions(db, tenant, ids, addDays(first, -2), addDays(last, 2)),
    listCommitmentsBetween(db, tenant, ids, new Date(from.getTime() - reach), new Date(to.getTime() + reach)),
  ]);

  const busy = commitments.filter((c) => !query.excludeBookingId || c.bookingId !== query.excludeBookingId);
  const days = dates.map((date) => ({
    date,
    instructors: people.map((person): InstructorSlots => {
      const input: SlotsForDayInput = {
        date,
        timezone: location.timezone,
        locationId: location.id,
        blocks: blocks.filter((b) => b.instructorId === person.id).map(toBlock),
        exceptions: exceptions
          .filter((e) => e.instructorId === person.id)
          .flatMap((e) => {
            const exception = toException(e);
            return exception ? [exception] : [];
          }),
        busy: busy.filter((c) => c.instructorId === person.id),
        rules: {
          stepMinutes: settings.slotStepMinutes,
          durationMinutes: session.durationMinutes,
          bufferMinutes: settings.sessionBufferMinutes,
          minNoticeMinutes: settings.minNoticeMinutes,
          maxAdvanceDays: settings.maxAdvanceDays,
          ignoreNotice: query.forStaff,
          ignoreAdvance: query.forStaff,
        },
        // Pairs nobody has entered cost no time: the studio sets the journeys that matter.
        travel: (fromId, toId) => travel.get(`${fromId}>${toId}`) ?? 0,
        now,
        openingHours: openingHoursOn(location, date),
      };
      const offHours = query.pastHours ? freeStartsForDay(input).filter((start) => start.outside.length > 0) : [];
      const publishedHours = query.pastHours ? publishedHoursForDay(input) : [];
      return { id: person.id, fullName: person.fullName, slots: slotsForDay(input), offHours, publishedHours };
    }),
  }));
  return { service: session, location, settings, days };
}

async function firstLocationOffering(tenant: Tenant, serviceId: string): Promise<string> {
  const [service, locations] = await Promise.all([
    findService(database(), tenant, serviceId),
    listActiveLocations(database(), tenant),
  ]);
  const location = locations.find((l) => service?.locationIds.includes(l.id));
  if (!service || !location) throw new NotFound("No session with that id is on offer");
  return location.id;
}

/**
 * One instructor's day, with the service and location defaulted for a quick look: their primary
 * (or first) open location, and the shortest session on offer there.
 */
export async function instructorSlots(
  tenant: Tenant,
  query: { instructorId: string; date: string; serviceId?: string; locationId?: string },
  now = new Date(),
) {
  const db = database();
  const [person, locations] = await Promise.all([
    findStaffById(db, tenant, query.instructorId),
    listActiveLocations(db, tenant),
  ]);
  const theirs = locations.filter((l) => person?.accessibleLocations.includes(l.id));
  const locationId =
    query.locationId ?? (theirs.find((l) => l.id === person?.primaryLocationId) ?? theirs[0])?.id ?? "";
  const instructor = requireInstructor(person, locationId);
  let serviceId = query.serviceId;
  if (!serviceId) {
    const sessions = await listServices(db, tenant, { type: "session", locationId });
    const shortest = [...sessions].sort((a, b) => a.durationMinutes - b.durationMinutes)[0];
    if (!shortest) throw new NotFound("No sessions are offered at this location");
    serviceId = shortest.id;
  }
  const result = await availableSlots(
    tenant,
    { serviceId, locationId, date: query.date, instructorId: instructor.id },
    now,
  );
  return {
    ...result,
    instructor: { id: instructor.id, fullName: instructor.fullName },
    slots: result.instructors[0]?.slots ?? [],
  };
}
