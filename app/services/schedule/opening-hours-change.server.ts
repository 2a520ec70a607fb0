import { DateTime } from "luxon";
import { listShownBookings } from "~/models/booking.server";
import { findLocationById } from "~/models/location.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { OperatingHours } from "~db/schema/tenant";
import { localDateOf, localTimeOf } from "./local-time";
import { openingHoursOn, withinOpeningHours } from "./opening-hours";

/**
 * What new opening hours would leave outside them at a location: its upcoming classes and
 * booked 1:1 sessions, in local words, so the person changing the hours sees them before saving
 * (as changing an instructor's hours lists the sessions it would strand). Nothing is moved.
 */

/** Classes are scheduled this far ahead; sessions are booked at most a few months out. */
const HORIZON_DAYS = 400;

export type OutsideHours = { what: string; when: string };

export async function outsideNewHours(
  tenant: Tenant,
  locationId: string,
  hours: OperatingHours,
  now = new Date(),
): Promise<OutsideHours[]> {
  const db = database();
  const location = await findLocationById(db, tenant, locationId);
  if (!location) throw new NotFound("No location has that id");
  const to = new Date(now.getTime() + HORIZON_DAYS * 86_400_000);
  const [classes, sessions] = await Promise.all([
    listOccurrencesBetween(db, tenant, { from: now, to, locationIds: [locationId] }),
    listShownBookings(db, tenant, {
      locationIds: [locationId],
      from: now,
      to,
      statuses: ["pending", "confirmed"],
      limit: 1000,
    }),
  ]);
  const zone = location.timezone;
  const outside = (startsAt: Date, endsAt: Date) =>
    !withinOpeningHours(
      openingHoursOn({ operatingHours: hours }, localDateOf(startsAt, zone)),
      localTimeOf(startsAt, zone),
      // A class ending at midnight ends at the day's last minute, not at 00:00.
      localDateOf(endsAt, zone) === localDateOf(startsAt, zone) ? localTimeOf(endsAt, zone) : "23:59",
    );
  const when = (startsAt: Date, endsAt: Date) =>
    `${DateTime.fromJSDate(startsAt, { zone }).setLocale("en-GB").toFormat("ccc d LLL yyyy")} ${localTimeOf(startsAt, zone)}–${localTimeOf(endsAt, zone)}`;
  return [
    ...classes
      .filter((c) => c.occurrence.status !== "cancelled" && outside(c.occurrence.startsAt, c.occurrence.endsAt))
      .map((c) => ({
        at: c.occurrence.startsAt.getTime(),
        what: `${c.serviceName} with ${c.instructorName}`,
        when: when(c.occurrence.startsAt, c.occurrence.endsAt),
      })),
    ...sessions
      .filter((s) => s.booking.occurrenceId === null && outside(s.booking.startsAt, s.booking.endsAt))
      .map((s) => ({
        at: s.booking.startsAt.getTime(),
        what: `${s.serviceName}: ${s.clientName} with ${s.instructorName}`,
        when: when(s.booking.startsAt, s.booking.endsAt),
      })),
  ]
    .sort((a, b) => a.at - b.at)
    .map(({ what, when: time }) => ({ what, when: time }));
}
