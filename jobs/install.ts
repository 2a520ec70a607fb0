import PgBoss from "pg-boss";
import type { Db } from "../db/client";
import { connectionOf, pgBossDatabase } from "./enqueue";
import { JOBS_SCHEMA, QUEUES } from "./queues";

/**
 * Installs (or upgrades) pg-boss's schema and creates or updates every queue. Runs with the
 * migrations, so the web process can enqueue before any worker has started, and a changed
 * retry policy reaches the queue on the next deploy.
 */
export async function installJobQueues(db: Db) {
  // pg-boss migrates in one BEGIN ... COMMIT script, which postgres.js runs only on a
  // connection of its own.
  const connection = await connectionOf(db).reserve();
  try {
    const boss = new PgBoss({ schema: JOBS_SCHEMA, db: pgBossDatabase(connection), supervise: false, schedule: false });
    await boss.start();
    for (const queue of Object.values(QUEUES)) {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
    await boss.stop({ graceful: false, wait: true });
  } finally {
    connection.release();
  }
}
