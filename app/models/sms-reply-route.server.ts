import { eq, sql } from "drizzle-orm";
import type { Executor } from "~db/client";
import { smsReplyRoutes } from "~db/schema/control";

/** Remembers that this studio was the last to text `phone`, so a reply finds its way back. */
export async function upsertSmsReplyRoute(x: Executor, phone: string, organizationId: string) {
  await x
    .insert(smsReplyRoutes)
    .values({ phone, organizationId })
    .onConflictDoUpdate({ target: smsReplyRoutes.phone, set: { organizationId, updatedAt: sql`now()` } });
}

/** The studio that last texted `phone`, if any. */
export async function findSmsReplyRoute(x: Executor, phone: string) {
  const [row] = await x.select().from(smsReplyRoutes).where(eq(smsReplyRoutes.phone, phone)).limit(1);
  return row;
}
