import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

/**
 * Everything a message about a booking says, and where it goes, in one round trip: the
 * booking, its client's contact choices, what and where it is, who teaches it, and the studio's
 * message settings.
 */
export async function findBookingNoticeFacts(x: Executor, { t }: Tenant, bookingId: string) {
  const instructor = alias(t.users, "instructor");
  const [row] = await x
    .select({
      booking: t.bookings,
      client: {
        id: t.users.id,
        fullName: t.users.fullName,
        email: t.users.email,
        phone: t.users.phone,
        messageChannels: t.users.messageChannels,
      },
      service: { name: t.services.name, type: t.services.type },
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
    .innerJoin(t.studioSettings, eq(t.studioSettings.id, 1))
    .where(eq(t.bookings.id, bookingId))
    .limit(1);
  return row;
}

export type BookingNoticeFacts = NonNullable<Awaited<ReturnType<typeof findBookingNoticeFacts>>>;
