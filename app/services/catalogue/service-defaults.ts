import type { BookingMode, ServiceType, StudioType } from "~db/schema/tenant";

export type NewServiceDefaults = {
  type: ServiceType;
  durationMinutes: number;
  cancellationWindowHours: number;
  bookingMode: BookingMode;
  requiresCredit: boolean;
  capacity?: number;
};

/**
 * What "Add a service" starts as, from what the studio mostly sells (spec §2, "Session vs
 * Class"): a session-based studio's services are 1:1 sessions its trainers book (instructor-led);
 * a class-based one's are classes clients book themselves, with a typical room of 12; a hybrid
 * studio starts from a self-booked class with no size guessed. Every field stays editable.
 */
export function newServiceDefaults(studioType: StudioType): NewServiceDefaults {
  const common = { durationMinutes: 60, cancellationWindowHours: 24, requiresCredit: true };
  if (studioType === "session_based") return { ...common, type: "session", bookingMode: "instructor_led" };
  if (studioType === "class_based") return { ...common, type: "class", bookingMode: "self_booking", capacity: 12 };
  return { ...common, type: "class", bookingMode: "self_booking" };
}
