import { randomUUID } from "node:crypto";
import { insertBooking } from "~/models/booking.server";
import { assignInstructor } from "~/models/client-instructor.server";
import { insertLocation } from "~/models/location.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser, type NewUser } from "~/models/user.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { BookingStatus, User } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";

/**
 * A studio shaped like the demo one, for the clients tests: Camden (the first location) and
 * Shoreditch, a team with every role, and clients at each, some assigned to instructors.
 * Emails are unique per call, so tests can share the database.
 */
export async function createClientsStudio() {
  const studio = await createTestStudio();
  const { tenant, owner } = studio;
  const db = database();
  const camden = studio.location;
  const shoreditch = await insertLocation(db, tenant, {
    name: "Shoreditch",
    timezone: "Europe/London",
    address: { line1: "88 Curtain Road", city: "London", postcode: "EC2A 3AA", country: "GB" },
    operatingHours: camden.operatingHours,
  });
  const tag = randomUUID().slice(0, 8);
  const person = (role: NewUser["role"], name: string, locations: string[], extra: Partial<NewUser> = {}) =>
    insertUser(db, tenant, {
      email: `${name.split(" ")[0]!.toLowerCase()}-${tag}@example.com`,
      fullName: name,
      role,
      primaryLocationId: locations[0] ?? null,
      accessibleLocations: locations,
      ...extra,
    });
  const receptionist = await person("receptionist", "Rosa Desk", [camden.id]);
  const manager = await person("location_manager", "Marcus Manager", [shoreditch.id]);
  const instructor = await person("instructor", "Priya Teach", [camden.id, shoreditch.id]);
  const trainer = await person("trainer", "Tom Train", [camden.id]);
  const finance = await person("finance_manager", "Felix Money", [camden.id, shoreditch.id]);
  const amara = await person("client", "Amara Okafor", [camden.id], { phone: "+447700900101" });
  const ben = await person("client", "Ben Hughes", [camden.id], { phone: "+447700900102", bookingPermissions: "vip" });
  const chloe = await person("client", "Chloé Martin", [shoreditch.id], { phone: "+447700900103" });
  const ella = await person("client", "Ella Novak", [camden.id, shoreditch.id], { phone: "+447700900105" });
  await assignInstructor(db, tenant, amara.id, instructor.id);
  await assignInstructor(db, tenant, chloe.id, instructor.id);
  await assignInstructor(db, tenant, ben.id, trainer.id);
  await assignInstructor(db, tenant, ella.id, instructor.id);
  await assignInstructor(db, tenant, ella.id, trainer.id);
  return {
    ...studio,
    camden,
    shoreditch,
    staff: { owner, receptionist, manager, instructor, trainer, finance },
    clients: { amara, ben, chloe, ella },
  };
}

/** A fresh hour-long class at this location, `daysFromNow` days from now, taught by `by`. */
export async function classAt(tenant: Tenant, by: User, locationId: string, daysFromNow = 7) {
  const db = database();
  const service = await insertService(db, tenant, {
    name: `Pilates ${randomUUID().slice(0, 6)}`,
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    locationIds: [locationId],
  });
  const startsAt = new Date(Date.now() + daysFromNow * 24 * 60 * 60_000);
  const occurrence = await insertOccurrence(db, tenant, {
    serviceId: service.id,
    locationId,
    instructorId: by.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    capacity: 10,
  });
  if (!occurrence) throw new Error("class not inserted");
  return occurrence;
}

/**
 * A class booking for the client at this location, a week from now (or `daysFromNow`, say in
 * the past), written straight to the database: how a client comes to have bookings there.
 */
export async function bookClassAt(
  tenant: Tenant,
  by: User,
  clientId: string,
  locationId: string,
  options: { status?: BookingStatus; daysFromNow?: number } = {},
) {
  const occurrence = await classAt(tenant, by, locationId, options.daysFromNow);
  return insertBooking(database(), tenant, {
    clientId,
    serviceId: occurrence.serviceId,
    instructorId: by.id,
    locationId,
    occurrenceId: occurrence.id,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    status: options.status ?? "confirmed",
    bookingMethod: "admin_created",
    createdById: by.id,
  });
}
