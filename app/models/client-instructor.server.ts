import { eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenant.server";
import type { Executor } from "~db/client";

export async function assignInstructor(x: Executor, { t }: Tenant, clientId: string, instructorId: string) {
  await x.insert(t.clientInstructors).values({ clientId, instructorId }).onConflictDoNothing();
}

export async function listInstructorIdsForClient(x: Executor, { t }: Tenant, clientId: string): Promise<string[]> {
  const rows = await x
    .select({ id: t.clientInstructors.instructorId })
    .from(t.clientInstructors)
    .where(eq(t.clientInstructors.clientId, clientId));
  return rows.map((row) => row.id);
}
