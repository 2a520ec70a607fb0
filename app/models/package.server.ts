import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Package } from "~db/schema/tenant";

export type NewPackage = Omit<Tenant["t"]["packages"]["$inferInsert"], "id" | "createdAt" | "archivedAt">;

export async function insertPackage(x: Executor, { t }: Tenant, values: NewPackage): Promise<Package> {
  const [row] = await x.insert(t.packages).values(values).returning();
  if (!row) throw new Error("insert returned no package");
  return row;
}

export async function updatePackage(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: Partial<NewPackage> & { archivedAt?: Date | null },
): Promise<Package | undefined> {
  const [row] = await x.update(t.packages).set(values).where(eq(t.packages.id, id)).returning();
  return row;
}

export async function findPackage(x: Executor, { t }: Tenant, id: string): Promise<Package | undefined> {
  const [row] = await x.select().from(t.packages).where(eq(t.packages.id, id)).limit(1);
  return row;
}

/** Packages on sale (not archived), cheapest first. */
export async function listPackages(
  x: Executor,
  { t }: Tenant,
  filter: { includeArchived?: boolean } = {},
): Promise<Package[]> {
  return x
    .select()
    .from(t.packages)
    .where(and(filter.includeArchived ? undefined : isNull(t.packages.archivedAt)))
    .orderBy(asc(t.packages.priceMinor), asc(t.packages.name));
}
