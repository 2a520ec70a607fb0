import { eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { tenantStatement, value } from "~db/statement";

/**
 * Everything a message about a booking says, and where it goes, in one round trip: the
 * booking, its client's contact choices, what and where it is, who teaches it, and the studio's
 * message settings.
 */
function selectNoticeFacts(x: Executor, t: Tenant["t"]) {
  const instructor = alias(t.users, "instructor");
  return x
    .select({
      booking: t.bookings,
      client: {
        id: t.users.id,
        fullName: t.users.fullName,
        email: t.users.email,
        phone: t.users.phone,
        messageChannels: t.users.messageChannels,
      },
      service: {
        name: t.services.name,
        type: t.services.type,
        cancellationWindowHours: t.services.cancellationWindowHours,
      },
      location: { name: t.locations.name, address: t.locations.address, timezone: t.locations.timezone },
      instructorName: instructor.fullName,
      settings: {
        country: t.studioSettings.country,
        smsReminders: t.studioSettings.smsReminders,
        quietHoursStart: t.studioSettings.quietHoursStart,
        quietHoursEnd: t.studioSettings.quietHoursEnd,
      },
    })
    .from(t.bookings)
    .innerJoin(t.users, eq(t.users.id, t.bookings.clientId))
    .innerJoin(t.services, eq(t.services.id, t.bookings.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.bookings.locationId))
    .leftJoin(instructor, eq(instructor.id, t.bookings.instructorId))
    .innerJoin(t.studioSettings, eq(t.studioSettings.id, 1));
}

const noticeFactsById = tenantStatement("findBookingNoticeFacts", (x, t) =>
  selectNoticeFacts(x, t)
    .where(eq(t.bookings.id, value("bookingId")))
    .limit(1),
);

export async function findBookingNoticeFacts(x: Executor, tenant: Tenant, bookingId: string) {
  const [row] = await noticeFactsById(x, tenant, { bookingId });
  return row;
}

export type BookingNoticeFacts = NonNullable<Awaited<ReturnType<typeof findBookingNoticeFacts>>>;

/** The facts of several bookings (a class's, moved together) in one round trip, in the order asked. */
export async function listBookingNoticeFacts(
  x: Executor,
  tenant: Tenant,
  bookingIds: string[],
): Promise<BookingNoticeFacts[]> {
  if (bookingIds.length === 0) return [];
  const rows = await selectNoticeFacts(x, tenant.t).where(inArray(tenant.t.bookings.id, bookingIds));
  const byId = new Map(rows.map((row) => [row.booking.id, row]));
  return bookingIds.flatMap((id) => byId.get(id) ?? []);
}
