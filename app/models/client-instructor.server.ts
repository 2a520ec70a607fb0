import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
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

/** Makes exactly these instructors the client's (removing the others), in the caller's transaction. */
export async function replaceInstructorsForClient(
  x: Executor,
  { t }: Tenant,
  clientId: string,
  instructorIds: readonly string[],
) {
  await x
    .delete(t.clientInstructors)
    .where(
      and(
        eq(t.clientInstructors.clientId, clientId),
        instructorIds.length > 0 ? notInArray(t.clientInstructors.instructorId, [...instructorIds]) : undefined,
      ),
    );
  if (instructorIds.length === 0) return;
  await x
    .insert(t.clientInstructors)
    .values(instructorIds.map((instructorId) => ({ clientId, instructorId })))
    .onConflictDoNothing();
}

/** Each listed client's instructor ids (clients without any are absent from the map). */
export async function listInstructorIdsForClients(
  x: Executor,
  { t }: Tenant,
  clientIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byClient = new Map<string, string[]>();
  if (clientIds.length === 0) return byClient;
  const rows = await x
    .select({ clientId: t.clientInstructors.clientId, instructorId: t.clientInstructors.instructorId })
    .from(t.clientInstructors)
    .where(inArray(t.clientInstructors.clientId, [...clientIds]));
  for (const row of rows) byClient.set(row.clientId, [...(byClient.get(row.clientId) ?? []), row.instructorId]);
  return byClient;
}
