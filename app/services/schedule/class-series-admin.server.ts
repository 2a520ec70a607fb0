import { listClassSeriesWithNames, type NewClassSeries } from "~/models/class-series.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { findService, listServices } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { assertCan, can, canAccessLocation, mayEver } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { ClassSeries, Occurrence, User } from "~db/schema/tenant";
import { type Conflict, scheduleClassSeries } from "./class-schedule.server";
import { type ClassSeriesInput, WEEKDAYS } from "./class-series.schema";
import { whenText } from "./class-text";
import { todayIn } from "./local-time";
import { mayOverrideHours, openingHoursOnWeekday, openingHoursText, withinOpeningHours } from "./opening-hours";

function assertMaySchedule(actor: User) {
  if (!mayEver(actor.role, "schedule.modify")) throw new Forbidden("Your role cannot change the timetable.");
}

/** May this actor change this class (series or one meeting)? Instructors only their own. */
function mayChange(actor: User, locationId: string, instructorId: string) {
  return can(actor, "schedule.modify", { locationId, scheduleOwnerId: instructorId }).allowed;
}

/**
 * What the "schedule a class" form offers: the locations the actor schedules at, the class
 * services offered there, and who can teach (an instructor: only themselves).
 */
export async function classFormOptions(tenant: Tenant, actor: User) {
  assertMaySchedule(actor);
  const locations = (await listActiveLocations(database(), tenant)).filter((l) => canAccessLocation(actor, l.id));
  const here = new Set(locations.map((l) => l.id));
  const services = (await listServices(database(), tenant, { type: "class" })).filter((s) =>
    s.locationIds.some((id) => here.has(id)),
  );
  const instructors = (await listBookableInstructors(database(), tenant, null)).filter(
    (person) =>
      person.accessibleLocations.some((id) => here.has(id)) &&
      (actor.role === "instructor" || actor.role === "trainer" ? person.id === actor.id : true),
  );
  const name = new Map(locations.map((l) => [l.id, l.name]));
  return {
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
    })),
    instructors: instructors.map((person) => ({
      id: person.id,
      fullName: person.fullName,
      locations: person.accessibleLocations.flatMap((id) => name.get(id) ?? []),
    })),
    today: todayIn(locations[0]?.timezone ?? "Europe/London"),
  };
}

export type ScheduleRefusal = "service-not-here" | "instructor-not-here" | "past-midnight";

function addMinutes(time: string, minutes: number) {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const total = hour * 60 + minute + minutes;
  if (total >= 24 * 60) return null;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/**
 * Schedules a recurring class from the form or the API: fills in the end time (start plus the
 * service's length) and the first date (today where the class is), checks that the class is
 * offered there and the instructor works there, then schedules it all or nothing.
 */
export async function scheduleClass(
  tenant: Tenant,
  actor: User,
  input: ClassSeriesInput,
): Promise<
  | { ok: true; value: { series: ClassSeries; occurrences: Occurrence[] } }
  | { ok: false; reason: "conflict"; conflicts: Conflict[]; timezone: string }
  | { ok: false; reason: ScheduleRefusal }
  | { ok: false; reason: "outside-opening-hours"; opening: string; mayOverride: boolean }
> {
  assertCan(actor, "schedule.modify", { locationId: input.locationId, scheduleOwnerId: input.instructorId });
  const [service, location] = await Promise.all([
    findService(database(), tenant, input.serviceId),
    findLocationById(database(), tenant, input.locationId),
  ]);
  if (service?.type !== "class" || service.archivedAt) throw new NotFound("Class service not found");
  if (!location?.isActive) throw new NotFound("Location not found");
  if (!service.locationIds.includes(location.id)) return { ok: false, reason: "service-not-here" };
  const teachers = await listBookableInstructors(database(), tenant, location.id);
  if (!teachers.some((person) => person.id === input.instructorId)) return { ok: false, reason: "instructor-not-here" };
  const endTime = input.endTime ?? addMinutes(input.startTime, service.durationMinutes);
  if (!endTime) return { ok: false, reason: "past-midnight" };
  const hours = openingHoursOnWeekday(location, input.weekday);
  const mayOverride = mayOverrideHours(actor);
  if (!withinOpeningHours(hours, input.startTime, endTime) && !(input.overrideOpeningHours && mayOverride)) {
    const weekday = WEEKDAYS.find((d) => d.value === input.weekday)?.label.slice(0, 3) ?? "";
    return {
      ok: false,
      reason: "outside-opening-hours",
      opening: openingHoursText(location.name, weekday, hours),
      mayOverride,
    };
  }
  const series: Omit<NewClassSeries, "capacity"> & { capacity?: number } = {
    serviceId: service.id,
    locationId: location.id,
    instructorId: input.instructorId,
    weekday: input.weekday,
    startTime: input.startTime,
    endTime,
    capacity: input.capacity,
    intervalWeeks: input.intervalWeeks,
    validFrom: input.validFrom ?? todayIn(location.timezone),
    validUntil: input.validUntil ?? null,
  };
  const outcome = await scheduleClassSeries(tenant, actor, series);
  // Clashes are told in the location's local time.
  return outcome.ok ? outcome : { ...outcome, timezone: location.timezone };
}

const UPCOMING_DAYS = 35;
const UPCOMING_SHOWN = 4;

/**
 * The timetable's recurring classes at some locations, each with its next few meetings, and
 * what this actor may change. A series whose last date has passed (or that ended) is left out.
 */
export async function listClassSeriesFor(tenant: Tenant, actor: User, locationIds: string[], now = new Date()) {
  assertMaySchedule(actor);
  const mine = locationIds.filter((id) => canAccessLocation(actor, id));
  const [rows, upcoming] = await Promise.all([
    listClassSeriesWithNames(database(), tenant, mine),
    listOccurrencesBetween(database(), tenant, {
      from: now,
      to: new Date(now.getTime() + UPCOMING_DAYS * 86_400_000),
      locationIds: mine,
    }),
  ]);
  return rows
    .filter(({ series, locationTimezone }) => !series.validUntil || series.validUntil > todayIn(locationTimezone, now))
    .map(({ series, serviceName, locationName, locationTimezone, instructorName }) => ({
      id: series.id,
      serviceName,
      locationName,
      instructorName,
      weekday: series.weekday,
      startTime: series.startTime.slice(0, 5),
      endTime: series.endTime.slice(0, 5),
      intervalWeeks: series.intervalWeeks,
      validFrom: series.validFrom,
      validUntil: series.validUntil,
      canChange: mayChange(actor, series.locationId, series.instructorId),
      upcoming: upcoming
        .filter((row) => row.occurrence.seriesId === series.id)
        .slice(0, UPCOMING_SHOWN)
        .map(({ occurrence, instructorName: teacher }) => ({
          id: occurrence.id,
          when: whenText(occurrence.startsAt, occurrence.endsAt, locationTimezone),
          cancelled: occurrence.status === "cancelled",
          instructorName: teacher,
          covering: occurrence.originalInstructorId !== null,
          canChange: mayChange(actor, occurrence.locationId, occurrence.instructorId),
        })),
    }));
}
