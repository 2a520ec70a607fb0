import { asc, eq } from "drizzle-orm";
import type { Executor } from "~db/client";
import { organizations } from "~db/schema/control";

export type Studio = typeof organizations.$inferSelect;

export async function findStudioBySlug(x: Executor, slug: string): Promise<Studio | undefined> {
  const [row] = await x.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row;
}

export async function findStudioById(x: Executor, id: string): Promise<Studio | undefined> {
  const [row] = await x.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

export async function insertStudio(
  x: Executor,
  values: Pick<Studio, "id" | "slug" | "name" | "schemaName">,
): Promise<Studio> {
  const [row] = await x.insert(organizations).values(values).returning();
  if (!row) throw new Error("insert returned no organization");
  return row;
}

export async function listActiveStudios(x: Executor): Promise<Studio[]> {
  return x.select().from(organizations).where(eq(organizations.status, "active")).orderBy(asc(organizations.createdAt));
}
