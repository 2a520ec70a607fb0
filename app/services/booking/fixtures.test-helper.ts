import { insertClassSeries } from "~/models/class-series.server";
import { updateClient } from "~/models/client.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { findActiveUserById } from "~/models/user.server";
import { grantCredits } from "~/services/credits/ledger.server";
import { availabilityStudio, london, nextMonday } from "~/services/schedule/availability-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/**
 * The availability studio plus what booking needs: an instructor working Mondays 09:00–17:00
 * at the main location, a class on that Monday at 18:00, and clients with credits.
 */
export async function bookingStudio(options: { classCapacity?: number } = {}) {
  const s = await availabilityStudio();
  const db = database();
  const owner = (await findActiveUserById(db, s.tenant, s.owner.id)) as User;
  await s.block(s.instructor.id, 1, "09:00", "17:00");
  const monday = nextMonday(3);
  const yoga = await insertService(db, s.tenant, {
    name: "Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: options.classCapacity ?? 10,
    locationIds: [s.main.id, s.second.id],
    cancellationWindowHours: 12,
  });
  const startsAt = london(monday, "18:00");
  const yogaClass = await insertOccurrence(db, s.tenant, {
    serviceId: yoga.id,
    locationId: s.main.id,
    instructorId: s.instructor.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    capacity: options.classCapacity ?? 10,
  });
  if (!yogaClass) throw new Error("class not inserted");
  /**
   * A client at the main location, with `credits` credits valid for 30 days. A
   * `bookingPermissions` in `extra` is saved too (a signed-in client is read from the database).
   */
  const client = async (credits = 5, extra: Partial<User> = {}) => {
    const person = await s.person("client", [s.main.id]);
    if (extra.bookingPermissions)
      await updateClient(db, s.tenant, person.id, { bookingPermissions: extra.bookingPermissions });
    if (credits > 0)
      await grantCredits(s.tenant, owner, { clientId: person.id, credits, validDays: 30, reason: "Test credits" });
    return { ...person, ...extra } as User;
  };
  /** Another Yoga class at the main location, starting at `startsAt` (say, soon after now). */
  const classAt = async (startsAt: Date, options: { capacity?: number; seriesId?: string } = {}) => {
    const row = await insertOccurrence(db, s.tenant, {
      serviceId: yoga.id,
      locationId: s.main.id,
      instructorId: s.instructor.id,
      seriesId: options.seriesId ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      capacity: options.capacity ?? 10,
    });
    if (!row) throw new Error("class not inserted");
    return row;
  };
  /** A weekly Monday Yoga series at `time` (an hour long) and its occurrence on that Monday. */
  const weeklyClassAt = async (time: string) => {
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const series = await insertClassSeries(db, s.tenant, {
      serviceId: yoga.id,
      instructorId: s.instructor.id,
      locationId: s.main.id,
      weekday: 1,
      startTime: time,
      endTime: `${String(hours + 1).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`,
      capacity: 10,
      validFrom: monday,
    });
    return { series, dated: await classAt(london(monday, time), { seriesId: series.id }) };
  };
  const at = (time: string) => london(monday, time);
  return { ...s, owner, monday, yoga, yogaClass, client, classAt, weeklyClassAt, at };
}
