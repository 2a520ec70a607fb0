import { findShownBooking } from "~/models/booking.server";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { findActiveUserById } from "~/models/user.server";
import { can } from "~/services/identity/permissions";
import { localDateOf, localTimeOf } from "~/services/schedule/local-time";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import type { NoShowApplied } from "./no-show.server";

/**
 * A 1:1 session's attendance as its booking page offers it to staff who may mark it: from the
 * start, for a booking that happened or should have (confirmed, checked in, or already marked), the current
 * mark in words and a form to set or correct it. What the last no-show cost is read back from
 * the event the rule recorded, so the page says it after the redirect and every time after.
 */

const MARKABLE = new Set(["confirmed", "checked_in", "completed", "no_show"]);

export type SessionAttendancePanel = {
  /** Null until someone marks it. */
  mark: { attended: boolean; by: string | null; at: string } | null;
  note: string | null;
  /** What the no-show rule did, for a booking marked a no-show. */
  cost: string | null;
};

function costOf(applied: NoShowApplied | undefined, creditKept: boolean): string | null {
  if (!applied) return null;
  if (applied.feeQueued) return "A no-show fee is charged to the card on file; the credit came back.";
  if (applied.creditsReturned > 0) return "The credit came back to the client.";
  if (!creditKept) return null;
  return applied.rule === "charge_fee"
    ? "No card on file: the credit was kept instead of a fee."
    : "The credit was kept as the no-show fee.";
}

/** The panel for this actor, or null: clients, staff who may not mark it, class bookings, and sessions not yet begun or never live. */
export async function sessionAttendancePanel(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  now = new Date(),
): Promise<SessionAttendancePanel | null> {
  if (actor.role === "client") return null;
  const db = database();
  const row = await findShownBooking(db, tenant, bookingId);
  if (!row) return null;
  const { booking, timezone } = row;
  const subject = { locationId: booking.locationId, scheduleOwnerId: booking.instructorId };
  if (!can(actor, "attendance.mark", subject).allowed) return null;
  // A class's people are marked together on the class page.
  if (booking.occurrenceId || !MARKABLE.has(booking.status) || now < booking.startsAt) return null;
  const marked = booking.status === "completed" || booking.status === "no_show";
  if (!marked || !booking.attendanceMarkedAt) return { mark: null, note: booking.attendanceNote, cost: null };
  const [marker, events] = await Promise.all([
    booking.attendanceMarkedById ? findActiveUserById(db, tenant, booking.attendanceMarkedById) : undefined,
    booking.status === "no_show" ? listDomainEventsForBooking(db, tenant, booking.id) : [],
  ]);
  const at = booking.attendanceMarkedAt;
  const sameDay = localDateOf(at, timezone) === localDateOf(booking.startsAt, timezone);
  const lastNoShow = events.filter((e) => e.type === "booking.no_show").at(-1)?.payload as NoShowApplied | undefined;
  return {
    mark: {
      attended: booking.status === "completed",
      by: marker?.fullName ?? null,
      at: sameDay ? localTimeOf(at, timezone) : `${localDateOf(at, timezone)} ${localTimeOf(at, timezone)}`,
    },
    note: booking.attendanceNote,
    cost: costOf(lastNoShow, booking.creditForfeited),
  };
}
