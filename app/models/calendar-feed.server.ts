import { and, eq, isNull } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";

export async function insertCalendarFeed(x: Executor, { t }: Tenant, values: { userId: string; tokenHash: string }) {
  await x.insert(t.calendarFeeds).values(values);
}

export async function revokeCalendarFeedsOfUser(x: Executor, { t }: Tenant, userId: string, now: Date) {
  await x
    .update(t.calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(t.calendarFeeds.userId, userId), isNull(t.calendarFeeds.revokedAt)));
}

export async function hasCalendarFeed(x: Executor, { t }: Tenant, userId: string) {
  const [row] = await x
    .select({ id: t.calendarFeeds.id })
    .from(t.calendarFeeds)
    .where(and(eq(t.calendarFeeds.userId, userId), isNull(t.calendarFeeds.revokedAt)))
    .limit(1);
  return Boolean(row);
}

/** The active owner of a live feed token. */
export async function findUserByCalendarToken(
  x: Executor,
  { t }: Tenant,
  tokenHash: string,
): Promise<User | undefined> {
  const [row] = await x
    .select({ user: t.users })
    .from(t.calendarFeeds)
    .innerJoin(t.users, eq(t.users.id, t.calendarFeeds.userId))
    .where(
      and(eq(t.calendarFeeds.tokenHash, tokenHash), isNull(t.calendarFeeds.revokedAt), eq(t.users.status, "active")),
    )
    .limit(1);
  return row?.user;
}
