import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { ClassSeries } from "~db/schema/tenant";

export type NewClassSeries = Omit<Tenant["t"]["classSeries"]["$inferInsert"], "id" | "createdAt" | "archivedAt">;

export async function insertClassSeries(x: Executor, { t }: Tenant, values: NewClassSeries): Promise<ClassSeries> {
  const [row] = await x.insert(t.classSeries).values(values).returning();
  if (!row) throw new Error("insert returned no class series");
  return row;
}

export async function findClassSeries(x: Executor, { t }: Tenant, id: string): Promise<ClassSeries | undefined> {
  const [row] = await x.select().from(t.classSeries).where(eq(t.classSeries.id, id)).limit(1);
  return row;
}

export async function listActiveClassSeries(x: Executor, { t }: Tenant): Promise<ClassSeries[]> {
  return x.select().from(t.classSeries).where(isNull(t.classSeries.archivedAt));
}

export async function lockClassSeries(x: Executor, { t }: Tenant, id: string): Promise<ClassSeries | undefined> {
  const [row] = await x.select().from(t.classSeries).where(eq(t.classSeries.id, id)).for("update").limit(1);
  return row;
}

export async function updateClassSeries(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: Partial<Pick<ClassSeries, "validUntil" | "archivedAt">>,
): Promise<ClassSeries | undefined> {
  const [row] = await x.update(t.classSeries).set(values).where(eq(t.classSeries.id, id)).returning();
  return row;
}

/** Unarchived series at some locations, with the names a timetable shows. */
export async function listClassSeriesWithNames(x: Executor, { t }: Tenant, locationIds: string[]) {
  if (locationIds.length === 0) return [];
  return x
    .select({
      series: t.classSeries,
      serviceName: t.services.name,
      locationName: t.locations.name,
      locationTimezone: t.locations.timezone,
      instructorName: t.users.fullName,
    })
    .from(t.classSeries)
    .innerJoin(t.services, eq(t.services.id, t.classSeries.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.classSeries.locationId))
    .innerJoin(t.users, eq(t.users.id, t.classSeries.instructorId))
    .where(and(isNull(t.classSeries.archivedAt), inArray(t.classSeries.locationId, locationIds)))
    .orderBy(asc(t.classSeries.weekday), asc(t.classSeries.startTime), asc(t.services.name));
}
