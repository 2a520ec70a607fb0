import { and, eq, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

export async function insertApiToken(
  x: Executor,
  { t }: Tenant,
  values: { userId: string; tokenHash: string; label: string },
) {
  const [row] = await x.insert(t.apiTokens).values(values).returning({ id: t.apiTokens.id });
  if (!row) throw new Error("insert returned no api token");
  return row;
}

// "Last used" is for people reviewing their tokens: a minute's precision is plenty, and not
// writing it on every call keeps API reads free of a commit each.
const LAST_USED_PRECISION_MS = 60_000;

/** The active user behind a live (unrevoked) token; marks the token as used (to the minute). */
const userByToken = tenantStatement("findUserByApiToken", (x, t) =>
  x
    .select({ user: t.users, tokenId: t.apiTokens.id, lastUsedAt: t.apiTokens.lastUsedAt })
    .from(t.apiTokens)
    .innerJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .where(
      and(eq(t.apiTokens.tokenHash, value("tokenHash")), isNull(t.apiTokens.revokedAt), eq(t.users.status, "active")),
    )
    .limit(1),
);

export async function findUserByApiToken(
  x: Executor,
  tenant: Tenant,
  tokenHash: string,
  now: Date,
): Promise<User | undefined> {
  const { t } = tenant;
  const [row] = await userByToken(x, tenant, { tokenHash });
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await x.update(t.apiTokens).set({ lastUsedAt: now }).where(eq(t.apiTokens.id, row.tokenId));
  }
  return row.user;
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
