import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Tenant } from "~/services/tenant.server";
import type { Executor } from "~db/client";
import type { AvailabilityBlock, AvailabilityException } from "~db/schema/tenant";

export type NewAvailabilityBlock = Omit<AvailabilityBlock, "id" | "createdAt">;
export type NewAvailabilityException = Omit<AvailabilityException, "id" | "createdAt">;

export async function insertAvailabilityBlock(x: Executor, { t }: Tenant, values: NewAvailabilityBlock) {
  const [row] = await x.insert(t.instructorAvailability).values(values).returning();
  if (!row) throw new Error("insert returned no availability block");
  return row;
}

/** Weekly blocks of some instructors (all their locations), by weekday and start. */
export async function listAvailabilityBlocks(
  x: Executor,
  { t }: Tenant,
  instructorIds: string[],
): Promise<AvailabilityBlock[]> {
  if (instructorIds.length === 0) return [];
  return x
    .select()
    .from(t.instructorAvailability)
    .where(inArray(t.instructorAvailability.instructorId, instructorIds))
    .orderBy(asc(t.instructorAvailability.weekday), asc(t.instructorAvailability.startTime));
}

export async function insertAvailabilityException(x: Executor, { t }: Tenant, values: NewAvailabilityException) {
  const [row] = await x.insert(t.availabilityExceptions).values(values).returning();
  if (!row) throw new Error("insert returned no availability exception");
  return row;
}

/** Exceptions of some instructors between two local dates (inclusive). */
export async function listAvailabilityExceptions(
  x: Executor,
  { t }: Tenant,
  instructorIds: string[],
  from: string,
  to: string,
): Promise<AvailabilityException[]> {
  if (instructorIds.length === 0) return [];
  return x
    .select()
    .from(t.availabilityExceptions)
    .where(
      and(
        inArray(t.availabilityExceptions.instructorId, instructorIds),
        gte(t.availabilityExceptions.date, from),
        lte(t.availabilityExceptions.date, to),
      ),
    )
    .orderBy(asc(t.availabilityExceptions.date));
}

export async function upsertTravelTime(
  x: Executor,
  { t }: Tenant,
  fromLocationId: string,
  toLocationId: string,
  minutes: number,
) {
  await x
    .insert(t.travelTimes)
    .values({ fromLocationId, toLocationId, minutes })
    .onConflictDoUpdate({ target: [t.travelTimes.fromLocationId, t.travelTimes.toLocationId], set: { minutes } });
}

export async function listTravelTimes(x: Executor, { t }: Tenant) {
  return x.select().from(t.travelTimes);
}

export async function deleteAvailabilityBlocksOfInstructor(x: Executor, { t }: Tenant, instructorId: string) {
  await x.delete(t.instructorAvailability).where(eq(t.instructorAvailability.instructorId, instructorId));
}
