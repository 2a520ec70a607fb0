import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { updateClient } from "~/models/client.server";
import { insertOutboxMessage, insertOutboxMessages, type NewOutboxMessage } from "~/models/outbox.server";
import { database, type Executor } from "~db/client";
import type { OutboxMessage } from "~db/schema/tenant";
import { enqueue } from "../../../jobs/enqueue";
import { SEND_REMINDER } from "../../../jobs/queues";
import { bookClass } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import { queueBookingNotices, queueNoticesOfBookings } from "./notices.server";

/*
 * The batched writes (all messages in one INSERT, all jobs in one more) hold to the one-by-one
 * writes they replaced: the same message rows and the same pg-boss jobs, field by field.
 */

const HOUR = 60 * 60_000;
type Studio = Awaited<ReturnType<typeof bookingStudio>>;

class RolledBack extends Error {}

/** What a transaction wrote, read inside it, and then rolled back. */
async function writtenThenRolledBack(write: (tx: Executor) => Promise<void>, read: (tx: Executor) => Promise<unknown>) {
  let seen: unknown;
  await expect(
    database().transaction(async (tx) => {
      await write(tx);
      seen = await read(tx);
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
  return seen;
}

/** A message as its client gets it, without what every insert makes anew (id, times). */
const asSent = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: OutboxMessage) => rest;

/**
 * The jobs naming these messages or bookings, messages named by their place in `messages`.
 * Only this transaction's (created now); a job due now starts when its transaction does, so
 * it is compared as "due at creation".
 */
async function jobsOf(x: Executor, messages: OutboxMessage[], bookingIds: string[]) {
  const messageIds = messages.map((m) => m.id);
  const rows = await x.execute<Record<string, unknown> & { data: Record<string, string> }>(sql`
    SELECT name, data, priority, state, retry_limit, retry_delay, retry_backoff, expire_in, policy, dead_letter,
      singleton_key, singleton_on, CASE WHEN start_after = created_on THEN NULL ELSE start_after END AS start_after,
      keep_until - start_after AS kept_for
    FROM pgboss.job
    WHERE created_on = now() AND (data->>'messageId' = ANY(${`{${messageIds.join(",")}}`}::text[])
       OR data->>'bookingId' = ANY(${`{${bookingIds.join(",")}}`}::text[]))`);
  return [...rows]
    .map((job) => {
      const { messageId, ...data } = job.data;
      const message = messages.find((m) => m.id === messageId);
      return JSON.stringify({ ...job, data: { ...data, message: message && [message.bookingId, message.channel] } });
    })
    .sort();
}

async function messagesOf(x: Executor, s: Studio, bookingIds: string[]) {
  const { t } = s.tenant;
  const rows = await x.select().from(t.outboxMessages).where(inArray(t.outboxMessages.bookingId, bookingIds));
  return rows.sort((a, b) => `${a.bookingId}${a.channel}`.localeCompare(`${b.bookingId}${b.channel}`));
}

async function jobCount(s: Studio) {
  const [row] = await database().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'studioId' = ${s.tenant.studio.id}`,
  );
  return row?.n;
}

async function classOfThree() {
  const s = await bookingStudio();
  const bookingIds: string[] = [];
  for (const channels of ["both", "email", "sms"] as const) {
    const client = await s.client(5);
    await updateClient(database(), s.tenant, client.id, { phone: "+447700900123" });
    const { t } = s.tenant;
    await database().update(t.users).set({ messageChannels: channels }).where(eq(t.users.id, client.id));
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    bookingIds.push(booking.id);
  }
  return { s, bookingIds };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("booking notices written together", () => {
  test("a moved class's notices, written together, are the messages and jobs written one booking at a time; rolled back, nothing is left", async () => {
    const { s, bookingIds } = await classOfThree();
    const before = await messagesOf(database(), s, bookingIds);
    const jobsBefore = await jobCount(s);
    // The invitation's stamp and sequence are the moment of writing: one moment for both.
    const now = new Date(s.yogaClass.startsAt.getTime() - 50 * HOUR);
    vi.useFakeTimers({ toFake: ["Date"], now });
    const notice = { kind: "moved" as const, previousStartsAt: new Date(s.yogaClass.startsAt.getTime() - HOUR) };
    const read = async (tx: Executor) => {
      const written = (await messagesOf(tx, s, bookingIds)).filter((m) => m.template === "booking_moved");
      return { messages: written.map(asSent), jobs: await jobsOf(tx, written, bookingIds) };
    };

    const oneByOne = (await writtenThenRolledBack(async (tx) => {
      for (const id of bookingIds) await queueBookingNotices(tx, s.tenant, id, notice, now);
    }, read)) as Awaited<ReturnType<typeof read>>;
    const together = await writtenThenRolledBack(
      (tx) => queueNoticesOfBookings(tx, s.tenant, bookingIds, notice, now),
      read,
    );

    // Both clients with email, both with a mobile: two emails, two texts, their four delivery
    // jobs, and each booking's reminders (24 h by email, 2 h by text).
    expect(oneByOne.messages.map((m) => m.channel).sort()).toEqual(["email", "email", "sms", "sms"]);
    expect(oneByOne.jobs).toHaveLength(4 + 4);
    expect(together).toEqual(oneByOne);
    // Rolled back: no message and no job is left of either.
    expect((await messagesOf(database(), s, bookingIds)).map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(await jobCount(s)).toBe(jobsBefore);
  });

  test("the messages and jobs of one insert are those of one insert each", async () => {
    const s = await bookingStudio();
    const later = new Date(Date.now() + 30 * HOUR);
    const bookingId = crypto.randomUUID();
    const messages = (template: string): NewOutboxMessage[] => [
      {
        channel: "email",
        recipient: "maya@example.com",
        subject: "Booked: Yoga",
        body: "You're booked in",
        html: "<p>You're booked in</p>",
        attachments: [{ filename: "booking.ics", contentType: "text/calendar", contentBase64: "QkVHSU4=" }],
        template,
      },
      { channel: "sms", recipient: "+447700900123", subject: null, body: "Booked", template, sendAfter: later },
    ];
    const reminder = { studioId: s.tenant.studio.id, bookingId, kind: "24h", startsAt: later.toISOString() };
    const read = (template: string) => async (tx: Executor) => {
      const { t } = s.tenant;
      const written = await tx.select().from(t.outboxMessages).where(eq(t.outboxMessages.template, template));
      const sorted = written.sort((a, b) => a.channel.localeCompare(b.channel));
      const jobs = (await jobsOf(tx, sorted, [bookingId])).map((job) => job.replaceAll(template, "T"));
      return { messages: sorted.map((m) => ({ ...asSent(m), template: "T" })), jobs };
    };

    const oneByOne = await writtenThenRolledBack(async (tx) => {
      for (const message of messages("one-by-one")) await insertOutboxMessage(tx, s.tenant, message);
      await enqueue(tx, SEND_REMINDER, reminder, { startAfter: later });
    }, read("one-by-one"));
    const together = await writtenThenRolledBack(
      (tx) =>
        insertOutboxMessages(tx, s.tenant, messages("together"), [
          { queue: SEND_REMINDER, data: reminder, startAfter: later },
        ]).then(() => undefined),
      read("together"),
    );
    expect((oneByOne as { jobs: string[] }).jobs).toHaveLength(3);
    expect(together).toEqual(oneByOne);
  });
});
