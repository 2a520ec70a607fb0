import { findShownBooking, listShownBookings, type ShownBooking } from "~/models/booking.server";
import type { BookingNoticeFacts } from "~/models/booking-notice.server";
import { findClassSeries } from "~/models/class-series.server";
import { listInstructorIdsForClient } from "~/models/client-instructor.server";
import { ledgerForBooking } from "~/models/credit.server";
import { findLocationById } from "~/models/location.server";
import { findOccurrenceWithNames, listOccurrencesBetween } from "~/models/occurrence.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { can, canAccessLocation } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { localDateOf, localDayBounds, localTimeOf } from "~/services/schedule/local-time";
import { dayDateAt } from "~/services/shared/date-words";
import { NotFound } from "~/services/shared/errors";
import { type PageRequest, pageOf, pageWindow } from "~/services/shared/pages";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking, User } from "~db/schema/tenant";
import { bookingVisibleTo, cancellationTerms, confirmationTerms, rescheduleTerms, undoTerms } from "./rules";

/** A booking as pages and the API show it: names, the location's local date and times. */
export type BookingView = {
  id: string;
  kind: "session" | "class";
  status: Booking["status"];
  method: Booking["bookingMethod"];
  serviceId: string;
  serviceName: string;
  occurrenceId: string | null;
  /** What the client shows (or a scanner reads) at the desk to check in. */
  checkInCode: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  date: string;
  dateLabel: string;
  time: string;
  endTime: string;
  location: { id: string; name: string };
  instructor: { id: string; name: string };
  client: { id: string; name: string };
  spots: number;
  notes: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  creditForfeited: boolean;
  rescheduledFromId: string | null;
  /** Who confirmed a booking that waited, when, and why when they confirmed in another's place. */
  confirmedBy: { id: string; name: string } | null;
  confirmedAt: string | null;
  confirmationOverrideReason: string | null;
};

/**
 * The booking as shown, from the facts its messages were written with in the same transaction:
 * the same rows findShownBooking joins. Undefined when it names a confirmer (the facts do not
 * carry their name) or no instructor, so the caller reads it instead.
 */
export function shownFromNoticeFacts(facts: BookingNoticeFacts): ShownBooking | undefined {
  const { booking, service, location, client } = facts;
  if (booking.confirmedById !== null || facts.instructorName === null) return undefined;
  return {
    booking,
    serviceName: service.name,
    serviceType: service.type,
    cancellationWindowHours: service.cancellationWindowHours,
    locationName: location.name,
    timezone: location.timezone,
    clientName: client.fullName,
    clientEmail: client.email,
    instructorName: facts.instructorName,
    confirmerName: null,
  };
}

export function toBookingView(row: ShownBooking): BookingView {
  const { booking: b, timezone: zone } = row;
  return {
    id: b.id,
    kind: row.serviceType,
    status: b.status,
    method: b.bookingMethod,
    serviceId: b.serviceId,
    serviceName: row.serviceName,
    occurrenceId: b.occurrenceId,
    checkInCode: b.checkInCode,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    timezone: zone,
    date: localDateOf(b.startsAt, zone),
    dateLabel: dayDateAt(b.startsAt, zone),
    time: localTimeOf(b.startsAt, zone),
    endTime: localTimeOf(b.endsAt, zone),
    location: { id: b.locationId, name: row.locationName },
    instructor: { id: b.instructorId, name: row.instructorName },
    client: { id: b.clientId, name: row.clientName },
    spots: b.spotsBooked,
    notes: b.notes,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelReason: b.cancelReason,
    creditForfeited: b.creditForfeited,
    rescheduledFromId: b.rescheduledFromId,
    confirmedBy: b.confirmedById ? { id: b.confirmedById, name: row.confirmerName ?? "" } : null,
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    confirmationOverrideReason: b.confirmationOverrideReason,
  };
}

/** A booking as a list row shows it. */
export type BookingRowView = {
  id: string;
  kind: "session" | "class";
  status: string;
  serviceName: string;
  dateLabel: string;
  time: string;
  endTime: string;
  location: { name: string };
  instructor: { name: string };
  client: { name: string };
  spots: number;
};

/** Only what a booking row shows (these lists are opened on phones). */
export function toBookingRow(b: BookingRowView): BookingRowView {
  return {
    id: b.id,
    kind: b.kind,
    status: b.status,
    serviceName: b.serviceName,
    dateLabel: b.dateLabel,
    time: b.time,
    endTime: b.endTime,
    location: { name: b.location.name },
    instructor: { name: b.instructor.name },
    client: { name: b.client.name },
    spots: b.spots,
  };
}

/** The actor's own bookings as a client: coming up (soonest first), past and cancelled (latest first). */
export async function myBookings(tenant: Tenant, actor: User, now = new Date()) {
  const rows = await listShownBookings(database(), tenant, { clientId: actor.id, newestFirst: true, limit: 300 });
  const views = rows.map(toBookingView);
  const at = now.toISOString();
  return {
    upcoming: views.filter((b) => b.status !== "cancelled" && b.endsAt > at).reverse(),
    past: views.filter((b) => b.status !== "cancelled" && b.endsAt <= at),
    cancelled: views.filter((b) => b.status === "cancelled"),
  };
}

/**
 * A client's bookings, latest first, for themself or staff who may see that client (404/403
 * otherwise): the client page's latest 300, or one window of the API's pages.
 */
export async function clientBookings(
  tenant: Tenant,
  actor: User,
  clientId: string,
  window: { offset: number; limit: number } = { offset: 0, limit: 300 },
) {
  if (actor.id !== clientId) await requireVisibleClient(tenant, actor, clientId);
  const rows = await listShownBookings(database(), tenant, { clientId, newestFirst: true, ...window });
  return rows.map(toBookingView);
}

async function requireVisibleBooking(tenant: Tenant, actor: User, bookingId: string) {
  const db = database();
  const row = await findShownBooking(db, tenant, bookingId);
  if (!row) throw new NotFound("There is no such booking.");
  const instructorIds =
    actor.role === "client" || row.booking.clientId === actor.id
      ? []
      : await listInstructorIdsForClient(db, tenant, row.booking.clientId);
  if (!bookingVisibleTo(actor, row.booking, instructorIds)) throw new NotFound("There is no such booking.");
  return row;
}

/**
 * One booking with what this actor may do to it now: undo it (staff who just made it), cancel
 * (and whether the credit comes back, said before they confirm), move it, confirm it.
 */
export async function bookingDetail(tenant: Tenant, actor: User, bookingId: string, now = new Date()) {
  const row = await requireVisibleBooking(tenant, actor, bookingId);
  const { booking } = row;
  const db = database();
  const [credits, settings] = await Promise.all([
    ledgerForBooking(db, tenant, booking.id),
    findStudioSettings(db, tenant),
  ]);
  const undo = undoTerms(actor, booking, settings.undoMinutes, now);
  const cancel = cancellationTerms(actor, booking, row.cancellationWindowHours, now);
  const move = rescheduleTerms(actor, booking, row.cancellationWindowHours, now);
  const confirm = confirmationTerms(actor, booking);
  const creditsHeld = -credits.reduce((total, e) => total + e.delta, 0);
  const isStaff = actor.role !== "client";
  return {
    booking: toBookingView(row),
    cancellationWindowHours: row.cancellationWindowHours,
    creditsSpent: creditsHeld,
    // The undo replaces cancelling while it lasts (the engine treats a cancel then as an undo).
    undo: undo.allowed ? { until: localTimeOf(undo.until, row.timezone) } : null,
    cancel: undo.allowed
      ? { allowed: true as const, late: false, creditReturned: true, mayForfeit: false }
      : cancel.allowed
        ? {
            allowed: true as const,
            late: cancel.late,
            creditReturned: cancel.creditReturned,
            mayForfeit: cancel.mayForfeit,
          }
        : { allowed: false as const, message: cancel.message },
    reschedule: move.allowed ? { allowed: true as const } : { allowed: false as const, message: move.message },
    // Staff see whether it is theirs to confirm, and if not whose it is.
    canConfirm: isStaff && confirm.allowed,
    confirmNeedsReason: isStaff && confirm.allowed && confirm.override,
    confirmWaiting: isStaff && !confirm.allowed && booking.status === "pending" ? confirm.message : null,
    isStaff,
  };
}

export type BookingListQuery = {
  from?: Date;
  to?: Date;
  locationId?: string;
  instructorId?: string;
  clientId?: string;
  status?: Booking["status"];
};

type ShownFilter = Parameters<typeof listShownBookings>[2];

/**
 * What this actor may list, narrowed by the query: a client their own; an instructor those they
 * teach; front desk and managers their locations'; the owner everything. Filters narrow, never
 * widen. Null when the query asks for a location the actor has no access to (nothing to list).
 */
function visibleBookings(actor: User, query: BookingListQuery): ShownFilter | null {
  const filter: ShownFilter = {
    from: query.from,
    to: query.to,
    statuses: query.status ? [query.status] : undefined,
    clientId: query.clientId,
    instructorId: query.instructorId,
  };
  if (actor.role === "client") {
    filter.clientId = actor.id;
  } else if (
    !can(actor, "booking.view_all", { locationId: query.locationId, client: { id: "", instructorIds: [] } }).allowed
  ) {
    // Instructors (view_all only for their assigned clients) list what they teach.
    filter.instructorId = actor.id;
  }
  if (query.locationId) {
    if (actor.role !== "client" && !canAccessLocation(actor, query.locationId)) return null;
    filter.locationIds = [query.locationId];
  } else if (actor.role !== "client" && actor.role !== "org_owner" && filter.instructorId !== actor.id) {
    filter.locationIds = actor.accessibleLocations;
  }
  return filter;
}

/** The bookings this actor may list (see `visibleBookings`), soonest first, up to 500: the pages' lists. */
export async function listBookings(tenant: Tenant, actor: User, query: BookingListQuery) {
  const filter = visibleBookings(actor, query);
  if (!filter) return [];
  const rows = await listShownBookings(database(), tenant, { ...filter, limit: 500 });
  return rows.map(toBookingView);
}

/**
 * One page of the same list, for the API: read a page at a time in SQL, in start order (then
 * creation and id, so a page boundary between equal starts neither skips nor repeats a booking).
 */
export async function listBookingsPage(tenant: Tenant, actor: User, query: BookingListQuery, page: PageRequest) {
  const filter = visibleBookings(actor, query);
  const rows = filter ? await listShownBookings(database(), tenant, { ...filter, ...pageWindow(page) }) : [];
  const { items, pagination } = pageOf(rows, page);
  return { bookings: items.map(toBookingView), pagination };
}

/**
 * One class date with its names: `classId` an occurrence's id, or a series' id with the local
 * `date` it meets on (the API's classes are either). 404 when there is no such class date.
 */
export async function findClassOn(tenant: Tenant, classId: string, date?: string) {
  const db = database();
  const direct = await findOccurrenceWithNames(db, tenant, classId);
  if (direct) return direct;
  const series = await findClassSeries(db, tenant, classId);
  if (!series || !date) throw new NotFound(series ? "Give the class's date as ?date=YYYY-MM-DD." : "Class not found");
  const location = await findLocationById(db, tenant, series.locationId);
  const day = localDayBounds(date, location?.timezone ?? "Europe/London");
  const [match] = (await listOccurrencesBetween(db, tenant, { from: day.start, to: day.end })).filter(
    (row) => row.occurrence.seriesId === series.id,
  );
  if (!match) throw new NotFound("That class does not meet on that date.");
  const row = await findOccurrenceWithNames(db, tenant, match.occurrence.id);
  if (!row) throw new NotFound("Class not found");
  return row;
}

/**
 * Who is booked into one class (an occurrence id, or a series id and a local date): for the
 * instructor teaching it and for staff at its location.
 */
export async function classRoster(tenant: Tenant, actor: User, classId: string, date?: string) {
  const db = database();
  const row = await findClassOn(tenant, classId, date);
  const { occurrence } = row;
  const teaches = occurrence.instructorId === actor.id;
  const staff =
    actor.role !== "client" &&
    can(actor, "booking.view_all", {
      locationId: occurrence.locationId,
      client: { id: "", instructorIds: [] },
    }).allowed;
  if (!teaches && !staff) throw new NotFound("Class not found");
  const bookings = await listShownBookings(db, tenant, { occurrenceId: occurrence.id, limit: 1000 });
  const live = bookings.map(toBookingView).filter((b) => b.status !== "cancelled");
  const zone = row.locationTimezone;
  return {
    occurrence: {
      id: occurrence.id,
      seriesId: occurrence.seriesId,
      name: row.serviceName,
      location: { id: occurrence.locationId, name: row.locationName },
      instructor: { id: occurrence.instructorId, name: row.instructorName },
      startsAt: occurrence.startsAt.toISOString(),
      date: localDateOf(occurrence.startsAt, zone),
      time: localTimeOf(occurrence.startsAt, zone),
      capacity: occurrence.capacity,
      bookedSpots: occurrence.bookedSpots,
      status: occurrence.status,
    },
    bookings: live,
  };
}
