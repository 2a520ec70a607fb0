import type { Service } from "~db/schema/tenant";

/** A service as the API shows it: money in minor units, snake_case like the guide's schema. */
export function serviceJson(service: Service) {
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    type: service.type,
    duration_minutes: service.durationMinutes,
    capacity: service.capacity,
    price_minor: service.priceMinor,
    available_at_locations: service.locationIds,
    booking_mode: service.bookingMode,
    self_booking_enabled: service.selfBookingEnabled,
    instructor_booking_enabled: service.instructorBookingEnabled,
    admin_booking_enabled: service.adminBookingEnabled,
    cancellation_window_hours: service.cancellationWindowHours,
    requires_credit: service.requiresCredit,
    archived: service.archivedAt !== null,
  };
}
