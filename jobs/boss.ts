import PgBoss from "pg-boss";
import type { Providers } from "../app/services/messages/delivery.server";
import { connect, type Db } from "../db/client";
import { errorFields, type Logger } from "../server/log";
import { deliverMessageJob } from "./deliver-message";
import { expireCheckoutJob } from "./expire-checkout";
import { extendAllClassHorizons } from "./extend-class-horizon";
import { chargeNoShowFeeJob } from "./no-show-fee";
import { purgeStaleAuthTokens } from "./purge-auth-tokens";
import {
  CHARGE_NO_SHOW_FEE,
  DELIVER_MESSAGE,
  EXPIRE_CHECKOUT,
  EXPIRE_WAITLIST_OFFER,
  EXTEND_CLASS_HORIZON,
  FILL_WAITLIST,
  JOBS_SCHEMA,
  PURGE_AUTH_TOKENS,
  type QueueName,
  SEND_REMINDER,
  SWEEP_REQUESTS,
  SWEEP_WAITLISTS,
  WAKE_CHANNEL,
} from "./queues";
import { sendReminderJob } from "./send-reminder";
import { sweepAllRequests } from "./sweep-requests";
import { expireWaitlistOfferJob, fillWaitlistJob, sweepAllWaitlists } from "./waitlist";

type Context = { db: Db; log: Logger; secrets: { deliveryReport?: string }; providers?: Providers };
// biome-ignore lint/suspicious/noExplicitAny: each handler reads its own queue's data shape
type Handler = (job: PgBoss.JobWithMetadata<any>, context: Context) => Promise<unknown>;

const HANDLERS: Record<QueueName, Handler> = {
  [DELIVER_MESSAGE]: (job, { secrets, providers }) => deliverMessageJob(job, { secrets, providers }),
  [SEND_REMINDER]: (job) => sendReminderJob(job),
  [PURGE_AUTH_TOKENS]: (_job, { db }) => purgeStaleAuthTokens(db).then((deleted) => ({ deleted })),
  [EXTEND_CLASS_HORIZON]: async (_job, { db, log }) => {
    const { created, clashes } = await extendAllClassHorizons(db);
    // A clash means a class meeting was not created: worth a look, not a retry.
    if (clashes > 0) log.warn("class meetings skipped", { created, clashes });
    return { created, clashes };
  },
  [EXPIRE_CHECKOUT]: (job) => expireCheckoutJob(job),
  [FILL_WAITLIST]: (job) => fillWaitlistJob(job),
  [EXPIRE_WAITLIST_OFFER]: (job) => expireWaitlistOfferJob(job),
  [SWEEP_WAITLISTS]: (_job, { db }) => sweepAllWaitlists(db),
  [SWEEP_REQUESTS]: (_job, { db }) => sweepAllRequests(db),
  [CHARGE_NO_SHOW_FEE]: (job) => chargeNoShowFeeJob(job),
};

/**
 * Sweeps: nightly ones in the studios' main time zone, before the first classes anywhere in
 * Europe; the waitlists' backstop and booking requests' expiry and escalation every minute.
 */
const SCHEDULES: [QueueName, string][] = [
  [PURGE_AUTH_TOKENS, "17 3 * * *"],
  [EXTEND_CLASS_HORIZON, "30 2 * * *"],
  [SWEEP_WAITLISTS, "* * * * *"],
  [SWEEP_REQUESTS, "* * * * *"],
];

export type WorkerOptions = {
  pollingIntervalSeconds?: number;
  /** Jobs a worker fetches at once, run side by side (provider calls mostly wait). */
  batchSize?: number;
  /** Only these queues (tests); all by default. */
  queues?: QueueName[];
  deliveryReportSecret?: string;
  /** Providers other than the environment's (tests, the bench). */
  providers?: Providers;
};

/**
 * Starts pg-boss (its own schema in the studios' database) and works every queue. Queues are
 * created by the migrations (jobs/install.ts). The worker polls each queue every few seconds,
 * whatever the number of studios, and a committed transaction that enqueued work wakes it at
 * once through LISTEN/NOTIFY.
 */
export async function startWorker(url: string, log: Logger, options: WorkerOptions = {}) {
  const { client, db } = connect(url, { max: 4 });
  const boss = new PgBoss({ connectionString: url, schema: JOBS_SCHEMA, max: 4 });
  boss.on("error", (error) => log.error("pg-boss", errorFields(error)));
  await boss.start();

  const queues = options.queues ?? (Object.keys(HANDLERS) as QueueName[]);
  const context: Context = {
    db,
    log,
    secrets: { deliveryReport: options.deliveryReportSecret },
    providers: options.providers,
  };
  const workerIds = new Map<string, string>();
  const batchSize = options.batchSize ?? 10;
  for (const queue of queues) {
    const handler = HANDLERS[queue];
    const id = await boss.work(
      queue,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize, includeMetadata: true },
      async (jobs) => {
        // One job's failure must not fail the batch: it is failed (and retried) on its own;
        // pg-boss completes the rest when this returns.
        await Promise.all(
          jobs.map(async (job) => {
            try {
              const result = await handler(job, context);
              log.debug("job done", { queue, id: job.id, result });
            } catch (error) {
              log.warn("job failed", { queue, id: job.id, retry: job.retryCount, ...errorFields(error) });
              await boss.fail(queue, job.id, errorFields(error));
            }
          }),
        );
        // pg-boss waits out the polling interval after every batch, a full one too: a backlog
        // (reminders that fell due together, no commit to wake the worker) would drain at one
        // batch per interval. A full batch fetches the next at once.
        const self = workerIds.get(queue);
        if (jobs.length >= batchSize && self) boss.notifyWorker(self);
      },
    );
    workerIds.set(queue, id);
  }
  for (const [queue, cron] of SCHEDULES) {
    if (queues.includes(queue)) await boss.schedule(queue, cron, {}, { tz: "Europe/London" });
  }
  const wake = await client.listen(WAKE_CHANNEL, (queue) => {
    const id = workerIds.get(queue);
    if (id) boss.notifyWorker(id);
  });
  log.info("worker started", { queues });

  return {
    boss,
    async stop() {
      await wake.unlisten();
      // Running jobs finish (up to 10 s); a job cut off later expires and is retried elsewhere.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await client.end({ timeout: 5 });
    },
  };
}
