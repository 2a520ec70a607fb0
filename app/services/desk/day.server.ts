import { listShownBookings, type ShownBooking } from "~/models/booking.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { dayLabel } from "~/services/schedule/dates";
import { localDaysSpan, localTimeOf, todayIn } from "~/services/schedule/local-time";
import { listClasses } from "~/services/schedule/timetable.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { BOOKING_STATUSES, type Booking, type StudioSettings, type User } from "~db/schema/tenant";
import { checkInTiming } from "./check-in-window";
import { requireDeskLocation } from "./desk-location.server";

/**
 * The desk's day at one location, on its own clock: every class and 1:1 session in time
 * order, who is due and who has arrived. Three queries whatever the day holds (classes, the
 * day's bookings, the settings), so a desk with forty classes loads as fast as one with four.
 */

const LIVE_STATUSES = BOOKING_STATUSES.filter((s) => s !== "cancelled");
// Who is due is listed for what starts within this much from now (and what is on now); the
// rest of the day shows its counts, and its roster is one click away. A busy day of forty
// classes would otherwise send every one of six hundred names on every load of the desk.
const DUE_AHEAD_MS = 2 * 60 * 60_000;
// Far more bookings than one location's day holds.
const DAY_BOOKINGS_LIMIT = 5000;

export type DeskPerson = {
  bookingId: string;
  clientId: string;
  name: string;
  status: Booking["status"];
  /** Arrived: checked in, or marked as attended. */
  arrived: boolean;
  /** When they checked in, on the location's clock. */
  checkedInAt: string | null;
  /** A check-in button belongs here: confirmed, not arrived, and the window is open. */
  mayCheckIn: boolean;
};

/** Whether check-in is open for a start, with a short note for the desk when it is not. */
export type DeskWindow = { open: boolean; note: string };

export type DeskItem = {
  kind: "class" | "session";
  /** The class's occurrence id, or the session's booking id. */
  id: string;
  name: string;
  instructor: string;
  time: string;
  endTime: string;
  booked: number;
  capacity: number;
  arrived: number;
  /** Bookings due (a booking may hold several places). */
  expected: number;
  cancelled: boolean;
  /** No place left: the desk may put someone on the waitlist instead. */
  full: boolean;
  started: boolean;
  checkIn: DeskWindow;
  people: DeskPerson[];
  /** The people are not listed here (later or earlier in the day): the roster has them. */
  peopleElsewhere: boolean;
};

/** The day's live bookings at a location, all of them, soonest first. */
export function todaysBookings(
  tenant: Tenant,
  locationId: string,
  span: { from: Date; to: Date },
  clientIds?: string[],
) {
  return listShownBookings(database(), tenant, {
    locationIds: [locationId],
    clientIds,
    from: span.from,
    to: span.to,
    statuses: LIVE_STATUSES,
    limit: DAY_BOOKINGS_LIMIT,
  });
}

export function hasArrived(booking: Pick<Booking, "checkedInAt" | "status">) {
  return booking.checkedInAt !== null || booking.status === "checked_in" || booking.status === "completed";
}

export function deskWindow(startsAt: Date, settings: StudioSettings, zone: string, now: Date): DeskWindow {
  const timing = checkInTiming(startsAt, settings, zone, now);
  if (timing.open) return { open: true, note: "Check-in open" };
  return timing.code === "CHECK_IN_NOT_OPEN"
    ? { open: false, note: `Check-in opens at ${localTimeOf(timing.opensAt, zone)}` }
    : { open: false, note: "Check-in closed" };
}

export function deskPerson(row: ShownBooking, window: DeskWindow): DeskPerson {
  const { booking } = row;
  const arrived = hasArrived(booking);
  return {
    bookingId: booking.id,
    clientId: booking.clientId,
    name: row.clientName,
    status: booking.status,
    arrived,
    checkedInAt: booking.checkedInAt ? localTimeOf(booking.checkedInAt, row.timezone) : null,
    mayCheckIn: window.open && !arrived && booking.status === "confirmed",
  };
}

export async function deskDay(tenant: Tenant, actor: User, locationId: string, now = new Date()) {
  const location = await requireDeskLocation(tenant, actor, locationId);
  const zone = location.timezone;
  const today = todayIn(zone, now);
  const span = localDaysSpan(today, today, [zone]);
  const [classes, bookings, settings] = await Promise.all([
    listClasses(tenant, { ...span, locationIds: [location.id] }),
    todaysBookings(tenant, location.id, span),
    findStudioSettings(database(), tenant),
  ]);
  const byClass = new Map<string, ShownBooking[]>();
  for (const row of bookings) {
    const occurrenceId = row.booking.occurrenceId;
    if (!occurrenceId) continue;
    const rows = byClass.get(occurrenceId);
    if (rows) rows.push(row);
    else byClass.set(occurrenceId, [row]);
  }
  const dueNow = (startsAt: Date, endsAt: Date) =>
    startsAt.getTime() - now.getTime() <= DUE_AHEAD_MS && endsAt.getTime() >= now.getTime();
  const items: (DeskItem & { startsAt: Date })[] = classes.map((c) => {
    const window = deskWindow(c.startsAt, settings, zone, now);
    const rows = byClass.get(c.id) ?? [];
    const people = rows.map((row) => deskPerson(row, window));
    const listed = !c.cancelled && dueNow(c.startsAt, c.endsAt);
    return {
      kind: "class",
      id: c.id,
      name: c.name,
      instructor: c.instructor,
      time: c.time,
      endTime: c.endTime,
      startsAt: c.startsAt,
      booked: rows.reduce((sum, row) => sum + row.booking.spotsBooked, 0),
      capacity: c.capacity,
      arrived: people.filter((p) => p.arrived).length,
      expected: people.length,
      cancelled: c.cancelled,
      full: !c.cancelled && c.spotsLeft <= 0,
      started: c.startsAt <= now,
      checkIn: c.cancelled ? { open: false, note: "Cancelled" } : window,
      people: listed ? people : [],
      peopleElsewhere: !listed && !c.cancelled && people.length > 0,
    };
  });
  for (const row of bookings) {
    if (row.booking.occurrenceId) continue;
    const { booking } = row;
    const window = deskWindow(booking.startsAt, settings, zone, now);
    const person = deskPerson(row, window);
    items.push({
      kind: "session",
      id: booking.id,
      name: row.serviceName,
      instructor: row.instructorName,
      time: localTimeOf(booking.startsAt, zone),
      endTime: localTimeOf(booking.endsAt, zone),
      startsAt: booking.startsAt,
      booked: 1,
      capacity: 1,
      arrived: person.arrived ? 1 : 0,
      expected: 1,
      cancelled: false,
      full: false,
      started: booking.startsAt <= now,
      checkIn: window,
      people: [person],
      peopleElsewhere: false,
    });
  }
  items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return {
    location: { id: location.id, name: location.name },
    heading: dayLabel(today),
    items: items.map(({ startsAt: _, ...item }) => item),
  };
}
