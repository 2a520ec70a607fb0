import { and, eq, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";

export async function insertApiToken(
  x: Executor,
  { t }: Tenant,
  values: { userId: string; tokenHash: string; label: string },
) {
  const [row] = await x.insert(t.apiTokens).values(values).returning({ id: t.apiTokens.id });
  if (!row) throw new Error("insert returned no api token");
  return row;
}

/** The active user behind a live (unrevoked) token; marks the token as used. */
export async function findUserByApiToken(
  x: Executor,
  { t }: Tenant,
  tokenHash: string,
  now: Date,
): Promise<User | undefined> {
  const [token] = await x
    .update(t.apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(t.apiTokens.tokenHash, tokenHash), isNull(t.apiTokens.revokedAt)))
    .returning({ userId: t.apiTokens.userId });
  if (!token) return undefined;
  const [user] = await x
    .select()
    .from(t.users)
    .where(and(eq(t.users.id, token.userId), eq(t.users.status, "active")))
    .limit(1);
  return user;
}

export async function revokeApiToken(x: Executor, { t }: Tenant, tokenHash: string, now: Date) {
  const rows = await x
    .update(t.apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(t.apiTokens.tokenHash, tokenHash), isNull(t.apiTokens.revokedAt)))
    .returning({ id: t.apiTokens.id });
  return rows.length > 0;
}

export async function revokeApiTokensOfUser(x: Executor, { t }: Tenant, userId: string, now: Date) {
  await x
    .update(t.apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(t.apiTokens.userId, userId), isNull(t.apiTokens.revokedAt)));
}
