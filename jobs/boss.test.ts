import { inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { insertOutboxMessage } from "~/models/outbox.server";
import type { Providers } from "~/services/messages/delivery.server";
import { database } from "~db/client";
import { createLogger } from "../server/log";
import { createTestStudio } from "../test/factories";
import { startWorker } from "./boss";
import { DELIVER_MESSAGE } from "./queues";

const providers: Providers = {
  email: { name: "answer-email", sendEmail: async (email) => ({ providerMessageId: `p-${email.messageId}` }) },
  sms: null,
};

test("a backlog no commit woke up drains batch after batch, not one batch per polling interval", async () => {
  const studio = await createTestStudio();
  const { t } = studio.tenant;
  // Due in a moment: enqueued for later, so no commit notifies the worker, like reminders that
  // fall due together.
  const dueAt = new Date(Date.now() + 500);
  const ids = await database().transaction(async (tx) => {
    const written: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { id } = await insertOutboxMessage(tx, studio.tenant, {
        channel: "email",
        recipient: `client${i}@example.com`,
        subject: "Reminder",
        body: `Message ${i}`,
        template: "reminder_24h",
        sendAfter: dueAt,
      });
      written.push(id);
    }
    return written;
  });
  await new Promise((resolve) => setTimeout(resolve, dueAt.getTime() - Date.now() + 100));
  // Four batches of five; a poll every 30 s would take a minute and a half for the last three.
  const worker = await startWorker(process.env.DATABASE_URL as string, createLogger("silent"), {
    queues: [DELIVER_MESSAGE],
    batchSize: 5,
    pollingIntervalSeconds: 30,
    providers,
  });
  try {
    await expect
      .poll(
        async () => {
          const rows = await database().select().from(t.outboxMessages).where(inArray(t.outboxMessages.id, ids));
          return rows.filter((row) => row.status === "sent").length;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(20);
  } finally {
    await worker.stop();
  }
});
