import { DateTime } from "luxon";
import {
  type BookingRequest,
  insertBookingRequest,
  lockBookingRequest,
  updateBookingRequest,
} from "~/models/booking-request.server";
import { findLocationById } from "~/models/location.server";
import { findService } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { voiceOf } from "~/services/booking/notices.server";
import { requestReceived } from "~/services/messages/templates/requests";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { requestFacts, tellStaff } from "./notices.server";
import { isOpen, MAX_PREFERRED_TIMES } from "./rules";

export type NewRequest = {
  serviceId: string;
  locationId: string;
  /** null: any instructor who teaches it there. */
  instructorId: string | null;
  preferredTimes: Date[];
  notes: string;
};

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A form's "2026-12-10T09:30" on the location's clock; null when that wall time does not exist. */
export function localTimeToInstant(value: string, zone: string): Date | null {
  const local = DateTime.fromISO(value, { zone });
  if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== value) return null;
  return local.toJSDate();
}

function checkTimes(times: Date[], now: Date, maxAdvanceDays: number) {
  const refuse = (message: string) => {
    throw new Refused(400, "INVALID_PREFERRED_TIMES", message);
  };
  if (times.length < 1 || times.length > MAX_PREFERRED_TIMES)
    refuse(`Give between 1 and ${MAX_PREFERRED_TIMES} preferred times.`);
  if (new Set(times.map((t) => t.getTime())).size !== times.length) refuse("Give each preferred time once.");
  if (times.some((t) => t.getTime() <= now.getTime())) refuse("Preferred times must be in the future.");
  if (times.some((t) => t.getTime() > now.getTime() + maxAdvanceDays * DAY_MS))
    refuse(`The studio takes bookings up to ${maxAdvanceDays} days ahead: choose earlier times.`);
}

/**
 * A client asks for a session of an instructor-led service, with an instructor or anyone who
 * teaches it at that location. The request and the messages to the instructor(s) are one
 * transaction; when it escalates and expires is fixed now, from the studio's settings.
 */
export async function createBookingRequest(
  tenant: Tenant,
  actor: User,
  input: NewRequest,
  now = new Date(),
): Promise<BookingRequest> {
  if (actor.role !== "client") throw new Forbidden("Booking requests are made by clients, for themselves.");
  if (actor.status !== "active")
    throw new Refused(403, "ACCOUNT_INACTIVE", "This account cannot book. Please contact the studio.");
  if (actor.bookingPermissions === "restricted")
    throw new Refused(403, "CLIENT_RESTRICTED", "Please contact the studio to book.");
  const db = database();
  const [service, location, settings, instructors] = await Promise.all([
    findService(db, tenant, input.serviceId),
    findLocationById(db, tenant, input.locationId),
    findStudioSettings(db, tenant),
    listBookableInstructors(db, tenant, input.locationId),
  ]);
  if (!service || service.archivedAt || service.type !== "session") throw new NotFound("There is no such session.");
  if (service.bookingMode !== "instructor_led")
    throw new Refused(
      409,
      "NOT_INSTRUCTOR_LED",
      "This session is not booked by request: choose a time on the booking page instead.",
    );
  if (!location?.isActive || !service.locationIds.includes(location.id))
    throw new Refused(400, "LOCATION_NOT_OFFERED", `${service.name} is not offered at that location.`);
  if (input.instructorId && !instructors.some((i) => i.id === input.instructorId))
    throw new Refused(400, "INSTRUCTOR_NOT_HERE", "That instructor does not teach at this location.");
  const asked = input.instructorId ? instructors.filter((i) => i.id === input.instructorId) : instructors;
  if (asked.length === 0) throw new Refused(409, "NO_INSTRUCTOR", "Nobody teaches this session at that location yet.");
  checkTimes(input.preferredTimes, now, settings.maxAdvanceDays);
  const times = [...input.preferredTimes].sort((a, b) => a.getTime() - b.getTime());
  return db.transaction(async (tx) => {
    const request = await insertBookingRequest(tx, tenant, {
      clientId: actor.id,
      serviceId: service.id,
      locationId: location.id,
      requestedInstructorId: input.instructorId,
      instructorId: input.instructorId,
      preferredTimes: times,
      notes: input.notes,
      escalateAt: new Date(now.getTime() + settings.requestEscalationHours * HOUR_MS),
      expiresAt: new Date(now.getTime() + settings.requestExpiryHours * HOUR_MS),
      createdById: actor.id,
    });
    const facts = requestFacts(request, actor, service, location);
    const message = requestReceived(voiceOf(tenant), facts, input.instructorId === null);
    const delivery = { template: "request_received", settings, zone: location.timezone, locationId: location.id, now };
    for (const person of asked) await tellStaff(tx, tenant, person, message, delivery);
    return request;
  });
}

/** The client takes back a request still open; a request answered meanwhile is left as it is. */
export async function withdrawBookingRequest(tenant: Tenant, actor: User, id: string, now = new Date()) {
  return database().transaction(async (tx) => {
    const request = await lockBookingRequest(tx, tenant, id);
    if (!request || request.clientId !== actor.id) throw new NotFound("There is no such request.");
    if (!isOpen(request))
      throw new Refused(409, "REQUEST_CLOSED", "This request has already been answered or has ended.");
    return updateBookingRequest(tx, tenant, id, { status: "withdrawn", respondedAt: now });
  });
}
