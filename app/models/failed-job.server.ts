import { sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { retryFailedJob as retryJob } from "../../jobs/enqueue";
import { JOBS_SCHEMA, QUEUES, type QueueName } from "../../jobs/queues";

export type FailedJob = {
  id: string;
  queue: QueueName;
  data: Record<string, unknown>;
  output: Record<string, unknown> | null;
  retries: number;
  failedAt: Date;
};

const schema = sql.identifier(JOBS_SCHEMA);

/**
 * This studio's jobs that pg-boss gave up on, newest first. Jobs live in one shared schema and
 * carry their studio's id, so the filter on it is what keeps studios apart.
 */
export async function listFailedJobs(x: Executor, tenant: Tenant, limit: number): Promise<FailedJob[]> {
  const rows = await x.execute<{
    id: string;
    name: string;
    data: Record<string, unknown>;
    output: Record<string, unknown> | null;
    retry_count: number;
    completed_on: string;
  }>(sql`
    SELECT id, name, data, output, retry_count, completed_on FROM ${schema}.job
    WHERE state = 'failed' AND data->>'studioId' = ${tenant.studio.id}
    ORDER BY completed_on DESC LIMIT ${limit}`);
  return rows
    .filter((row) => row.name in QUEUES)
    .map((row) => ({
      id: row.id,
      queue: row.name as QueueName,
      data: row.data,
      output: row.output,
      retries: row.retry_count,
      failedAt: new Date(row.completed_on),
    }));
}

/** One more attempt for this studio's failed job; false when it is not one. */
export async function retryFailedJob(x: Executor, tenant: Tenant, id: string) {
  const [row] = await x.execute<{ name: string }>(sql`
    SELECT name FROM ${schema}.job
    WHERE id = ${id} AND state = 'failed' AND data->>'studioId' = ${tenant.studio.id}`);
  if (!row || !(row.name in QUEUES)) return false;
  return retryJob(x, row.name as QueueName, id);
}
