import { listTravelTimes } from "~/models/availability.server";
import { listActiveLocations } from "~/models/location.server";
import { dayLabel, shortDayLabel, weekDates, weekStart } from "~/services/schedule/dates";
import { addDays, localDaysSpan, todayIn } from "~/services/schedule/local-time";
import type { TeachingQuery } from "~/services/schedule/queries.schema";
import { listClasses, type ScheduledClass } from "~/services/schedule/timetable.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Role, User } from "~db/schema/tenant";
import { confirmingSide } from "./rules";
import { type BookingView, listBookings } from "./views.server";

const TEACHING_ROLES: Role[] = ["instructor", "trainer", "org_owner"];

/** Getting here from the previous item at another location: the gap, and whether it is enough. */
export type Travel = { from: string; gapMinutes: number; travelMinutes: number | null; tight: boolean };

/** A class they teach, with how many places are booked. */
export type TeachingClass = ScheduledClass & { kind: "class"; booked: number };
/** A 1:1 session booked with them (the id is the booking's). */
export type TeachingSession = {
  kind: "session";
  id: string;
  name: string;
  client: string;
  status: BookingView["status"];
  locationId: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  date: string;
  time: string;
  endTime: string;
  minutes: number;
  cancelled: false;
};
type Planned = TeachingClass | TeachingSession;
export type TeachingItem = Planned & { travel: Travel | null };
export type TeachingDay = { date: string; label: string; items: TeachingItem[]; atTwoLocations: boolean };

/**
 * Groups an instructor's items by local day and, between back-to-back items at different
 * locations, compares the gap with the travel time between them (spec §14). A cancelled item
 * needs no travel, so it neither starts nor ends a journey.
 */
function planTeachingDays(
  dates: string[],
  items: Planned[],
  travelMinutes: (fromLocationId: string, toLocationId: string) => number | undefined,
): TeachingDay[] {
  return dates.map((date) => {
    let previous: Planned | undefined;
    const dayItems = items
      .filter((item) => item.date === date)
      .map((item): TeachingItem => {
        let travel: Travel | null = null;
        if (!item.cancelled) {
          if (previous && previous.locationId !== item.locationId) {
            const gapMinutes = Math.round((item.startsAt.getTime() - previous.endsAt.getTime()) / 60_000);
            const needed = travelMinutes(previous.locationId, item.locationId) ?? null;
            travel = {
              from: previous.location,
              gapMinutes,
              travelMinutes: needed,
              tight: needed !== null && gapMinutes < needed,
            };
          }
          previous = item;
        }
        return { ...item, travel };
      });
    const places = new Set(dayItems.filter((i) => !i.cancelled).map((i) => i.locationId));
    return { date, label: dayLabel(date), items: dayItems, atTwoLocations: places.size > 1 };
  });
}

function toSession(b: BookingView): TeachingSession {
  const startsAt = new Date(b.startsAt);
  const endsAt = new Date(b.endsAt);
  return {
    kind: "session",
    id: b.id,
    name: b.serviceName,
    client: b.client.name,
    status: b.status,
    locationId: b.location.id,
    location: b.location.name,
    startsAt,
    endsAt,
    date: b.date,
    time: b.time,
    endTime: b.endTime,
    minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000),
    cancelled: false,
  };
}

/**
 * What an instructor teaches on a day or in a week, across all their locations or one of them.
 * Days are the instructor's home location's days (their primary one, else their first).
 */
export async function teachingSchedule(tenant: Tenant, actor: User, query: TeachingQuery, now = new Date()) {
  if (!TEACHING_ROLES.includes(actor.role)) throw new Forbidden("Only people who teach have a teaching schedule.");
  const db = database();
  const [locations, travelTimes] = await Promise.all([listActiveLocations(db, tenant), listTravelTimes(db, tenant)]);
  const mine =
    actor.role === "org_owner" ? locations : locations.filter((l) => actor.accessibleLocations.includes(l.id));
  if (query.locationId && !mine.some((l) => l.id === query.locationId)) throw new NotFound("Location not found");
  const home = mine.find((l) => l.id === actor.primaryLocationId) ?? mine[0] ?? locations[0];
  const zone = home?.timezone ?? "Europe/London";
  const today = todayIn(zone, now);
  const date = query.date ?? today;
  const dates = query.view === "week" ? weekDates(date) : [date];
  // Each item sits on its own location's day, so load those days at every clock they work on.
  const shown = query.locationId ? mine.filter((l) => l.id === query.locationId) : mine;
  const { from, to } = localDaysSpan(dates[0] as string, dates[dates.length - 1] as string, [
    zone,
    ...shown.map((l) => l.timezone),
  ]);
  const [classes, bookings, pending] = await Promise.all([
    listClasses(tenant, {
      from,
      to,
      instructorId: actor.id,
      locationIds: query.locationId ? [query.locationId] : undefined,
    }),
    listBookings(tenant, actor, { from, to, instructorId: actor.id, locationId: query.locationId }),
    // Waiting on them, from now on, whatever the page shows: nothing pending is out of sight.
    listBookings(tenant, actor, { from: now, instructorId: actor.id, status: "pending" }),
  ]);
  const sessions = bookings.filter((b) => b.kind === "session" && b.status !== "cancelled").map(toSession);
  const items: Planned[] = [
    ...classes.map((c): TeachingClass => ({ ...c, kind: "class", booked: c.capacity - c.spotsLeft })),
    ...sessions,
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const minutes = new Map(travelTimes.map((t) => [`${t.fromLocationId}>${t.toLocationId}`, t.minutes]));
  const step = query.view === "week" ? 7 : 1;
  return {
    view: query.view,
    date,
    today,
    previous: addDays(date, -step),
    next: addDays(date, step),
    heading: query.view === "week" ? `Week of ${shortDayLabel(weekStart(date))}` : dayLabel(date),
    locations: mine.map((l) => ({ id: l.id, name: l.name })),
    locationId: query.locationId ?? "",
    days: planTeachingDays(dates, items, (a, b) => minutes.get(`${a}>${b}`)),
    // Theirs to decide: bookings they made for an admin-only service wait for the studio instead.
    pending: pending
      .filter((b) => confirmingSide({ bookingMethod: b.method }) === "instructor")
      .map((b) => ({
        id: b.id,
        name: b.serviceName,
        client: b.client.name,
        when: `${b.dateLabel}, ${b.time}`,
        location: b.location.name,
      })),
  };
}
