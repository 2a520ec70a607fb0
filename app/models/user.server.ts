import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

export type NewUser = Omit<Tenant["t"]["users"]["$inferInsert"], "id" | "createdAt">;

export async function insertUser(x: Executor, { t }: Tenant, values: NewUser): Promise<User> {
  const [row] = await x.insert(t.users).values(values).returning();
  if (!row) throw new Error("insert returned no user");
  return row;
}

export async function findUserByEmail(x: Executor, { t }: Tenant, email: string): Promise<User | undefined> {
  const [row] = await x.select().from(t.users).where(sql`lower(${t.users.email}) = ${email.toLowerCase()}`).limit(1);
  return row;
}

const activeUserById = tenantStatement("findActiveUserById", (x, t) =>
  x
    .select()
    .from(t.users)
    .where(and(eq(t.users.id, value("id")), eq(t.users.status, "active")))
    .limit(1),
);

export async function findActiveUserById(x: Executor, tenant: Tenant, id: string): Promise<User | undefined> {
  const [row] = await activeUserById(x, tenant, { id });
  return row;
}

export async function updateUserPassword(x: Executor, { t }: Tenant, id: string, passwordHash: string) {
  await x.update(t.users).set({ passwordHash }).where(eq(t.users.id, id));
}

/** Records that the person proved they read their address; the first proof's time stays. */
export async function markEmailVerified(x: Executor, { t }: Tenant, id: string, at: Date) {
  await x
    .update(t.users)
    .set({ emailVerifiedAt: at })
    .where(and(eq(t.users.id, id), isNull(t.users.emailVerifiedAt)));
}
