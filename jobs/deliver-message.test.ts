import { inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { insertOutboxMessage } from "~/models/outbox.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import type { Providers } from "~/services/messages/delivery.server";
import { database } from "~db/client";
import { createLogger } from "../server/log";
import { createTestStudio } from "../test/factories";
import { startWorker, type WorkerOptions } from "./boss";
import { enqueue } from "./enqueue";
import { DELIVER_MESSAGE, SEND_REMINDER } from "./queues";

const url = () => process.env.DATABASE_URL as string;

/** Counts what each message id was handed over as; a short wait makes the workers overlap. */
function countingProviders() {
  const handed = new Map<string, number>();
  const count = async (messageId: string) => {
    handed.set(messageId, (handed.get(messageId) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    return { providerMessageId: `p-${messageId}` };
  };
  const providers: Providers = {
    email: { name: "count-email", sendEmail: (email) => count(email.messageId) },
    sms: { name: "count-sms", sendSms: (sms) => count(sms.messageId) },
  };
  return { providers, handed };
}

describe("the delivery worker", () => {
  test("two workers hand each message to the provider exactly once", async () => {
    const studio = await createTestStudio();
    const { t } = studio.tenant;
    const ids = await database().transaction(async (tx) => {
      const written: string[] = [];
      for (let i = 0; i < 60; i++) {
        const { id } = await insertOutboxMessage(tx, studio.tenant, {
          channel: i % 3 === 0 ? "sms" : "email",
          recipient: i % 3 === 0 ? `+4477009${String(i).padStart(5, "0")}` : `client${i}@example.com`,
          subject: i % 3 === 0 ? null : "Booked",
          body: `Message ${i}`,
          template: "booking_confirmed",
        });
        written.push(id);
      }
      return written;
    });
    const { providers, handed } = countingProviders();
    const log = createLogger("silent");
    const options: WorkerOptions = { pollingIntervalSeconds: 0.5, queues: [DELIVER_MESSAGE], providers, batchSize: 5 };
    const workers = await Promise.all([startWorker(url(), log, options), startWorker(url(), log, options)]);
    try {
      await expect
        .poll(
          async () => {
            const rows = await database().select().from(t.outboxMessages).where(inArray(t.outboxMessages.id, ids));
            return rows.filter((row) => row.status === "sent").length;
          },
          { timeout: 20_000, interval: 200 },
        )
        .toBe(60);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(ids.map((id) => handed.get(id))).toEqual(ids.map(() => 1));
  });

  test("a reminder job run twice by two workers writes one reminder", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const job = {
      studioId: s.tenant.studio.id,
      bookingId: booking.id,
      kind: "24h",
      startsAt: booking.startsAt.toISOString(),
    };
    // As if a restart had enqueued it again: both copies are due now.
    await database().transaction(async (tx) => {
      await enqueue(tx, SEND_REMINDER, job);
      await enqueue(tx, SEND_REMINDER, job);
    });
    const log = createLogger("silent");
    const options: WorkerOptions = { pollingIntervalSeconds: 0.5, queues: [SEND_REMINDER] };
    const workers = await Promise.all([startWorker(url(), log, options), startWorker(url(), log, options)]);
    const { t } = s.tenant;
    try {
      await expect
        .poll(
          async () => {
            const rows = await database().select().from(t.outboxMessages);
            return rows.filter((row) => row.template === "reminder_24h" && row.bookingId === booking.id).length;
          },
          { timeout: 15_000, interval: 200 },
        )
        .toBe(1);
      // Both copies have run by now (or will find the reminder written).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const rows = await database().select().from(t.outboxMessages);
      expect(rows.filter((row) => row.template === "reminder_24h")).toHaveLength(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });
});
