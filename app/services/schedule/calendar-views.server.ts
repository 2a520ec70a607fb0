import { listActiveLocations } from "~/models/location.server";
import { assertCan } from "~/services/identity/permissions";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { addMonths, dayLabel, monthGrid, monthLabel, shortDayLabel, weekDates, weekStart } from "./dates";
import { addDays, localDayBounds, todayIn } from "./local-time";
import type { CalendarQuery } from "./queries.schema";
import { listClasses, type ScheduledClass } from "./timetable.server";

const NOT_FRONT_DESK = "The calendar is for the front desk, managers and owners. Your classes are under My teaching.";

/**
 * The locations a front-desk page may show, with the zone its days are counted in: seeing every
 * class (and later every booking) at a location is `booking.view_all` there.
 */
async function frontDeskScope(tenant: Tenant, actor: User, locationIds: string[]) {
  assertCan(actor, "booking.view_all", {}, NOT_FRONT_DESK);
  for (const locationId of locationIds) assertCan(actor, "booking.view_all", { locationId }, NOT_FRONT_DESK);
  const locations = (await listActiveLocations(database(), tenant)).filter((l) => locationIds.includes(l.id));
  return { locationIds: locations.map((l) => l.id), zone: locations[0]?.timezone ?? "Europe/London" };
}

function byDate(classes: ScheduledClass[]) {
  const days = new Map<string, ScheduledClass[]>();
  for (const c of classes) days.set(c.date, [...(days.get(c.date) ?? []), c]);
  return days;
}

/** The staff calendar of the header's location(s): a day, a week, or a month at a glance. */
export async function staffCalendar(
  tenant: Tenant,
  actor: User,
  scopeIds: string[],
  query: CalendarQuery,
  now = new Date(),
) {
  const { locationIds, zone } = await frontDeskScope(tenant, actor, scopeIds);
  const today = todayIn(zone, now);
  const date = query.date ?? today;
  const grid = query.view === "month" ? monthGrid(date) : null;
  const dates = grid ? grid.flat().map((d) => d.date) : query.view === "week" ? weekDates(date) : [date];
  const classes = await listClasses(tenant, {
    from: localDayBounds(dates[0] as string, zone).start,
    to: localDayBounds(dates[dates.length - 1] as string, zone).end,
    locationIds,
  });
  const days = byDate(classes);
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
    severalLocations: locationIds.length > 1,
    days: grid ? [] : dates.map((d) => ({ date: d, label: dayLabel(d), classes: days.get(d) ?? [] })),
    weeks: (grid ?? []).map((week) =>
      week.map((d) => {
        const onDay = days.get(d.date) ?? [];
        return {
          date: d.date,
          label: dayLabel(d.date),
          dayOfMonth: Number(d.date.slice(8)),
          inMonth: d.inMonth,
          classes: onDay.filter((c) => !c.cancelled).length,
          cancelled: onDay.filter((c) => c.cancelled).length,
        };
      }),
    ),
  };
}

/**
 * Today's classes at the front desk, in time order: which are over, which are on now, and which
 * is next, so the desk sees at a glance who will be walking in.
 */
export async function frontDeskToday(tenant: Tenant, actor: User, scopeIds: string[], now = new Date()) {
  const { locationIds, zone } = await frontDeskScope(tenant, actor, scopeIds);
  const today = todayIn(zone, now);
  const { start, end } = localDayBounds(today, zone);
  const classes = await listClasses(tenant, { from: start, to: end, locationIds });
  const next = classes.find((c) => !c.cancelled && c.startsAt > now);
  return {
    date: today,
    heading: dayLabel(today),
    severalLocations: locationIds.length > 1,
    classes: classes.map((c) => ({
      ...c,
      state:
        c.endsAt <= now
          ? ("over" as const)
          : c.startsAt <= now
            ? ("on" as const)
            : c === next
              ? ("next" as const)
              : ("later" as const),
    })),
  };
}
