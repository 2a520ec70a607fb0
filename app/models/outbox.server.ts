import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type MessageStatus, type OutboxMessage, RESENDABLE_STATUSES } from "~db/schema/tenant";
import { enqueue, enqueueAll, type NewJob } from "../../jobs/enqueue";
import { DELIVER_MESSAGE } from "../../jobs/queues";

export type NewOutboxMessage = Pick<OutboxMessage, "channel" | "recipient" | "subject" | "body" | "template"> &
  Partial<
    Pick<OutboxMessage, "html" | "attachments" | "userId" | "bookingId" | "locationId" | "dedupeKey" | "sendAfter">
  >;

/** What the delivery job needs to find its message. */
export type DeliverMessageJob = { studioId: string; messageId: string };

async function enqueueDelivery(x: Executor, tenant: Tenant, messageId: string, sendAfter: Date | null | undefined) {
  const job: DeliverMessageJob = { studioId: tenant.studio.id, messageId };
  await enqueue(x, DELIVER_MESSAGE, job, { startAfter: sendAfter ?? undefined });
}

/**
 * Pass the transaction of the change that causes the message: the message and the job that
 * delivers it commit with the change, or neither does.
 */
export async function insertOutboxMessage(x: Executor, tenant: Tenant, values: NewOutboxMessage) {
  const { t } = tenant;
  const [row] = await x.insert(t.outboxMessages).values(values).returning({ id: t.outboxMessages.id });
  if (!row) throw new Error("insert returned no outbox message");
  await enqueueDelivery(x, tenant, row.id, values.sendAfter);
  return row;
}

/**
 * As insertOutboxMessage for several messages, and `alsoJobs` (a booking's reminders), in two
 * statements whatever their number: one INSERT of the messages and one of every job. The ids are
 * made here so that each delivery job names its message without reading the insert's answer.
 */
export async function insertOutboxMessages(
  x: Executor,
  tenant: Tenant,
  messages: NewOutboxMessage[],
  alsoJobs: NewJob[] = [],
) {
  const rows = messages.map((values) => ({ ...values, id: randomUUID() }));
  if (rows.length > 0) await x.insert(tenant.t.outboxMessages).values(rows);
  const deliveries = rows.map(({ id, sendAfter }): NewJob => {
    const job: DeliverMessageJob = { studioId: tenant.studio.id, messageId: id };
    return { queue: DELIVER_MESSAGE, data: job, startAfter: sendAfter ?? undefined };
  });
  await enqueueAll(x, [...deliveries, ...alsoJobs]);
  return rows.map(({ id }) => ({ id }));
}

/**
 * As insertOutboxMessage, once per `dedupeKey`: a second call with the same key (a reminder job
 * run twice, by two workers or after a restart) writes nothing and returns undefined.
 */
export async function insertOutboxMessageOnce(
  x: Executor,
  tenant: Tenant,
  values: NewOutboxMessage & { dedupeKey: string },
) {
  const { t } = tenant;
  const [row] = await x
    .insert(t.outboxMessages)
    .values(values)
    .onConflictDoNothing({ target: t.outboxMessages.dedupeKey })
    .returning({ id: t.outboxMessages.id });
  if (row) await enqueueDelivery(x, tenant, row.id, values.sendAfter);
  return row;
}

export async function findOutboxMessage(x: Executor, { t }: Tenant, id: string): Promise<OutboxMessage | undefined> {
  const [row] = await x.select().from(t.outboxMessages).where(eq(t.outboxMessages.id, id)).limit(1);
  return row;
}

export async function listRecentOutboxMessages(x: Executor, { t }: Tenant, limit: number): Promise<OutboxMessage[]> {
  return x.select().from(t.outboxMessages).orderBy(desc(t.outboxMessages.createdAt)).limit(limit);
}

/**
 * Takes a message for one delivery attempt. Only one caller can move it from waiting to
 * "sending", so two workers never both hand it to the provider.
 */
export async function claimOutboxMessage(x: Executor, { t }: Tenant, id: string): Promise<OutboxMessage | undefined> {
  const [row] = await x
    .update(t.outboxMessages)
    .set({ status: "sending", attempts: sql`${t.outboxMessages.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(t.outboxMessages.id, id), inArray(t.outboxMessages.status, ["pending", "retrying"])))
    .returning();
  return row;
}

/**
 * A message found "sending" by a new attempt was claimed by a worker that stopped before it
 * recorded the outcome: the provider may have it. It is not sent again on its own.
 */
export async function markOutboxMessageUnconfirmed(x: Executor, { t }: Tenant, id: string) {
  await x
    .update(t.outboxMessages)
    .set({
      status: "unconfirmed",
      lastError: "The worker stopped while sending; the provider may have sent it.",
      updatedAt: new Date(),
    })
    .where(and(eq(t.outboxMessages.id, id), eq(t.outboxMessages.status, "sending")));
}

export type OutboxOutcome = {
  status: Extract<MessageStatus, "sent" | "retrying" | "failed" | "not_sent">;
  provider?: string | null;
  providerMessageId?: string | null;
  lastError?: string | null;
};

/** Records how an attempt ended, for the attempt that claimed the message. */
export async function recordOutboxOutcome(x: Executor, { t }: Tenant, id: string, outcome: OutboxOutcome) {
  const now = new Date();
  await x
    .update(t.outboxMessages)
    .set({ ...outcome, updatedAt: now, ...(outcome.status === "sent" ? { sentAt: now } : {}) })
    .where(and(eq(t.outboxMessages.id, id), inArray(t.outboxMessages.status, ["sending", "unconfirmed"])));
}

/**
 * Sends a message again with a new delivery job, in one transaction. Undefined when the
 * message is not one that may be sent again (sent, on its way, or already retrying by itself).
 */
export async function requeueOutboxMessage(x: Executor, tenant: Tenant, id: string) {
  const { t } = tenant;
  const [row] = await x
    .update(t.outboxMessages)
    .set({ status: "pending", lastError: null, updatedAt: new Date() })
    .where(and(eq(t.outboxMessages.id, id), inArray(t.outboxMessages.status, [...RESENDABLE_STATUSES])))
    .returning({ id: t.outboxMessages.id });
  if (row) await enqueueDelivery(x, tenant, row.id, null);
  return row;
}
