import PgBoss from "pg-boss";
import { connect } from "../db/client";
import { errorFields, type Logger } from "../server/log";
import { EXTEND_CLASS_HORIZON, extendAllClassHorizons } from "./extend-class-horizon";
import { PURGE_AUTH_TOKENS, purgeStaleAuthTokens } from "./purge-auth-tokens";

/**
 * Starts pg-boss (its own schema in the studios' database), declares every queue with its
 * retry policy, schedules the recurring ones and attaches their handlers.
 */
export async function startWorker(url: string, log: Logger, options: { pollingIntervalSeconds?: number } = {}) {
  const { client, db } = connect(url, { max: 4 });
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 4 });
  boss.on("error", (error) => log.error("pg-boss", errorFields(error)));
  await boss.start();

  await boss.createQueue(PURGE_AUTH_TOKENS, {
    name: PURGE_AUTH_TOKENS,
    policy: "singleton",
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.schedule(PURGE_AUTH_TOKENS, "17 3 * * *", {}, { tz: "Europe/London" });
  await boss.work(PURGE_AUTH_TOKENS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const deleted = await purgeStaleAuthTokens(db);
    log.info("job done", { queue: PURGE_AUTH_TOKENS, deleted });
  });

  // Before the night's first classes anywhere in Europe; singleton so two runs never overlap.
  await boss.createQueue(EXTEND_CLASS_HORIZON, {
    name: EXTEND_CLASS_HORIZON,
    policy: "singleton",
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.schedule(EXTEND_CLASS_HORIZON, "30 2 * * *", {}, { tz: "Europe/London" });
  await boss.work(EXTEND_CLASS_HORIZON, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const { created, clashes } = await extendAllClassHorizons(db);
    // A clash means a class meeting was not created: worth a look, not a retry.
    (clashes > 0 ? log.warn : log.info)("job done", { queue: EXTEND_CLASS_HORIZON, created, clashes });
  });
  log.info("worker started", { queues: [PURGE_AUTH_TOKENS, EXTEND_CLASS_HORIZON] });

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await client.end({ timeout: 5 });
    },
  };
}
