import { insertLocation } from "~/models/location.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { database } from "~db/client";
import type { Role } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";

/** A studio with a second location, a class service at both, and helpers to add people and classes. */
export async function scheduleStudio() {
  const s = await createTestStudio();
  const db = database();
  const east = await insertLocation(db, s.tenant, {
    name: "East",
    timezone: "Europe/London",
    address: { line1: "3 Road", city: "London", postcode: "E1 1AA", country: "GB" },
    operatingHours: s.location.operatingHours,
  });
  const service = (name: string) =>
    insertService(db, s.tenant, {
      name,
      description: `${name} for everyone`,
      type: "class",
      durationMinutes: 60,
      capacity: 12,
      priceMinor: 1000,
      locationIds: [s.location.id, east.id],
      bookingMode: "self_booking",
    });
  const person = (role: Role, fullName: string, locationIds = [s.location.id, east.id]) =>
    insertUser(db, s.tenant, {
      email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName,
      role,
      accessibleLocations: locationIds,
      primaryLocationId: locationIds[0],
    });
  const yoga = await service("Yoga");
  const instructor = await person("instructor", "Ira Instructor");
  /** A class from `start` (an ISO instant) lasting `minutes`. */
  const occurrence = async (
    start: string,
    options: { minutes?: number; locationId?: string; instructorId?: string; serviceId?: string } = {},
  ) => {
    const startsAt = new Date(start);
    const row = await insertOccurrence(db, s.tenant, {
      serviceId: options.serviceId ?? yoga.id,
      locationId: options.locationId ?? s.location.id,
      instructorId: options.instructorId ?? instructor.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (options.minutes ?? 60) * 60_000),
      capacity: 12,
    });
    if (!row) throw new Error("occurrence not inserted");
    return row;
  };
  return { ...s, east, yoga, instructor, service, person, occurrence };
}
