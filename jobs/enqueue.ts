import PgBoss from "pg-boss";
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

/** Gives a job that failed for good one more attempt, now; false when it is not failed. */
export async function retryFailedJob(x: Executor, queue: QueueName, id: string) {
  const db = pgBossDatabase(connectionOf(x));
  // pg-boss 10 answers { affected } though its types say void.
  const result = (await senderBoss().retry(queue, id, { db })) as unknown as { affected: number };
  return result.affected === 1;
}
