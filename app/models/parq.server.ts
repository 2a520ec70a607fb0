import { desc, eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { ParqResponse } from "~db/schema/tenant";

type NewParqResponse = Pick<ParqResponse, "clientId" | "answers" | "anyYes" | "declarationName" | "declaredOn">;

/** Append-only: a new screening never replaces an old one, so there is no update or delete. */
export async function insertParqResponse(x: Executor, { t }: Tenant, values: NewParqResponse): Promise<ParqResponse> {
  const [row] = await x.insert(t.parqResponses).values(values).returning();
  if (!row) throw new Error("insert returned no PAR-Q response");
  return row;
}

/** A client's screenings, newest first. */
export async function listParqResponses(x: Executor, { t }: Tenant, clientId: string): Promise<ParqResponse[]> {
  return x
    .select()
    .from(t.parqResponses)
    .where(eq(t.parqResponses.clientId, clientId))
    .orderBy(desc(t.parqResponses.createdAt), desc(t.parqResponses.id));
}

export async function findLatestParqResponse(
  x: Executor,
  { t }: Tenant,
  clientId: string,
): Promise<ParqResponse | undefined> {
  const [row] = await x
    .select()
    .from(t.parqResponses)
    .where(eq(t.parqResponses.clientId, clientId))
    .orderBy(desc(t.parqResponses.createdAt), desc(t.parqResponses.id))
    .limit(1);
  return row;
}
