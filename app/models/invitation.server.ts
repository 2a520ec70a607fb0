import { and, eq, gt, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

/**
 * The person a live invitation link is for: the token unused and unexpired, and the person
 * still invited (not yet joined, not deactivated meanwhile). Reads only; joining spends it.
 */
export async function findInvitation(x: Executor, { t }: Tenant, tokenHash: string, now: Date) {
  const [row] = await x
    .select({ userId: t.users.id, fullName: t.users.fullName, email: t.users.email })
    .from(t.authTokens)
    .innerJoin(t.users, eq(t.users.id, t.authTokens.userId))
    .where(
      and(
        eq(t.authTokens.tokenHash, tokenHash),
        eq(t.authTokens.purpose, "invite"),
        isNull(t.authTokens.usedAt),
        gt(t.authTokens.expiresAt, now),
        eq(t.users.status, "invited"),
      ),
    )
    .limit(1);
  return row;
}

/** Spends every unused invitation link of this person: a resent invitation replaces the old one. */
export async function revokeInvitations(x: Executor, { t }: Tenant, userId: string, now: Date) {
  await x
    .update(t.authTokens)
    .set({ usedAt: now })
    .where(and(eq(t.authTokens.userId, userId), eq(t.authTokens.purpose, "invite"), isNull(t.authTokens.usedAt)));
}
