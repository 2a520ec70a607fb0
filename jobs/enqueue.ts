import PgBoss from "pg-boss";
import plans from "pg-boss/src/plans.js";
import type postgres from "postgres";
import type { Executor } from "../db/client";
import { JOBS_SCHEMA, type QueueName, WAKE_CHANNEL } from "./queues";

/** The postgres.js connection (or open transaction) behind a drizzle handle. */
export function connectionOf(x: Executor): postgres.Sql {
  // drizzle's postgres-js session keeps it as `client`, for the pool and for a transaction alike.
  return (x as unknown as { session: { client: postgres.Sql } }).session.client;
}

/**
 * pg-boss's database port over a postgres.js connection. pg-boss was written against
 * node-postgres, which sends undefined as NULL and objects as JSON; postgres.js refuses
 * undefined, and drizzle turns off its JSON serialiser (it serialises JSON itself).
 */
export function pgBossDatabase(sql: postgres.Sql): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const rows = await sql.unsafe(text, values.map(asParameter) as postgres.ParameterOrJSON<never>[]);
      return { rows: [...rows] };
    },
  };
}

function asParameter(value: unknown) {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return JSON.stringify(value);
  return value;
}

let sender: PgBoss | undefined;

/**
 * Sends only: never started, it owns no pool and runs no maintenance. Every call passes the
 * caller's own connection.
 */
function senderBoss() {
  sender ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: {
      executeSql: () => Promise.reject(new Error("jobs are enqueued through the caller's transaction")),
    },
  });
  return sender;
}

export type EnqueueOptions = { startAfter?: Date };

/**
 * Inserts a job through `x`, the transaction of the change that causes it: the job commits
 * with the change or not at all. Work due now wakes the workers when the transaction commits.
 */
export async function enqueue(x: Executor, queue: QueueName, data: object, options: EnqueueOptions = {}) {
  const sql = connectionOf(x);
  const db = pgBossDatabase(sql);
  const id = await senderBoss().send(queue, data, { db, startAfter: options.startAfter });
  if (!id) throw new Error(`queue ${queue} refused a job: was it created by the migrations?`);
  if (!options.startAfter || options.startAfter.getTime() <= Date.now()) {
    await sql.unsafe("SELECT pg_notify($1, $2)", [WAKE_CHANNEL, queue]);
  }
  return id;
}

/** A job to insert with others: its queue, its data, and when it may start (now if left out). */
export type NewJob = { queue: QueueName; data: object; startAfter?: Date };

/**
 * pg-boss's own batch insert (what `boss.insert` runs, so each row is what `send` would write),
 * answering the new jobs' ids: pg-boss 10's insert answers nothing, and a job for a queue that
 * does not exist would be dropped without a word.
 */
const INSERT_JOBS = `${plans.insertJobs(JOBS_SCHEMA)} RETURNING id`;
/** Its expiry, retention, retry limit, delay and backoff: the sender sets none, so each queue's apply, as with send. */
const NO_DEFAULTS = [null, null, null, null, null];

/**
 * As enqueue for several jobs at once, through `x`, the transaction of the change: one INSERT
 * for all of them and one wake-up for the queues with work due now, instead of two statements
 * per job.
 */
export async function enqueueAll(x: Executor, jobs: NewJob[]) {
  if (jobs.length === 0) return;
  const sql = connectionOf(x);
  const rows = jobs.map(({ queue, data, startAfter }) => ({ name: queue, data, startAfter }));
  const { rows: inserted } = await pgBossDatabase(sql).executeSql(INSERT_JOBS, [JSON.stringify(rows), ...NO_DEFAULTS]);
  if (inserted.length !== jobs.length) throw new Error("a queue refused a job: was it created by the migrations?");
  const now = Date.now();
  const due = new Set(jobs.filter((job) => !job.startAfter || job.startAfter.getTime() <= now).map((job) => job.queue));
  // Queue names are ours, without commas; the worker wakes the queue named by each notification.
  if (due.size > 0)
    await sql.unsafe("SELECT pg_notify($1, queue) FROM unnest(string_to_array($2, ',')) AS queue", [
      WAKE_CHANNEL,
      [...due].join(","),
    ]);
}

/** Gives a job that failed for good one more attempt, now; false when it is not failed. */
export async function retryFailedJob(x: Executor, queue: QueueName, id: string) {
  const db = pgBossDatabase(connectionOf(x));
  // pg-boss 10 answers { affected } though its types say void.
  const result = (await senderBoss().retry(queue, id, { db })) as unknown as { affected: number };
  return result.affected === 1;
}
