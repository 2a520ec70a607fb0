import { DateTime } from "luxon";
import { insertAvailabilityBlock, upsertTravelTime } from "~/models/availability.server";
import { insertLocation } from "~/models/location.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { database } from "~db/client";
import type { Role } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";

/**
 * A studio with two London locations 30 minutes apart, a 60-minute session at both and an
 * instructor working at both: the setting every availability test starts from.
 */
export async function availabilityStudio() {
  const studio = await createTestStudio();
  const db = database();
  const main = studio.location;
  const second = await insertLocation(db, studio.tenant, {
    name: "Second",
    timezone: "Europe/London",
    address: { line1: "2 Road", city: "London", postcode: "E2", country: "GB" },
    operatingHours: main.operatingHours,
  });
  await upsertTravelTime(db, studio.tenant, main.id, second.id, 30);
  await upsertTravelTime(db, studio.tenant, second.id, main.id, 30);
  const session = await insertService(db, studio.tenant, {
    name: "PT 60",
    type: "session",
    durationMinutes: 60,
    locationIds: [main.id, second.id],
  });
  const person = (role: Role, locations: string[]) =>
    insertUser(db, studio.tenant, {
      email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: `A ${role}`,
      role,
      accessibleLocations: locations,
      primaryLocationId: locations[0] ?? null,
    });
  const instructor = await person("instructor", [main.id, second.id]);
  const block = (instructorId: string, weekday: number, startTime: string, endTime: string, locationId = main.id) =>
    insertAvailabilityBlock(db, studio.tenant, {
      instructorId,
      locationId,
      weekday,
      startTime,
      endTime,
      allowsSelfBooking: true,
    });
  return { ...studio, main, second, session, instructor, person, block };
}

/** The Monday at least `minDays` days after today in London, as YYYY-MM-DD. */
export function nextMonday(minDays = 2) {
  let day = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: minDays });
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

/** An instant from a London wall-clock time. */
export function london(date: string, time: string) {
  return DateTime.fromISO(`${date}T${time}`, { zone: "Europe/London" }).toJSDate();
}
