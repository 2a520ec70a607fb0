import { listShownBookings } from "../app/models/booking.server";
import { listOccurrencesBetween } from "../app/models/occurrence.server";
import { listServices } from "../app/models/service.server";
import { findUserByEmail } from "../app/models/user.server";
import { bookClass, bookSession } from "../app/services/booking/engine.server";
import { availableSlots } from "../app/services/schedule/availability.server";
import { addDays, todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A few bookings so rosters, the teaching day and "My bookings" show something on a fresh
 * demo: made through the booking engine (credits spent, places taken, events written), and only
 * when the studio has no bookings at all, so restarts add nothing.
 */
export async function seedBookings(db: Db, tenant: Tenant, now = new Date()) {
  if ((await listShownBookings(db, tenant, { limit: 1 })).length > 0) return;
  const people = async (...emails: string[]) =>
    (await Promise.all(emails.map((email) => findUserByEmail(db, tenant, email)))).filter((u) => u !== undefined);
  const [amara, ben, ella] = await people("amara@demo.test", "ben@demo.test", "ella@demo.test");
  const classes = (
    await listOccurrencesBetween(db, tenant, {
      from: new Date(now.getTime() + DAY_MS),
      to: new Date(now.getTime() + 8 * DAY_MS),
    })
  )
    .filter((row) => row.serviceType === "class" && row.occurrence.status === "scheduled")
    .map((row) => row.occurrence);
  const attempt = (work: () => Promise<unknown>) => work().catch(() => undefined);
  for (const [index, occurrence] of classes.slice(0, 4).entries()) {
    for (const client of [amara, index % 2 ? ben : ella]) {
      if (client) await attempt(() => bookClass(tenant, client, { occurrenceId: occurrence.id }));
    }
  }
  // A personal-training hour each for Amara and Ben, at the first free times from the day after tomorrow.
  const training = (await listServices(db, tenant, { type: "session" })).find((s) => s.name === "Personal Training");
  const locationId = training?.locationIds[0];
  if (!training || !locationId) return;
  const waiting = [amara, ben].filter((c) => c !== undefined);
  for (let day = 2; day < 9 && waiting.length > 0; day++) {
    const date = addDays(todayIn("Europe/London", now), day);
    const free = await availableSlots(tenant, { serviceId: training.id, locationId, date }, now).catch(() => undefined);
    for (const person of free?.instructors ?? []) {
      const slot = person.slots.find((s) => s.allowsSelfBooking && s.localTime >= "09:00");
      const client = waiting[0];
      if (!slot || !client) continue;
      const booked = await attempt(() =>
        bookSession(tenant, client, {
          serviceId: training.id,
          locationId,
          startsAt: slot.startsAt,
          instructorId: person.id,
        }),
      );
      if (booked) waiting.shift();
    }
  }
}
