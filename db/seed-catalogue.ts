import {
  insertAvailabilityBlock,
  listAvailabilityBlocks,
  listTravelTimes,
  upsertTravelTime,
} from "../app/models/availability.server";
import { listActiveClassSeries } from "../app/models/class-series.server";
import { listActiveLocations } from "../app/models/location.server";
import { insertService, listServices, type NewService } from "../app/models/service.server";
import { findUserByEmail } from "../app/models/user.server";
import { scheduleClassSeries } from "../app/services/schedule/class-schedule.server";
import { todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";

type Place = "Camden" | "Shoreditch";

const SERVICES: (Omit<NewService, "locationIds"> & { at: Place[] })[] = [
  {
    name: "Personal Training",
    description: "One hour, one trainer, your goals. Bring water and trainers.",
    type: "session",
    durationMinutes: 60,
    priceMinor: 5500,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "Fitness Assessment",
    description: "Thirty minutes to measure where you are and plan where you are going. Free for new clients.",
    type: "session",
    durationMinutes: 30,
    priceMinor: 0,
    requiresCredit: false,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "Reformer Pilates Private",
    description: "A private reformer session. Your instructor confirms the time with you.",
    type: "session",
    durationMinutes: 55,
    priceMinor: 7000,
    at: ["Shoreditch"],
    bookingMode: "instructor_led",
    selfBookingEnabled: false,
  },
  {
    name: "Vinyasa Flow",
    description: "Breath-led flowing yoga for all levels. Mats provided.",
    type: "class",
    durationMinutes: 60,
    capacity: 12,
    priceMinor: 1200,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "HIIT Express",
    description: "45 minutes of intervals. Expect to sweat.",
    type: "class",
    durationMinutes: 45,
    capacity: 16,
    priceMinor: 1000,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "Yin Yoga",
    description: "Slow, long-held stretches to end the week.",
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    priceMinor: 1200,
    at: ["Camden"],
    bookingMode: "self_booking",
  },
];

// Weekly 1:1 hours: [email, location, weekdays, start, end, clients may book themselves].
const AVAILABILITY: [string, Place, number[], string, string, boolean][] = [
  ["tom@demo.test", "Camden", [1, 2, 3, 4, 5], "08:00", "12:00", true],
  ["tom@demo.test", "Camden", [2, 4], "16:00", "20:00", true],
  ["priya@demo.test", "Camden", [1, 3], "09:00", "13:00", true],
  ["priya@demo.test", "Shoreditch", [2], "10:00", "14:00", true],
  ["priya@demo.test", "Shoreditch", [4], "10:00", "14:00", false],
  ["owner@demo.test", "Camden", [1, 2, 3, 4, 5], "13:00", "17:00", true],
];

// Recurring classes: [service, location, instructor, weekdays, start, end, every N weeks].
const CLASSES: [string, Place, string, number[], string, string, number][] = [
  ["HIIT Express", "Camden", "tom@demo.test", [1, 3, 5], "07:00", "07:45", 1],
  ["Vinyasa Flow", "Camden", "priya@demo.test", [2, 4], "18:30", "19:30", 1],
  ["Vinyasa Flow", "Camden", "priya@demo.test", [6], "09:00", "10:00", 1],
  ["Yin Yoga", "Camden", "priya@demo.test", [7], "17:00", "18:00", 1],
  ["HIIT Express", "Camden", "owner@demo.test", [3], "12:15", "13:00", 1],
  ["Vinyasa Flow", "Shoreditch", "priya@demo.test", [1, 3], "18:00", "19:00", 1],
  ["HIIT Express", "Shoreditch", "owner@demo.test", [2, 4], "07:00", "07:45", 1],
  ["HIIT Express", "Shoreditch", "owner@demo.test", [5], "18:00", "18:45", 2],
];

/**
 * The demo studio's week: services, instructors' hours at both locations, travel time between
 * them and recurring classes. Each part is added only if the studio has none yet, so a studio
 * someone has been playing with is left as they made it.
 */
export async function seedCatalogue(db: Db, tenant: Tenant) {
  const locations = new Map((await listActiveLocations(db, tenant)).map((l) => [l.name as Place, l]));
  const at = (place: Place) => {
    const location = locations.get(place);
    if (!location) throw new Error(`demo location ${place} missing`);
    return location.id;
  };
  const person = async (email: string) => {
    const user = await findUserByEmail(db, tenant, email);
    if (!user) throw new Error(`demo user ${email} missing`);
    return user;
  };

  const existing = await listServices(db, tenant, { includeArchived: true });
  const services = new Map(existing.map((s) => [s.name, s]));
  for (const { at: places, ...service } of SERVICES) {
    if (services.has(service.name)) continue;
    services.set(service.name, await insertService(db, tenant, { ...service, locationIds: places.map(at) }));
  }

  const emails = [...new Set(AVAILABILITY.map(([email]) => email))];
  const instructors = await Promise.all(emails.map(person));
  if (
    (
      await listAvailabilityBlocks(
        db,
        tenant,
        instructors.map((i) => i.id),
      )
    ).length === 0
  ) {
    for (const [email, place, weekdays, startTime, endTime, allowsSelfBooking] of AVAILABILITY) {
      const instructor = await person(email);
      for (const weekday of weekdays) {
        await insertAvailabilityBlock(db, tenant, {
          instructorId: instructor.id,
          locationId: at(place),
          weekday,
          startTime,
          endTime,
          allowsSelfBooking,
        });
      }
    }
  }

  if ((await listTravelTimes(db, tenant)).length === 0) {
    await upsertTravelTime(db, tenant, at("Camden"), at("Shoreditch"), 30);
    await upsertTravelTime(db, tenant, at("Shoreditch"), at("Camden"), 30);
  }

  if ((await listActiveClassSeries(db, tenant)).length === 0) {
    const owner = await person("owner@demo.test");
    const validFrom = todayIn("Europe/London");
    for (const [serviceName, place, email, weekdays, startTime, endTime, intervalWeeks] of CLASSES) {
      const service = services.get(serviceName);
      if (!service) throw new Error(`demo service ${serviceName} missing`);
      const instructor = await person(email);
      for (const weekday of weekdays) {
        const outcome = await scheduleClassSeries(tenant, owner, {
          serviceId: service.id,
          instructorId: instructor.id,
          locationId: at(place),
          weekday,
          startTime,
          endTime,
          intervalWeeks,
          validFrom,
        });
        if (!outcome.ok) throw new Error(`demo class ${serviceName} clashes: ${JSON.stringify(outcome.conflicts)}`);
      }
    }
  }
}
