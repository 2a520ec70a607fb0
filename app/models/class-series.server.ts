import { eq, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenant.server";
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
