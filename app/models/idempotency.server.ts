import { and, eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

/**
 * Claims a one-time key inside the transaction of the change it guards. Returns false when the
 * key was already used: a racing duplicate waits here until the first commits, then sees it.
 */
export async function claimIdempotencyKey(
  x: Executor,
  { t }: Tenant,
  claim: { userId: string; key: string; action: string },
): Promise<boolean> {
  const rows = await x
    .insert(t.idempotencyKeys)
    .values({ ...claim, result: {} })
    .onConflictDoNothing()
    .returning({ key: t.idempotencyKeys.key });
  return rows.length > 0;
}

/** Records what the first submission produced, for any repeat of it to be shown. */
export async function saveIdempotencyResult(
  x: Executor,
  { t }: Tenant,
  userId: string,
  key: string,
  result: Record<string, unknown>,
) {
  await x
    .update(t.idempotencyKeys)
    .set({ result })
    .where(and(eq(t.idempotencyKeys.userId, userId), eq(t.idempotencyKeys.key, key)));
}

export async function findIdempotencyResult(x: Executor, { t }: Tenant, userId: string, key: string) {
  const [row] = await x
    .select({
      action: t.idempotencyKeys.action,
      result: t.idempotencyKeys.result,
      createdAt: t.idempotencyKeys.createdAt,
    })
    .from(t.idempotencyKeys)
    .where(and(eq(t.idempotencyKeys.userId, userId), eq(t.idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

/** Gives a key back when the request it guarded failed, so that a retry with it can act. */
export async function releaseIdempotencyKey(x: Executor, { t }: Tenant, userId: string, key: string) {
  await x.delete(t.idempotencyKeys).where(and(eq(t.idempotencyKeys.userId, userId), eq(t.idempotencyKeys.key, key)));
}
