import { listShownBookings, type ShownBooking } from "~/models/booking.server";
import { listInstructorIdsForClients } from "~/models/client-instructor.server";
import { listActiveLocations } from "~/models/location.server";
import { assertCan } from "~/services/identity/permissions";
import {
  addMonths,
  dayLabel,
  monthGrid,
  monthLabel,
  shortDayLabel,
  weekDates,
  weekStart,
} from "~/services/schedule/dates";
import { addDays, localDateOf, localDaysSpan, localTimeOf, todayIn, zoneLabel } from "~/services/schedule/local-time";
import type { CalendarQuery } from "~/services/schedule/queries.schema";
import { listClasses, type ScheduledClass } from "~/services/schedule/timetable.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { BOOKING_STATUSES, type Booking, type Location, type User } from "~db/schema/tenant";
import { bookingVisibleTo } from "./rules";

/**
 * The front desk's views of a day, a week or a month: classes and 1:1 sessions together, in
 * time order, each on its own location's clock and on the day it falls there.
 */

const NOT_FRONT_DESK = "The calendar is for the front desk, managers and owners. Your classes are under My teaching.";
const LIVE_STATUSES = BOOKING_STATUSES.filter((s) => s !== "cancelled");
// Far more 1:1 sessions than a month of one studio's calendar holds.
const SESSIONS_LIMIT = 5000;

/** A 1:1 session as the day's views show it; the client's name only to those who may see the booking. */
export type DaySession = {
  kind: "session";
  id: string;
  name: string;
  /** Null when this actor may not see who the client is (nor open the booking). */
  client: string | null;
  status: Booking["status"];
  instructor: string;
  locationId: string;
  location: string;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  date: string;
  time: string;
  endTime: string;
  cancelled: false;
};
export type DayItem = (ScheduledClass & { kind: "class" }) | DaySession;

/**
 * The locations a front-desk page may show: seeing every class and booking at a location is
 * `booking.view_all` there.
 */
async function frontDeskScope(tenant: Tenant, actor: User, locationIds: string[]) {
  assertCan(actor, "booking.view_all", {}, NOT_FRONT_DESK);
  for (const locationId of locationIds) assertCan(actor, "booking.view_all", { locationId }, NOT_FRONT_DESK);
  const locations = (await listActiveLocations(database(), tenant)).filter((l) => locationIds.includes(l.id));
  return {
    locations,
    // Navigation ("today", "this week") follows the first location's calendar.
    zone: locations[0]?.timezone ?? "Europe/London",
    // Times say whose clock they are on only when the locations shown keep different ones.
    severalClocks: new Set(locations.map((l) => l.timezone)).size > 1,
  };
}

/** Every location's own days, from the start of `first` to the end of `last`. */
function spanAtEveryClock(locations: Location[], first: string, last: string) {
  return localDaysSpan(first, last, locations.length > 0 ? locations.map((l) => l.timezone) : ["Europe/London"]);
}

function toSession(row: ShownBooking, visible: boolean): DaySession {
  const { booking: b, timezone: zone } = row;
  return {
    kind: "session",
    id: b.id,
    name: row.serviceName,
    client: visible ? row.clientName : null,
    status: b.status,
    instructor: row.instructorName,
    locationId: b.locationId,
    location: row.locationName,
    timezone: zone,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    date: localDateOf(b.startsAt, zone),
    time: localTimeOf(b.startsAt, zone),
    endTime: localTimeOf(b.endsAt, zone),
    cancelled: false,
  };
}

/**
 * Classes and live 1:1 sessions starting in [from, to) at these locations, in time order. Three
 * queries whatever the range: classes, sessions, and the instructors of the sessions' clients
 * (who may see a client's name depends on them).
 */
export async function dayItems(tenant: Tenant, actor: User, filter: { from: Date; to: Date; locationIds: string[] }) {
  if (filter.locationIds.length === 0) return [];
  const db = database();
  const [classes, bookings] = await Promise.all([
    listClasses(tenant, filter),
    listShownBookings(db, tenant, { ...filter, sessionsOnly: true, statuses: LIVE_STATUSES, limit: SESSIONS_LIMIT }),
  ]);
  const instructorsOf = await listInstructorIdsForClients(db, tenant, [
    ...new Set(bookings.map((row) => row.booking.clientId)),
  ]);
  const sessions = bookings.map((row) =>
    toSession(row, bookingVisibleTo(actor, row.booking, instructorsOf.get(row.booking.clientId) ?? [])),
  );
  const items: DayItem[] = [...classes.map((c) => ({ ...c, kind: "class" as const })), ...sessions];
  return items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function byDate(items: DayItem[]) {
  const days = new Map<string, DayItem[]>();
  for (const item of items) days.set(item.date, [...(days.get(item.date) ?? []), item]);
  return days;
}

/** The clock an item's times are read on, named when the page shows several. */
function clockOf(item: DayItem, severalClocks: boolean) {
  return severalClocks ? zoneLabel(item.timezone) : null;
}

/** The staff calendar of the header's location(s): a day, a week, or a month at a glance. */
export async function staffCalendar(
  tenant: Tenant,
  actor: User,
  scopeIds: string[],
  query: CalendarQuery,
  now = new Date(),
) {
  const { locations, zone, severalClocks } = await frontDeskScope(tenant, actor, scopeIds);
  const today = todayIn(zone, now);
  const date = query.date ?? today;
  const grid = query.view === "month" ? monthGrid(date) : null;
  const dates = grid ? grid.flat().map((d) => d.date) : query.view === "week" ? weekDates(date) : [date];
  const items = await dayItems(tenant, actor, {
    ...spanAtEveryClock(locations, dates[0] as string, dates[dates.length - 1] as string),
    locationIds: locations.map((l) => l.id),
  });
  const days = byDate(items);
  const navigation = {
    day: { previous: addDays(date, -1), next: addDays(date, 1), heading: dayLabel(date) },
    week: { previous: addDays(date, -7), next: addDays(date, 7), heading: `Week of ${shortDayLabel(weekStart(date))}` },
    month: { previous: addMonths(date, -1), next: addMonths(date, 1), heading: monthLabel(date) },
  }[query.view];
  return {
    view: query.view,
    date,
    today,
    ...navigation,
    severalLocations: locations.length > 1,
    days: grid
      ? []
      : dates.map((d) => ({
          date: d,
          label: dayLabel(d),
          items: (days.get(d) ?? []).map((item) => ({ ...item, clock: clockOf(item, severalClocks) })),
        })),
    weeks: (grid ?? []).map((week) =>
      week.map((d) => {
        const onDay = days.get(d.date) ?? [];
        return {
          date: d.date,
          label: dayLabel(d.date),
          dayOfMonth: Number(d.date.slice(8)),
          inMonth: d.inMonth,
          classes: onDay.filter((i) => i.kind === "class" && !i.cancelled).length,
          cancelled: onDay.filter((i) => i.cancelled).length,
          sessions: onDay.filter((i) => i.kind === "session").length,
        };
      }),
    ),
  };
}

/**
 * Today at the front desk, classes and sessions in time order: which are over, which are on
 * now, and which is next, so the desk sees at a glance who will be walking in. Each location's
 * today is its own: late in the evening in New York it is already tomorrow in London.
 */
export async function frontDeskToday(tenant: Tenant, actor: User, scopeIds: string[], now = new Date()) {
  const { locations, zone, severalClocks } = await frontDeskScope(tenant, actor, scopeIds);
  const todays = [...new Set([zone, ...locations.map((l) => l.timezone)].map((z) => todayIn(z, now)))].sort();
  const items = (
    await dayItems(tenant, actor, {
      ...spanAtEveryClock(locations, todays[0] as string, todays[todays.length - 1] as string),
      locationIds: locations.map((l) => l.id),
    })
  ).filter((item) => item.date === todayIn(item.timezone, now));
  const next = items.find((i) => !i.cancelled && i.startsAt > now);
  return {
    date: todayIn(zone, now),
    heading: todays.map(dayLabel).join(" – "),
    severalLocations: locations.length > 1,
    items: items.map((item) => ({
      ...item,
      clock: clockOf(item, severalClocks),
      state:
        item.endsAt <= now
          ? ("over" as const)
          : item.startsAt <= now
            ? ("on" as const)
            : item === next
              ? ("next" as const)
              : ("later" as const),
    })),
  };
}
