import type { ClassSeries, Occurrence } from "~db/schema/tenant";

/** A recurring class as the API shows it: local "HH:MM" times, ISO dates, ISO weekday. */
export function classSeriesJson(series: ClassSeries) {
  return {
    id: series.id,
    serviceId: series.serviceId,
    locationId: series.locationId,
    instructorId: series.instructorId,
    weekday: series.weekday,
    startTime: series.startTime.slice(0, 5),
    endTime: series.endTime.slice(0, 5),
    capacity: series.capacity,
    intervalWeeks: series.intervalWeeks,
    validFrom: series.validFrom,
    validUntil: series.validUntil,
  };
}

export function occurrenceJson(occurrence: Occurrence) {
  return {
    id: occurrence.id,
    seriesId: occurrence.seriesId,
    serviceId: occurrence.serviceId,
    locationId: occurrence.locationId,
    instructorId: occurrence.instructorId,
    originalInstructorId: occurrence.originalInstructorId,
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    capacity: occurrence.capacity,
    status: occurrence.status,
    cancelReason: occurrence.cancelReason,
  };
}

/** The refusal every scheduling call gives when the instructor is busy. */
export function conflictJson(conflicts: { startsAt: Date; endsAt: Date; what: string; locationName: string }[]) {
  return {
    error: "The instructor is already teaching or training at some of those times",
    code: "SCHEDULE_CONFLICT",
    conflicts: conflicts.map((c) => ({
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      what: c.what,
      locationName: c.locationName,
    })),
  };
}
