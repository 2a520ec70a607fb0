import { findShownBooking } from "~/models/booking.server";
import { findLocationById } from "~/models/location.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { can } from "~/services/identity/permissions";
import { localDateOf, localTimeOf } from "~/services/schedule/local-time";
import { checkInQrSvg, displayCheckInCode } from "~/services/shared/check-in-code";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type CheckInResult, checkIn } from "./check-in.server";
import { checkInTiming } from "./check-in-window";
import { readPosition } from "./position";

/**
 * Check-in as a booking's own page offers it: the code and its QR code while the booking is live,
 * and on its day what can be done now. The client checks in with their position; staff who may
 * check the booking in get a plain button.
 */

/** What the booking page offers on the booking's day. */
export type CheckInState =
  | { kind: "checked_in"; at: string }
  /** A button: the client's sends their position, staff's does not. */
  | { kind: "open"; via: "client" | "staff" }
  /** Not now, in words: when it opens, that it closed, or to check in at the desk. */
  | { kind: "not_now"; message: string };

export type CheckInPanel = {
  /** "K7M2 Q9XD" */
  code: string;
  /** The code as a QR code, inline SVG. */
  qrSvg: string;
  /** Null before the booking's day: the code is all there is to show. */
  state: CheckInState | null;
};

const AT_THE_DESK = "Check in at the desk when you arrive.";

/**
 * The panel for this actor, or null: for a booking that is not live (cancelled, waiting, over),
 * and for staff who may not check it in. A client sees only their own (NotFound otherwise).
 */
export async function checkInPanel(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  now = new Date(),
): Promise<CheckInPanel | null> {
  const db = database();
  const row = await findShownBooking(db, tenant, bookingId);
  if (!row || (actor.role === "client" && row.booking.clientId !== actor.id)) {
    throw new NotFound("There is no such booking.");
  }
  const { booking, timezone } = row;
  // As checkInBooking decides: a client checks in themselves, staff (even on their own booking) as staff.
  const client = actor.role === "client";
  if (
    !client &&
    !can(actor, "booking.check_in", { locationId: booking.locationId, scheduleOwnerId: booking.instructorId }).allowed
  )
    return null;
  if (booking.status !== "confirmed" && booking.status !== "checked_in") return null;
  if (booking.endsAt <= now) return null;

  const code = displayCheckInCode(booking.checkInCode);
  const qrSvg = await checkInQrSvg(booking.checkInCode);
  if (localDateOf(booking.startsAt, timezone) !== localDateOf(now, timezone)) return { code, qrSvg, state: null };
  if (booking.checkedInAt) {
    return { code, qrSvg, state: { kind: "checked_in", at: localTimeOf(booking.checkedInAt, timezone) } };
  }
  const settings = await findStudioSettings(db, tenant);
  const timing = checkInTiming(booking.startsAt, settings, timezone, now);
  if (!timing.open) return { code, qrSvg, state: { kind: "not_now", message: timing.message } };
  if (!client) return { code, qrSvg, state: { kind: "open", via: "staff" } };
  // A button that could only fail is not offered: without a place to measure from, the desk it is.
  const location = await findLocationById(db, tenant, booking.locationId);
  const placed = location?.latitude != null && location.longitude != null;
  if (!settings.clientCheckIn || !placed) return { code, qrSvg, state: { kind: "not_now", message: AT_THE_DESK } };
  return { code, qrSvg, state: { kind: "open", via: "client" } };
}

/** A position as a form or JSON sends it: each part untrusted, any of them missing. */
export type SentPosition = { latitude?: unknown; longitude?: unknown; accuracy?: unknown };

/**
 * A check-in from the booking page or the API: the booking's own client checks in with their
 * position (none without JavaScript, or when they did not share it), anyone else as staff.
 */
export function checkInBooking(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  sent: SentPosition,
  now = new Date(),
): Promise<CheckInResult> {
  if (actor.role !== "client") return checkIn(tenant, actor, bookingId, { via: "staff" }, now);
  const position = readPosition(sent.latitude, sent.longitude, sent.accuracy);
  return checkIn(tenant, actor, bookingId, { via: "client", position }, now);
}
