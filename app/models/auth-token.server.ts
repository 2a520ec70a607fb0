import { and, count, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

type Purpose = Tenant["t"]["authTokens"]["$inferSelect"]["purpose"];

export async function insertAuthToken(
  x: Executor,
  { t }: Tenant,
  values: { userId: string; purpose: Purpose; tokenHash: string; expiresAt: Date },
) {
  await x.insert(t.authTokens).values(values);
}

/** Marks a live token used and returns its user: a token works once, and only before it expires. */
export async function consumeAuthToken(x: Executor, { t }: Tenant, purpose: Purpose, tokenHash: string, now: Date) {
  const [row] = await x
    .update(t.authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(t.authTokens.tokenHash, tokenHash),
        eq(t.authTokens.purpose, purpose),
        isNull(t.authTokens.usedAt),
        gt(t.authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: t.authTokens.userId });
  return row?.userId;
}

/** Tokens that can never be used again: spent, or expired before `before`. */
export async function deleteStaleAuthTokens(x: Executor, { t }: Tenant, before: Date) {
  const rows = await x
    .delete(t.authTokens)
    .where(or(isNotNull(t.authTokens.usedAt), lt(t.authTokens.expiresAt, before)))
    .returning({ id: t.authTokens.id });
  return rows.length;
}

/** The user of a live token, without spending it: lets a page decide whether to show its form. */
export async function findLiveAuthToken(x: Executor, { t }: Tenant, purpose: Purpose, tokenHash: string, now: Date) {
  const [row] = await x
    .select({ userId: t.authTokens.userId })
    .from(t.authTokens)
    .where(
      and(
        eq(t.authTokens.tokenHash, tokenHash),
        eq(t.authTokens.purpose, purpose),
        isNull(t.authTokens.usedAt),
        gt(t.authTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row?.userId;
}

/** Spends every unused token of one user for one purpose, so no older link stays usable. */
export async function spendAuthTokensOfUser(x: Executor, { t }: Tenant, userId: string, purpose: Purpose, now: Date) {
  const rows = await x
    .update(t.authTokens)
    .set({ usedAt: now })
    .where(and(eq(t.authTokens.userId, userId), eq(t.authTokens.purpose, purpose), isNull(t.authTokens.usedAt)))
    .returning({ id: t.authTokens.id });
  return rows.length;
}

/** How many tokens of a purpose were issued to a person since an instant (spent or not). */
export async function countAuthTokensSince(x: Executor, { t }: Tenant, userId: string, purpose: Purpose, since: Date) {
  const [row] = await x
    .select({ n: count() })
    .from(t.authTokens)
    .where(and(eq(t.authTokens.userId, userId), eq(t.authTokens.purpose, purpose), gt(t.authTokens.createdAt, since)));
  return row?.n ?? 0;
}
