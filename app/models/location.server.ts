import { asc, eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenant.server";
import type { Executor } from "~db/client";
import type { Location } from "~db/schema/tenant";

export type NewLocation = Omit<Tenant["t"]["locations"]["$inferInsert"], "id" | "createdAt">;

export async function insertLocation(x: Executor, { t }: Tenant, values: NewLocation): Promise<Location> {
  const [row] = await x.insert(t.locations).values(values).returning();
  if (!row) throw new Error("insert returned no location");
  return row;
}

export async function listActiveLocations(x: Executor, { t }: Tenant): Promise<Location[]> {
  return x.select().from(t.locations).where(eq(t.locations.isActive, true)).orderBy(asc(t.locations.createdAt));
}

export async function findLocationByName(x: Executor, { t }: Tenant, name: string): Promise<Location | undefined> {
  const [row] = await x.select().from(t.locations).where(eq(t.locations.name, name)).limit(1);
  return row;
}
