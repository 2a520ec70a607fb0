import { assertCan, can } from "~/services/identity/permissions";
import { addDays, localDayBounds, todayIn } from "~/services/schedule/local-time";
import { listClasses } from "~/services/schedule/timetable.server";
import { getLocation } from "~/services/studio/location.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { type DayItem, dayItems } from "./day-views.server";

/**
 * One location's schedule over a few local days, in time order: its classes for anyone signed
 * in (as the public schedule shows them), and its 1:1 sessions too for whoever may see every
 * booking there (the front desk's calendar: the desk and managers of it, the owner). A client's
 * name on a session follows the same rule as the calendar's.
 */
export async function locationSchedule(
  tenant: Tenant,
  actor: User,
  locationId: string,
  range: { from?: string; to?: string },
  now = new Date(),
) {
  assertCan(actor, "schedule.view");
  const location = await getLocation(tenant, actor, locationId);
  const zone = location.timezone;
  const from = range.from ?? (range.to ? addDays(range.to, -6) : todayIn(zone, now));
  const to = range.to ?? addDays(from, 6);
  const filter = {
    from: localDayBounds(from, zone).start,
    to: localDayBounds(to, zone).end,
    locationIds: [location.id],
  };
  const withSessions = can(actor, "booking.view_all", { locationId: location.id }).allowed;
  const items: DayItem[] = withSessions
    ? await dayItems(tenant, actor, filter)
    : (await listClasses(tenant, filter)).map((c) => ({ ...c, kind: "class" as const }));
  return { location: { id: location.id, name: location.name, timezone: zone }, from, to, withSessions, items };
}
