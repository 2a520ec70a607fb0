import { findLiveBookingsByCheckInCode, findShownBooking, lockBooking, updateBooking } from "~/models/booking.server";
import { insertDomainEvents } from "~/models/domain-event.server";
import { findLocationById } from "~/models/location.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { can } from "~/services/identity/permissions";
import { localTimeOf } from "~/services/schedule/local-time";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking, CheckInSource, User } from "~db/schema/tenant";
import { readCheckInCode } from "./check-in-code";
import { checkInTiming } from "./check-in-window";
import { distanceMetres, type Position, WORST_USEFUL_ACCURACY_METRES } from "./position";

/**
 * Checking a booking in: by staff at the desk or from a roster, by a scanned code at the desk,
 * or by the client from their phone near the location. Under the booking's row lock, so twenty
 * scans of one code check in once and tell the other nineteen "already checked in".
 */

export type CheckInRequest =
  | { via: "staff" }
  /** A code typed or scanned into a desk's search: the desk's location must be the booking's. */
  | { via: "code"; deskLocationId: string }
  /** The client's own check-in; their browser's position, or null when it gave none. */
  | { via: "client"; position: Position | null };

export type CheckInResult = {
  outcome: "checked_in" | "already";
  bookingId: string;
  clientId: string;
  clientName: string;
  serviceName: string;
  locationName: string;
  /** The booking's start on the location's clock. */
  time: string;
  checkedInAt: Date;
  /** What to show: "Checked in: Ada Lovelace, Yoga Flow 18:00" or "… was already checked in at 17:41". */
  message: string;
};

const NO_SUCH_BOOKING = "There is no such booking.";
const AT_THE_DESK = "Check in at the desk when you arrive.";

/** Who may check this booking in: the client themselves, the desk and managers there, its instructor. */
function assertMayCheckIn(actor: User, booking: Booking) {
  if (actor.role === "client") {
    if (booking.clientId !== actor.id) throw new NotFound(NO_SUCH_BOOKING);
    return;
  }
  const decision = can(actor, "booking.check_in", {
    locationId: booking.locationId,
    scheduleOwnerId: booking.instructorId,
  });
  if (decision.allowed) return;
  // Staff elsewhere are not told the booking exists; an instructor here is told why not.
  if (decision.reason === "location") throw new NotFound(NO_SUCH_BOOKING);
  throw new Forbidden(
    decision.reason === "own_schedule_only"
      ? "You can check in only the clients of your own sessions and classes."
      : "Your role cannot check clients in.",
  );
}

/** The refusal for a booking that is not confirmed, or null when it may be checked in. */
function statusRefusal(booking: Booking): Refused | null {
  switch (booking.status) {
    case "confirmed":
    case "checked_in":
    case "completed":
      return null;
    case "cancelled":
      return new Refused(409, "BOOKING_CANCELLED", "This booking was cancelled.");
    case "pending":
      return new Refused(409, "BOOKING_PENDING", "This booking is waiting for the instructor to confirm it.");
    case "awaiting_payment":
      return new Refused(409, "PAYMENT_PENDING", "This booking is not paid yet. Take the payment first.");
    case "no_show":
      return new Refused(
        409,
        "MARKED_NO_SHOW",
        "This booking was marked as a no-show. Change its attendance on the roster instead.",
      );
  }
}

async function assertClientNearby(tenant: Tenant, booking: Booking, position: Position | null, radius: number) {
  const location = await findLocationById(database(), tenant, booking.locationId);
  if (location?.latitude == null || location.longitude == null) {
    throw new Refused(409, "LOCATION_NOT_PLACED", `This location has not set where it is. ${AT_THE_DESK}`);
  }
  if (!position) throw new Refused(400, "POSITION_NEEDED", `We could not tell where you are. ${AT_THE_DESK}`);
  if (position.accuracyMetres !== null && position.accuracyMetres > WORST_USEFUL_ACCURACY_METRES) {
    throw new Refused(400, "POSITION_TOO_ROUGH", `Your phone could not tell precisely where you are. ${AT_THE_DESK}`);
  }
  const metres = Math.round(distanceMetres(position, { latitude: location.latitude, longitude: location.longitude }));
  if (metres > radius) {
    const far = metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${metres} m`;
    throw new Refused(
      409,
      "TOO_FAR",
      `You seem to be ${far} from ${location.name}. Check in when you are there, or at the desk.`,
    );
  }
  return metres;
}

export async function checkIn(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  request: CheckInRequest,
  now = new Date(),
): Promise<CheckInResult> {
  const db = database();
  const shown = await findShownBooking(db, tenant, bookingId);
  if (!shown) throw new NotFound(NO_SUCH_BOOKING);
  const { booking } = shown;
  assertMayCheckIn(actor, booking);
  if (request.via === "code" && booking.locationId !== request.deskLocationId) {
    throw new Refused(409, "WRONG_LOCATION", `This booking is at ${shown.locationName}, not at this desk's location.`);
  }
  const settings = await findStudioSettings(db, tenant);
  const resultOf = (outcome: CheckInResult["outcome"], at: Date): CheckInResult => {
    const time = localTimeOf(booking.startsAt, shown.timezone);
    const what = `${shown.clientName}, ${shown.serviceName} ${time}`;
    return {
      outcome,
      bookingId: booking.id,
      clientId: booking.clientId,
      clientName: shown.clientName,
      serviceName: shown.serviceName,
      locationName: shown.locationName,
      time,
      checkedInAt: at,
      message:
        outcome === "checked_in"
          ? `Checked in: ${what}.`
          : `Already checked in: ${what} (at ${localTimeOf(at, shown.timezone)}).`,
    };
  };

  // A second check-in says so whatever the clock says now (attended counts as arrived).
  const arrived = (b: Booking) => b.checkedInAt ?? (b.status === "completed" ? (b.attendanceMarkedAt ?? now) : null);
  const earlier = arrived(booking);
  if (earlier) return resultOf("already", earlier);
  const refusal = statusRefusal(booking);
  if (refusal) throw refusal;
  const timing = checkInTiming(booking.startsAt, settings, shown.timezone, now);
  if (!timing.open) throw new Refused(409, timing.code, timing.message);

  let distance: number | null = null;
  if (request.via === "client") {
    if (!settings.clientCheckIn) throw new Refused(403, "CLIENT_CHECK_IN_OFF", AT_THE_DESK);
    distance = await assertClientNearby(tenant, booking, request.position, settings.checkInRadiusMetres);
  }
  const source: CheckInSource = request.via;

  return db.transaction(async (tx) => {
    const locked = await lockBooking(tx, tenant, booking.id);
    if (!locked) throw new NotFound(NO_SUCH_BOOKING);
    const meanwhile = arrived(locked);
    if (meanwhile) return resultOf("already", meanwhile);
    const changed = statusRefusal(locked);
    if (changed) throw changed;
    await updateBooking(tx, tenant, locked.id, {
      status: "checked_in",
      checkedInAt: now,
      checkedInById: actor.id,
      checkInSource: source,
      checkInDistanceMetres: distance,
    });
    await insertDomainEvents(tx, tenant, [
      {
        type: "booking.checked_in",
        bookingId: locked.id,
        occurrenceId: locked.occurrenceId,
        payload: { clientId: locked.clientId, by: actor.id, source, distanceMetres: distance },
      },
    ]);
    return resultOf("checked_in", now);
  });
}

/**
 * A code typed or scanned at a desk: the live booking with that code at this desk's location,
 * checked in. Codes are looked up only in this studio's schema, so another studio's code is
 * simply unknown here; one of this studio's other locations is refused by name.
 */
export async function checkInByCode(
  tenant: Tenant,
  actor: User,
  deskLocationId: string,
  text: string,
  now = new Date(),
): Promise<CheckInResult> {
  const code = readCheckInCode(text);
  if (!code) throw new Refused(400, "NOT_A_CODE", "That is not a check-in code.");
  const found = await findLiveBookingsByCheckInCode(database(), tenant, code);
  if (found.length === 0) throw new Refused(404, "UNKNOWN_CODE", `No booking has the code ${code}.`);
  // Codes are random rather than unique: on the rare double, the one here and nearest in time wins.
  const here = found.filter((b) => b.locationId === deskLocationId);
  const pick = (here.length > 0 ? here : found).reduce((best, b) =>
    Math.abs(b.startsAt.getTime() - now.getTime()) < Math.abs(best.startsAt.getTime() - now.getTime()) ? b : best,
  );
  return checkIn(tenant, actor, pick.id, { via: "code", deskLocationId }, now);
}
