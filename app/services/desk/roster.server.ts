import { listShownBookings } from "~/models/booking.server";
import { findClassNote } from "~/models/class-note.server";
import { listInstructorIdsForClients } from "~/models/client-instructor.server";
import { findLatestParqResponse } from "~/models/parq.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { listWaitlistLine } from "~/models/waitlist.server";
import { classRoster, findClassOn } from "~/services/booking/views.server";
import { can } from "~/services/identity/permissions";
import { localTimeOf } from "~/services/schedule/local-time";
import { dayDate } from "~/services/shared/date-words";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking, User } from "~db/schema/tenant";
import { checkInTiming } from "./check-in-window";

/**
 * A class's roster for its staff, on the class page and printed: who is booked, whether they
 * have arrived or how they were marked, the waitlist, the class's note, and what this person may
 * do now (check in while the window is open; mark attendance from the start).
 */

export type Arrival = "not_yet" | "checked_in" | "attended" | "no_show";

export async function classAttendanceRoster(tenant: Tenant, actor: User, occurrenceId: string, now = new Date()) {
  const db = database();
  const roster = await classRoster(tenant, actor, occurrenceId);
  const { occurrence } = roster;
  const startsAt = new Date(occurrence.startsAt);
  const subject = { locationId: occurrence.location.id, scheduleOwnerId: occurrence.instructor.id };
  const [rows, settings, note, line, place] = await Promise.all([
    listShownBookings(db, tenant, { occurrenceId: occurrence.id, limit: 1000 }),
    findStudioSettings(db, tenant),
    findClassNote(db, tenant, occurrence.id),
    listWaitlistLine(db, tenant, occurrence.id),
    findClassOn(tenant, occurrence.id),
  ]);
  const timezone = place.locationTimezone;
  // Those still waiting for a confirmation or a payment are not on the roster yet.
  const booked = rows.filter((r) => ["confirmed", "checked_in", "completed", "no_show"].includes(r.booking.status));
  const clientIds = booked.map((r) => r.booking.clientId);
  const instructors = await listInstructorIdsForClients(db, tenant, clientIds);
  const parqFlag = async (clientId: string) => {
    const mayRead = can(actor, "parq.view", {
      client: { id: clientId, instructorIds: instructors.get(clientId) ?? [] },
      anyOfLocationIds: [occurrence.location.id],
    }).allowed;
    if (!mayRead) return null;
    const latest = await findLatestParqResponse(db, tenant, clientId);
    if (latest?.anyYes) return "review" as const;
    return !latest && settings.requireParqBeforeFirstBooking ? ("missing" as const) : null;
  };
  const people = await Promise.all(
    booked.map(async ({ booking: b, clientName }) => ({
      bookingId: b.id,
      clientId: b.clientId,
      name: clientName,
      spots: b.spotsBooked,
      arrival: arrivalOf(b),
      checkedInAt: b.checkedInAt ? localTimeOf(b.checkedInAt, timezone) : null,
      note: b.attendanceNote,
      parq: await parqFlag(b.clientId),
    })),
  );
  const timing = checkInTiming(startsAt, settings, timezone, now);
  return {
    occurrence: { ...occurrence, dateLabel: dayDate(occurrence.date) },
    people,
    waitlist: line.map(({ entry, clientName }, i) => ({ position: i + 1, name: clientName, status: entry.status })),
    note: note?.body ?? "",
    checkInOpen: timing.open && can(actor, "booking.check_in", subject).allowed,
    mayMark: now >= startsAt && occurrence.status !== "cancelled" && can(actor, "attendance.mark", subject).allowed,
    mayWriteNote: can(actor, "attendance.mark", subject).allowed,
  };
}

function arrivalOf(b: Booking): Arrival {
  if (b.status === "completed") return "attended";
  if (b.status === "no_show") return "no_show";
  return b.checkedInAt ? "checked_in" : "not_yet";
}
