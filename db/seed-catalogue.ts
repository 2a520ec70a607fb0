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
import { scheduleClass } from "../app/services/schedule/class-series-admin.server";
import { todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";
import { inLanes } from "./seed-parallel";

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
  {
    name: "Mat Pilates",
    description: "Core strength and control on the mat. Good for backs and beginners.",
    type: "class",
    durationMinutes: 45,
    capacity: 12,
    priceMinor: 1100,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "Strength Circuit",
    description: "Kettlebells, dumbbells and bodyweight in timed stations.",
    type: "class",
    durationMinutes: 45,
    capacity: 14,
    priceMinor: 1100,
    at: ["Camden", "Shoreditch"],
    bookingMode: "self_booking",
  },
  {
    name: "Barre",
    description: "Ballet-inspired toning at the barre. Grip socks recommended.",
    type: "class",
    durationMinutes: 45,
    capacity: 12,
    priceMinor: 1200,
    at: ["Shoreditch"],
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

// Recurring classes: [service, location, instructor, weekdays, start, every N weeks]; each lasts
// as long as its service. A studio's week: early, mid-morning, lunch and evening classes on
// weekdays, fewer at weekends, all inside opening hours, and no one teaching in their 1:1 hours
// (see AVAILABILITY) or at two places without the 30 minutes between them.
const MON_WED_FRI = [1, 3, 5];
const TUE_THU = [2, 4];
const CLASSES: [string, Place, string, number[], string, number][] = [
  // Camden, weekdays
  ["HIIT Express", "Camden", "tom@demo.test", MON_WED_FRI, "07:00", 1],
  ["Strength Circuit", "Camden", "sofia@demo.test", TUE_THU, "07:00", 1],
  ["Mat Pilates", "Camden", "sofia@demo.test", [1, 2, 3, 4, 5], "09:30", 1],
  ["Strength Circuit", "Camden", "tom@demo.test", [1, 5], "12:15", 1],
  ["HIIT Express", "Camden", "owner@demo.test", [2, 3, 4], "12:15", 1],
  ["HIIT Express", "Camden", "sofia@demo.test", TUE_THU, "17:15", 1],
  ["Strength Circuit", "Camden", "tom@demo.test", MON_WED_FRI, "17:30", 1],
  ["Vinyasa Flow", "Camden", "priya@demo.test", TUE_THU, "18:30", 1],
  ["Vinyasa Flow", "Camden", "sofia@demo.test", MON_WED_FRI, "18:30", 1],
  ["Mat Pilates", "Camden", "owner@demo.test", [1, 2, 3, 4, 5], "19:45", 1],
  // Camden, weekends
  ["Vinyasa Flow", "Camden", "priya@demo.test", [6], "09:00", 1],
  ["HIIT Express", "Camden", "tom@demo.test", [6], "10:15", 1],
  ["Mat Pilates", "Camden", "sofia@demo.test", [6], "11:45", 1],
  ["Strength Circuit", "Camden", "tom@demo.test", [6], "13:00", 1],
  ["Mat Pilates", "Camden", "sofia@demo.test", [7], "10:00", 1],
  ["Strength Circuit", "Camden", "tom@demo.test", [7], "12:00", 1],
  ["Yin Yoga", "Camden", "priya@demo.test", [7], "17:00", 1],
  // Shoreditch, weekdays
  ["HIIT Express", "Shoreditch", "kofi@demo.test", MON_WED_FRI, "07:00", 1],
  ["HIIT Express", "Shoreditch", "kofi@demo.test", TUE_THU, "07:00", 1],
  ["Mat Pilates", "Shoreditch", "kofi@demo.test", TUE_THU, "09:30", 1],
  ["Barre", "Shoreditch", "kofi@demo.test", MON_WED_FRI, "09:30", 1],
  ["Strength Circuit", "Shoreditch", "sofia@demo.test", MON_WED_FRI, "12:15", 1],
  ["Barre", "Shoreditch", "kofi@demo.test", TUE_THU, "12:15", 1],
  ["Vinyasa Flow", "Shoreditch", "priya@demo.test", TUE_THU, "14:30", 1],
  ["Mat Pilates", "Shoreditch", "kofi@demo.test", [1, 3], "17:00", 1],
  ["Vinyasa Flow", "Shoreditch", "priya@demo.test", [1, 3], "18:00", 1],
  ["Strength Circuit", "Shoreditch", "kofi@demo.test", TUE_THU, "18:00", 1],
  ["HIIT Express", "Shoreditch", "kofi@demo.test", [5], "18:00", 1],
  ["Barre", "Shoreditch", "kofi@demo.test", [1, 2, 3, 4, 5], "19:15", 1],
  // Shoreditch, weekends
  ["HIIT Express", "Shoreditch", "kofi@demo.test", [6], "09:00", 1],
  ["Vinyasa Flow", "Shoreditch", "sofia@demo.test", [6], "10:00", 1],
  ["Barre", "Shoreditch", "kofi@demo.test", [6], "11:15", 1],
  ["Strength Circuit", "Shoreditch", "kofi@demo.test", [6], "12:30", 1],
  ["Barre", "Shoreditch", "kofi@demo.test", [7], "09:30", 1],
  ["Vinyasa Flow", "Shoreditch", "kofi@demo.test", [7], "11:00", 1],
  ["Mat Pilates", "Shoreditch", "sofia@demo.test", [7], "16:00", 1],
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
    // One lane per instructor: their classes are checked against each other in turn, while
    // different instructors' are scheduled side by side.
    const byInstructor = new Map<string, [string, Place, number, string, number][]>();
    for (const [serviceName, place, email, weekdays, startTime, intervalWeeks] of CLASSES) {
      const theirs = byInstructor.get(email) ?? [];
      for (const weekday of weekdays) theirs.push([serviceName, place, weekday, startTime, intervalWeeks]);
      byInstructor.set(email, theirs);
    }
    await inLanes([...byInstructor], byInstructor.size, async ([email, theirs]) => {
      const instructor = await person(email);
      for (const [serviceName, place, weekday, startTime, intervalWeeks] of theirs) {
        const service = services.get(serviceName);
        if (!service) throw new Error(`demo service ${serviceName} missing`);
        // The timetable's own service: it refuses a class outside the location's opening hours
        // or an instructor who does not work there, as it would for the owner at the desk.
        const outcome = await scheduleClass(tenant, owner, {
          serviceId: service.id,
          instructorId: instructor.id,
          locationId: at(place),
          weekday,
          startTime,
          intervalWeeks,
          validFrom,
        });
        if (!outcome.ok)
          throw new Error(`demo ${serviceName} at ${place} on ${weekday} ${startTime}: ${JSON.stringify(outcome)}`);
      }
    });
  }
}
