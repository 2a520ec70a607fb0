import { and, eq, gt } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";

// "Last seen" only decides idle expiry, counted in days: a minute's precision is plenty, and
// not writing it on every request keeps page reads free of a commit each.
const LAST_SEEN_PRECISION_MS = 60_000;

export async function insertSession(x: Executor, { t }: Tenant, userId: string, now: Date): Promise<string> {
  const [row] = await x
    .insert(t.sessions)
    .values({ userId, createdAt: now, lastSeenAt: now })
    .returning({ id: t.sessions.id });
  if (!row) throw new Error("insert returned no session");
  return row.id;
}

/**
 * The active user of a live session (created after `createdAfter`, seen after `seenAfter`), in
 * one round trip; marks the session as seen (to the minute).
 */
export async function findUserBySession(
  x: Executor,
  { t }: Tenant,
  key: { sessionId: string; userId: string },
  bounds: { createdAfter: Date; seenAfter: Date; now: Date },
): Promise<User | undefined> {
  const [row] = await x
    .select({ user: t.users, lastSeenAt: t.sessions.lastSeenAt })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(
      and(
        eq(t.sessions.id, key.sessionId),
        eq(t.sessions.userId, key.userId),
        gt(t.sessions.createdAt, bounds.createdAfter),
        gt(t.sessions.lastSeenAt, bounds.seenAfter),
        eq(t.users.status, "active"),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  if (bounds.now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS) {
    await x.update(t.sessions).set({ lastSeenAt: bounds.now }).where(eq(t.sessions.id, key.sessionId));
  }
  return row.user;
}

export async function deleteSession(x: Executor, { t }: Tenant, sessionId: string) {
  await x.delete(t.sessions).where(eq(t.sessions.id, sessionId));
}

export async function deleteSessionsOfUser(x: Executor, { t }: Tenant, userId: string) {
  await x.delete(t.sessions).where(eq(t.sessions.userId, userId));
}
