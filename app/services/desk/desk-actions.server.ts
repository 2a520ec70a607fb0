import { findShownBooking } from "~/models/booking.server";
import { localTimeOf } from "~/services/schedule/local-time";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { joinWaitlist } from "~/services/waitlist/line.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type CheckInResult, checkIn, checkInByCode } from "./check-in.server";
import { readCheckInCode } from "./check-in-code";
import { requireDeskLocation } from "./desk-location.server";
import { searchDesk } from "./search.server";

/**
 * What the desk's forms do: the search field's Enter (a scanned code checks in, anything else
 * searches), a result's or a roster line's "Check in", and putting a client on a full class's
 * waitlist. The page redirects after each and shows the outcome from `deskNotice`.
 */

export type FindOutcome = { kind: "checked-in"; result: CheckInResult } | { kind: "search" };

export async function deskFind(
  tenant: Tenant,
  actor: User,
  locationId: string,
  q: string,
  now = new Date(),
): Promise<FindOutcome> {
  await requireDeskLocation(tenant, actor, locationId);
  if (!readCheckInCode(q)) return { kind: "search" };
  try {
    return { kind: "checked-in", result: await checkInByCode(tenant, actor, locationId, q, now) };
  } catch (error) {
    // Eight letters can be a name ("Annabell") as well as a code: a name that finds someone searches.
    if (error instanceof Refused && error.code === "UNKNOWN_CODE") {
      if ((await searchDesk(tenant, actor, locationId, q, now)).length > 0) return { kind: "search" };
    }
    throw error;
  }
}

/** "Check in" on a result or a roster line: the desk's own check-in, whatever the booking's code. */
export async function deskCheckIn(
  tenant: Tenant,
  actor: User,
  locationId: string,
  bookingId: string,
  now = new Date(),
) {
  await requireDeskLocation(tenant, actor, locationId);
  return checkIn(tenant, actor, bookingId, { via: "staff" }, now);
}

export async function deskJoinWaitlist(
  tenant: Tenant,
  actor: User,
  locationId: string,
  request: { occurrenceId: string; clientId: string },
  now = new Date(),
) {
  await requireDeskLocation(tenant, actor, locationId);
  return joinWaitlist(tenant, actor, request, now);
}

/**
 * The line the desk reads after a check-in redirected back: "Checked in: Ada Lovelace, Yoga
 * 18:00." Only for a booking at this desk's location (the id comes from the address bar).
 */
export async function deskNotice(
  tenant: Tenant,
  actor: User,
  locationId: string,
  notice: { outcome: "checked_in" | "already"; bookingId: string },
): Promise<string | null> {
  await requireDeskLocation(tenant, actor, locationId);
  const shown = await findShownBooking(database(), tenant, notice.bookingId);
  if (!shown || shown.booking.locationId !== locationId || !shown.booking.checkedInAt) return null;
  const what = `${shown.clientName}, ${shown.serviceName} ${localTimeOf(shown.booking.startsAt, shown.timezone)}`;
  return notice.outcome === "checked_in"
    ? `Checked in: ${what}.`
    : `Already checked in: ${what} (at ${localTimeOf(shown.booking.checkedInAt, shown.timezone)}).`;
}
