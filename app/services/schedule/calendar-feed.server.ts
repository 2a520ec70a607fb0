import { listShownBookings } from "~/models/booking.server";
import {
  findUserByCalendarToken,
  hasCalendarFeed,
  insertCalendarFeed,
  revokeCalendarFeedsOfUser,
} from "~/models/calendar-feed.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { hashSecretToken, newSecretToken } from "~/services/identity/secret-token.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type CalendarEvent, renderCalendar } from "./icalendar";

const FEED_DAYS = 90;
const TEACHING_ROLES = new Set(["org_owner", "location_manager", "instructor", "trainer"]);

export async function hasCalendarLink(tenant: Tenant, user: User) {
  return hasCalendarFeed(database(), tenant, user.id);
}

/**
 * A new private subscription link; any older link stops working. The secret is in the URL
 * (calendar apps cannot send credentials) and only its hash is stored, so it is shown once.
 */
export async function createCalendarLink(tenant: Tenant, user: User, now = new Date()) {
  const token = newSecretToken();
  await database().transaction(async (tx) => {
    await revokeCalendarFeedsOfUser(tx, tenant, user.id, now);
    await insertCalendarFeed(tx, tenant, { userId: user.id, tokenHash: hashSecretToken(token) });
  });
  return studioUrl(tenant.studio.slug, `/feeds/${token}.ics`);
}

export async function revokeCalendarLink(tenant: Tenant, user: User, now = new Date()) {
  await revokeCalendarFeedsOfUser(database(), tenant, user.id, now);
}

/**
 * The feed behind a token, or null for an unknown or revoked one, over the next 90 days: the
 * classes the person teaches and the 1:1 sessions booked with them, and the bookings they hold
 * as a client. Cancelled items stay in, marked cancelled, so calendars remove them.
 */
export async function calendarFeed(tenant: Tenant, token: string, now = new Date()): Promise<string | null> {
  const user = await findUserByCalendarToken(database(), tenant, hashSecretToken(token));
  if (!user) return null;
  const events: CalendarEvent[] = [];
  let zone = "Europe/London";
  if (TEACHING_ROLES.has(user.role)) {
    const rows = await listOccurrencesBetween(database(), tenant, {
      from: now,
      to: new Date(now.getTime() + FEED_DAYS * 86_400_000),
      instructorId: user.id,
    });
    for (const row of rows) {
      zone = row.locationTimezone;
      events.push({
        uid: `${row.occurrence.id}@${tenant.studio.slug}.wondrous`,
        startsAt: row.occurrence.startsAt,
        endsAt: row.occurrence.endsAt,
        summary: row.serviceName,
        location: row.locationName,
        status: row.occurrence.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
      });
    }
  }
  const to = new Date(now.getTime() + FEED_DAYS * 86_400_000);
  const bookings = [
    ...(await listShownBookings(database(), tenant, { clientId: user.id, from: now, to })),
    ...(TEACHING_ROLES.has(user.role)
      ? (await listShownBookings(database(), tenant, { instructorId: user.id, from: now, to })).filter(
          (row) => row.booking.occurrenceId === null,
        )
      : []),
  ];
  for (const row of bookings) {
    zone = row.timezone;
    const teaching = row.booking.clientId !== user.id;
    events.push({
      uid: `${row.booking.id}@${tenant.studio.slug}.wondrous`,
      startsAt: row.booking.startsAt,
      endsAt: row.booking.endsAt,
      summary: teaching ? `${row.serviceName} with ${row.clientName}` : `${row.serviceName} with ${row.instructorName}`,
      location: row.locationName,
      status: row.booking.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    });
  }
  events.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
  return renderCalendar(`${user.fullName} · ${tenant.studio.name}`, zone, events, now);
}
