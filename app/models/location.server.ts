import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Location } from "~db/schema/tenant";
import { tenantStatement } from "~db/statement";

export type NewLocation = Omit<Tenant["t"]["locations"]["$inferInsert"], "id" | "createdAt">;
export type LocationUpdate = Partial<Omit<NewLocation, "settings">>;

export async function insertLocation(x: Executor, { t }: Tenant, values: NewLocation): Promise<Location> {
  const [row] = await x.insert(t.locations).values(values).returning();
  if (!row) throw new Error("insert returned no location");
  return row;
}

const activeLocations = tenantStatement("listActiveLocations", (x, t) =>
  x.select().from(t.locations).where(eq(t.locations.isActive, true)).orderBy(asc(t.locations.createdAt)),
);

export async function listActiveLocations(x: Executor, tenant: Tenant): Promise<Location[]> {
  return activeLocations(x, tenant, {});
}

/** Open and deactivated alike: deactivated locations keep their history and can reopen. */
export async function listAllLocations(x: Executor, { t }: Tenant): Promise<Location[]> {
  return x.select().from(t.locations).orderBy(asc(t.locations.createdAt));
}

export async function findLocationByName(x: Executor, { t }: Tenant, name: string): Promise<Location | undefined> {
  const [row] = await x.select().from(t.locations).where(eq(t.locations.name, name)).limit(1);
  return row;
}

export async function findLocationById(x: Executor, { t }: Tenant, id: string): Promise<Location | undefined> {
  const [row] = await x.select().from(t.locations).where(eq(t.locations.id, id)).limit(1);
  return row;
}

/** Whether another location (open or not) already has this name, ignoring case. */
export async function isLocationNameTaken(x: Executor, { t }: Tenant, name: string, exceptId?: string) {
  const [row] = await x
    .select({ id: t.locations.id })
    .from(t.locations)
    .where(
      and(sql`lower(${t.locations.name}) = ${name.toLowerCase()}`, exceptId ? ne(t.locations.id, exceptId) : undefined),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Serialises location writes within one studio until the transaction ends, so two requests
 * cannot both find a name free and both take it (names are unique per studio, ignoring case).
 */
export async function lockLocationNames(x: Executor, { studio }: Tenant) {
  await x.execute(sql`SELECT pg_advisory_xact_lock(72002, hashtext(${studio.schemaName}))`);
}

export async function updateLocation(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: LocationUpdate,
): Promise<Location | undefined> {
  const [row] = await x.update(t.locations).set(values).where(eq(t.locations.id, id)).returning();
  return row;
}
