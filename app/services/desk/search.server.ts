import { findLiveBookingsByCheckInCode } from "~/models/booking.server";
import { findClientById, findClientsMatching } from "~/models/client.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { canAccessLocation } from "~/services/identity/permissions";
import { localDaysSpan, localTimeOf, todayIn } from "~/services/schedule/local-time";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { readCheckInCode } from "./check-in-code";
import { type DeskPerson, deskPerson, deskWindow, todaysBookings } from "./day.server";
import { requireDeskLocation } from "./desk-location.server";

/**
 * The desk's one search field: a client by part of their name, email or phone, or by a
 * booking's check-in code. Each result carries their bookings here today, so the desk checks
 * them in from the result without opening anything.
 */

export const DESK_RESULTS = 8;

export type DeskBooking = DeskPerson & {
  /** The class's occurrence; null for a 1:1 session. */
  classId: string | null;
  service: string;
  time: string;
  checkInNote: string;
};

export type DeskResult = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  bookings: DeskBooking[];
  /** What Enter (or the first button) does: check in the booking that is open now, else open the profile. */
  primary: { kind: "check-in"; bookingId: string } | { kind: "profile" };
};

/**
 * The clients the actor may see (the /clients rule: the owner every client, other staff
 * those tied to their locations), found by `q`; a check-in code of a booking here puts its
 * client first.
 */
export async function searchDesk(
  tenant: Tenant,
  actor: User,
  locationId: string,
  q: string,
  now = new Date(),
): Promise<DeskResult[]> {
  const location = await requireDeskLocation(tenant, actor, locationId);
  const text = q.trim();
  if (!text) return [];
  const db = database();
  const code = readCheckInCode(text);
  const visibleAt =
    actor.role === "org_owner" ? null : actor.accessibleLocations.filter((id) => canAccessLocation(actor, id));
  const [coded, rows, settings] = await Promise.all([
    code ? findLiveBookingsByCheckInCode(db, tenant, code) : Promise.resolve([]),
    findClientsMatching(db, tenant, {
      search: text,
      locationIds: visibleAt,
      assignedTo: null,
      limit: DESK_RESULTS,
      offset: 0,
    }),
    findStudioSettings(db, tenant),
  ]);
  const codedClientIds = [...new Set(coded.filter((b) => b.locationId === location.id).map((b) => b.clientId))];
  // A client found by code has a booking here, so the desk may see them whatever the search found.
  const codedClients = (await Promise.all(codedClientIds.map((id) => findClientById(db, tenant, id)))).filter(
    (c) => c !== undefined,
  );
  const clients = [...codedClients, ...rows.filter((row) => !codedClientIds.includes(row.id))].slice(0, DESK_RESULTS);
  if (clients.length === 0) return [];
  const zone = location.timezone;
  const today = todayIn(zone, now);
  const span = localDaysSpan(today, today, [zone]);
  const bookings = await todaysBookings(
    tenant,
    location.id,
    span,
    clients.map((c) => c.id),
  );
  return clients.map((client) => {
    const theirs: DeskBooking[] = bookings
      .filter((row) => row.booking.clientId === client.id)
      .map((row) => {
        const window = deskWindow(row.booking.startsAt, settings, zone, now);
        return {
          ...deskPerson(row, window),
          classId: row.booking.occurrenceId,
          service: row.serviceName,
          time: localTimeOf(row.booking.startsAt, zone),
          checkInNote: window.note,
        };
      });
    const open = theirs.find((b) => b.mayCheckIn);
    return {
      id: client.id,
      name: client.fullName,
      email: client.email,
      phone: client.phone,
      bookings: theirs,
      primary: open ? { kind: "check-in" as const, bookingId: open.bookingId } : { kind: "profile" as const },
    };
  });
}
