import { listShownBookings } from "~/models/booking.server";
import { can } from "~/services/identity/permissions";
import { requireInstructor } from "~/services/people/instructor.server";
import { listClasses } from "~/services/schedule/timetable.server";
import { classJson } from "~/services/schedule/timetable-json";
import { Forbidden } from "~/services/shared/errors";
import { type PageRequest, pageOf, pageWindow } from "~/services/shared/pages";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking, User } from "~db/schema/tenant";
import { listBookings, toBookingView } from "./views.server";

/** What the instructor API reads beyond the pages: one instructor's schedule and what they teach. */

/**
 * Whose schedule this actor may read: their own, or, for staff who may see the studio's bookings
 * (the desk, managers, the owner), an instructor who works at one of their locations. A client
 * books from the public timetable (GET /api/classes) and never sees another client's session.
 */
function mayReadSchedule(actor: User, instructor: User, locationIds: string[]) {
  if (actor.id === instructor.id) return true;
  if (actor.role === "client") return false;
  // Instructors may see bookings of their assigned clients only, never a colleague's day.
  return can(actor, "booking.view_all", { anyOfLocationIds: locationIds, client: { id: "", instructorIds: [] } })
    .allowed;
}

/**
 * The classes an instructor teaches (a class they cover as substitute is theirs) and the 1:1
 * sessions booked with them, starting in [from, to). Staff other than the owner see what happens
 * at their own locations.
 */
export async function instructorSchedule(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  range: { from: Date; to: Date; locationId?: string },
) {
  const { instructor, locations } = await requireInstructor(tenant, instructorId);
  if (
    !mayReadSchedule(
      actor,
      instructor,
      locations.map((l) => l.id),
    )
  )
    throw new Forbidden("Only the instructor and the staff at their locations see their schedule.");
  const everywhere = actor.id === instructor.id || actor.role === "org_owner";
  const seen = everywhere ? undefined : actor.accessibleLocations;
  const locationIds = range.locationId ? (seen ?? [range.locationId]).filter((id) => id === range.locationId) : seen;
  const [classes, bookings] = await Promise.all([
    listClasses(tenant, { from: range.from, to: range.to, instructorId: instructor.id, locationIds }),
    listBookings(tenant, actor, {
      from: range.from,
      to: range.to,
      instructorId: instructor.id,
      locationId: range.locationId,
    }),
  ]);
  return {
    instructor: { id: instructor.id, name: instructor.fullName },
    classes: classes.map(classJson),
    sessions: bookings
      .filter((b) => b.kind === "session" && (!locationIds || locationIds.includes(b.location.id)))
      .map((b) => ({
        id: b.id,
        status: b.status,
        serviceId: b.serviceId,
        serviceName: b.serviceName,
        location: b.location,
        client: b.client,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
      })),
  };
}

/** Roles that teach nothing have no bookings of their own to list. */
const TEACHES_NOTHING: readonly User["role"][] = ["client", "receptionist", "finance_manager"];

/** A page of the bookings the caller teaches, soonest first (as /api/bookings scopes an instructor). */
export async function teachingBookings(
  tenant: Tenant,
  actor: User,
  query: { from?: Date; to?: Date; status?: Booking["status"]; locationId?: string },
  page: PageRequest,
) {
  if (TEACHES_NOTHING.includes(actor.role)) throw new Forbidden("Only people who teach have bookings to teach.");
  const rows = await listShownBookings(database(), tenant, {
    instructorId: actor.id,
    from: query.from,
    to: query.to,
    statuses: query.status ? [query.status] : undefined,
    locationIds: query.locationId ? [query.locationId] : undefined,
    ...pageWindow(page),
  });
  const { items, pagination } = pageOf(rows, page);
  return { bookings: items.map(toBookingView), pagination };
}
