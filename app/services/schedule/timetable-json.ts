import type { ClassDetail, ScheduledClass } from "./timetable.server";

/** A class in the API: ISO instants for machines, local date and times for people. */
export function classJson(c: ScheduledClass) {
  return {
    id: c.id,
    name: c.name,
    serviceId: c.serviceId,
    location: { id: c.locationId, name: c.location, timezone: c.timezone },
    instructor: { id: c.instructorId, name: c.instructor },
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    localDate: c.date,
    localStartTime: c.time,
    localEndTime: c.endTime,
    durationMinutes: c.minutes,
    capacity: c.capacity,
    spotsLeft: c.spotsLeft,
    status: c.cancelled ? "cancelled" : "scheduled",
  };
}

export function classDetailJson(c: ClassDetail) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    location: c.location,
    instructor: c.instructor,
    coveringFor: c.coveringFor,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    localDate: c.date,
    localStartTime: c.time,
    localEndTime: c.endTime,
    durationMinutes: c.minutes,
    capacity: c.capacity,
    spotsLeft: c.spotsLeft,
    status: c.cancelled ? "cancelled" : "scheduled",
    cancelReason: c.cancelled ? c.cancelReason : null,
  };
}
