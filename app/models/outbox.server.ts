import { desc } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { OutboxMessage } from "~db/schema/tenant";

export type NewOutboxMessage = Pick<OutboxMessage, "channel" | "recipient" | "subject" | "body" | "template"> &
  Partial<Pick<OutboxMessage, "html">>;

/** Pass the transaction of the change that causes the message: both commit or neither does. */
export async function insertOutboxMessage(x: Executor, { t }: Tenant, values: NewOutboxMessage) {
  const [row] = await x.insert(t.outboxMessages).values(values).returning({ id: t.outboxMessages.id });
  if (!row) throw new Error("insert returned no outbox message");
  return row;
}

export async function listRecentOutboxMessages(x: Executor, { t }: Tenant, limit: number): Promise<OutboxMessage[]> {
  return x.select().from(t.outboxMessages).orderBy(desc(t.outboxMessages.createdAt)).limit(limit);
}
