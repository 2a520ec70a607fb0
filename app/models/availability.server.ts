import { and, asc, eq, gt, gte, isNull, lt, lte, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { AvailabilityBlock, AvailabilityException } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

export type NewAvailabilityBlock = Omit<AvailabilityBlock, "id" | "createdAt">;
export type NewAvailabilityException = Omit<AvailabilityException, "id" | "createdAt" | "timezone"> &
  Partial<Pick<AvailabilityException, "timezone">>;

export async function insertAvailabilityBlock(x: Executor, { t }: Tenant, values: NewAvailabilityBlock) {
  const [row] = await x.insert(t.instructorAvailability).values(values).returning();
  if (!row) throw new Error("insert returned no availability block");
  return row;
}

const blocksOf = tenantStatement("listAvailabilityBlocks", (x, t) =>
  x
    .select()
    .from(t.instructorAvailability)
    .where(sql`${t.instructorAvailability.instructorId} = ANY(${value("ids")}::uuid[])`)
    .orderBy(asc(t.instructorAvailability.weekday), asc(t.instructorAvailability.startTime)),
);

/** Weekly blocks of some instructors (all their locations), by weekday and start. */
export async function listAvailabilityBlocks(
  x: Executor,
  tenant: Tenant,
  instructorIds: string[],
): Promise<AvailabilityBlock[]> {
  if (instructorIds.length === 0) return [];
  return blocksOf(x, tenant, { ids: instructorIds });
}

export async function insertAvailabilityException(x: Executor, { t }: Tenant, values: NewAvailabilityException) {
  const [row] = await x.insert(t.availabilityExceptions).values(values).returning();
  if (!row) throw new Error("insert returned no availability exception");
  return row;
}

const exceptionsOf = tenantStatement("listAvailabilityExceptions", (x, t) =>
  x
    .select()
    .from(t.availabilityExceptions)
    .where(
      and(
        sql`${t.availabilityExceptions.instructorId} = ANY(${value("ids")}::uuid[])`,
        gte(t.availabilityExceptions.date, value("from")),
        lte(t.availabilityExceptions.date, value("to")),
      ),
    )
    .orderBy(asc(t.availabilityExceptions.date)),
);

/** Exceptions of some instructors between two local dates (inclusive). */
export async function listAvailabilityExceptions(
  x: Executor,
  tenant: Tenant,
  instructorIds: string[],
  from: string,
  to: string,
): Promise<AvailabilityException[]> {
  if (instructorIds.length === 0) return [];
  return exceptionsOf(x, tenant, { ids: instructorIds, from, to });
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

const travelTimes = tenantStatement("listTravelTimes", (x, t) => x.select().from(t.travelTimes));

export async function listTravelTimes(x: Executor, tenant: Tenant) {
  return travelTimes(x, tenant, {});
}

export async function findAvailabilityBlock(x: Executor, { t }: Tenant, id: string) {
  const [row] = await x.select().from(t.instructorAvailability).where(eq(t.instructorAvailability.id, id)).limit(1);
  return row;
}

export async function updateAvailabilityBlock(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: Pick<NewAvailabilityBlock, "locationId" | "weekday" | "startTime" | "endTime" | "allowsSelfBooking">,
) {
  const [row] = await x
    .update(t.instructorAvailability)
    .set(values)
    .where(eq(t.instructorAvailability.id, id))
    .returning();
  return row;
}

export async function deleteAvailabilityBlock(x: Executor, { t }: Tenant, id: string) {
  await x.delete(t.instructorAvailability).where(eq(t.instructorAvailability.id, id));
}

export async function findAvailabilityException(x: Executor, { t }: Tenant, id: string) {
  const [row] = await x.select().from(t.availabilityExceptions).where(eq(t.availabilityExceptions.id, id)).limit(1);
  return row;
}

export async function deleteAvailabilityException(x: Executor, { t }: Tenant, id: string) {
  await x.delete(t.availabilityExceptions).where(eq(t.availabilityExceptions.id, id));
}

/**
 * An instructor's 1:1 sessions (commitments without a class) that end after `from`, with the
 * location's name and timezone: what an edit to their hours must not silently strand.
 */
export async function listOneToOneCommitmentsFrom(x: Executor, { t }: Tenant, instructorId: string, from: Date) {
  return x
    .select({
      startsAt: t.instructorCommitments.startsAt,
      endsAt: t.instructorCommitments.endsAt,
      locationId: t.instructorCommitments.locationId,
      locationName: t.locations.name,
      timezone: t.locations.timezone,
    })
    .from(t.instructorCommitments)
    .innerJoin(t.locations, eq(t.locations.id, t.instructorCommitments.locationId))
    .where(
      and(
        eq(t.instructorCommitments.instructorId, instructorId),
        isNull(t.instructorCommitments.occurrenceId),
        gt(t.instructorCommitments.endsAt, from),
      ),
    )
    .orderBy(asc(t.instructorCommitments.startsAt));
}

const commitmentsBetween = tenantStatement("listCommitmentsBetween", (x, t) =>
  x
    .select({
      instructorId: t.instructorCommitments.instructorId,
      startsAt: t.instructorCommitments.startsAt,
      endsAt: t.instructorCommitments.endsAt,
      locationId: t.instructorCommitments.locationId,
      bookingId: t.instructorCommitments.bookingId,
    })
    .from(t.instructorCommitments)
    .where(
      and(
        sql`${t.instructorCommitments.instructorId} = ANY(${value("ids")}::uuid[])`,
        lt(t.instructorCommitments.startsAt, value("to", t.instructorCommitments.startsAt)),
        gt(t.instructorCommitments.endsAt, value("from", t.instructorCommitments.endsAt)),
      ),
    ),
);

/** Everything some instructors are committed to (classes and sessions, anywhere) between two instants. */
export async function listCommitmentsBetween(
  x: Executor,
  tenant: Tenant,
  instructorIds: string[],
  from: Date,
  to: Date,
) {
  if (instructorIds.length === 0) return [];
  return commitmentsBetween(x, tenant, { ids: instructorIds, from, to });
}
