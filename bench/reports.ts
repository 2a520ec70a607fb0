// npm run bench:reports
//
// The owner's dashboard, churn alerts, reports and full export on a studio with history, through
// the real built app on a fresh embedded PostgreSQL (bench/reports-seed.ts: 3 locations on three
// clocks, 5,000 clients, two years of classes). Prints, in one run:
//   - at 50,000 bookings: the full export (/export.zip): time, bytes and the app's peak memory;
//   - at 200,000 bookings: periodFigures (the dashboard's one statement) in-process, with its plan's
//     execution time; /dashboard and /api/dashboard for all locations and one, p50/p95 over 100
//     requests each (goal p95 ≤ 300 ms) and the page's gzipped bytes; churn; every report's page
//     and API for this month and for a year; every report's CSV for a year; the export again;
//   - statements the database logged as slower than 300 ms while measuring.
// A route not merged yet answers 404: it is printed as "missing (404)" and skipped.
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { periodFigures } from "../app/models/report-figures.server";
import { addDays, todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import { closeDatabase, connect, type Db, type Executor } from "../db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import { deadline, exited, fmt, groupAlive, makeTempDir, percentile, signalGroup, startApp, Tail } from "./lib";
import { closeConnections, fetchRaw, signIn, studioTarget, type Target } from "./pages-measure";
import { activityCounts, CLIENTS, candidateCount, OWNER, seedActivity, seedStudio } from "./reports-seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SMALL = 50_000;
const LARGE = 200_000;
const DASHBOARD_REQUESTS = 100;
/** Each report endpoint: this many requests, or fewer if they take longer than the budget (at least 5). */
const REPORT_REQUESTS = 20;
const REPORT_BUDGET_MS = 5_000;
const CSV_BUDGET_MS = 10_000;
const GOAL_MS = 300;
const SLOW_STATEMENT_MS = 300;
const say = (line = "") => process.stdout.write(`${line}\n`);

type Timed = { label: string; status: number; times: number[]; bytes?: number };
const results: Timed[] = [];

async function timed(work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * GETs of `pathname` as the owner: `count` of them after two untimed ones, stopping early (not
 * before `least`) once they took `budgetMs`. A download (`warm: false`) is timed from the first,
 * since each is as cold as the next. A first answer other than 200 is recorded and nothing is timed.
 */
async function measure(
  target: Target,
  cookie: string,
  label: string,
  pathname: string,
  options: { count: number; budgetMs?: number; least?: number; warm?: boolean },
) {
  const { count, budgetMs = 0, least = 5, warm = true } = options;
  const get = () => fetchRaw(target, pathname, { cookie, encoding: "gzip" });
  const started = performance.now();
  const first = await get();
  const result: Timed = { label, status: first.status, times: [], bytes: first.wire.length };
  results.push(result);
  if (first.status !== 200) {
    say(row(result));
    return result;
  }
  if (warm) await get();
  else result.times.push(performance.now() - started);
  const timing = performance.now();
  while (result.times.length < count) {
    if (budgetMs && result.times.length >= least && performance.now() - timing > budgetMs) break;
    result.times.push(
      await timed(async () => {
        const answer = await get();
        if (answer.status !== 200) throw new Error(`GET ${pathname} answered ${answer.status}`);
      }),
    );
  }
  say(row(result));
  return result;
}

function row({ label, status, times, bytes }: Timed, goal?: number) {
  if (status !== 200) return `  ${label.padEnd(48)} ${status === 404 ? "missing (404)" : `answered ${status}`}`;
  const p95 = percentile(times, 95);
  const verdict = goal === undefined ? "" : p95 <= goal ? "  met" : "  MISSED";
  const size = bytes === undefined ? "" : `  ${String(bytes).padStart(7)} B gz`;
  return `  ${label.padEnd(48)} n=${String(times.length).padStart(3)}  p50 ${fmt(percentile(times, 50), 0).padStart(5)} ms  p95 ${fmt(p95, 0).padStart(5)} ms${size}${verdict}`;
}

/** The node process that serves: tsx's launcher runs it as a child with the same script (esbuild's is another). */
function serverPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  const server = children.find((child) => readFileSync(`/proc/${child}/cmdline`, "utf8").includes("server/start.ts"));
  return server ? serverPid(Number(server)) : pid;
}

const statusKb = (pid: number, field: "VmRSS" | "VmHWM") =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? Number.NaN);
const mb = (kb: number) => `${fmt(kb / 1024, 0)} MB`;

type ExportFigures = { bookings: number; status: number; ms: number; bytes: number; rssBefore: number; peak: number };
const exports: ExportFigures[] = [];

/** One streamed download of /export.zip, counting bytes without keeping them, and the app's peak memory. */
async function measureExport(target: Target, cookie: string, pid: number, bookings: number) {
  const rssBefore = statusKb(pid, "VmRSS");
  // Resets VmHWM to the current RSS, so what it says afterwards is this download's peak.
  await writeFile(`/proc/${pid}/clear_refs`, "5");
  const started = performance.now();
  const { status, bytes } = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const request = http.request(
      {
        host: target.address,
        port: target.port,
        path: "/export.zip",
        headers: { host: target.host, cookie },
        timeout: 300_000,
      },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("/export.zip timed out")));
    request.on("error", reject);
    request.end();
  });
  const figures = {
    bookings,
    status,
    ms: performance.now() - started,
    bytes,
    rssBefore,
    peak: statusKb(pid, "VmHWM"),
  };
  exports.push(figures);
  say(`  ${exportLine(figures)}`);
}

function exportLine(e: ExportFigures) {
  const head = `/export.zip at ${String(e.bookings).padStart(7)} bookings`;
  if (e.status !== 200) return `${head.padEnd(48)} ${e.status === 404 ? "missing (404)" : `answered ${e.status}`}`;
  return `${head.padEnd(48)} ${fmt(e.ms / 1000, 1).padStart(5)} s  ${fmt(e.bytes / 1e6, 1)} MB  app RSS ${mb(
    e.rssBefore,
  )} before, peak ${mb(e.peak)}`;
}

/** periodFigures for the whole studio's dashboard, called in-process, and the plan's own timing. */
async function measurePeriodFigures(db: Db, tenant: Tenant) {
  const { t } = tenant;
  const locations = await db.select({ id: t.locations.id, timezone: t.locations.timezone }).from(t.locations);
  const places = { locations, includeUnlocated: true, studioZone: "Europe/London" };
  const now = new Date();
  const times: number[] = [];
  for (let i = 0; i < 32; i++) {
    const ms = await timed(() => periodFigures(db, tenant, places, { kind: "dashboard", now }, now));
    if (i >= 2) times.push(ms);
  }
  results.push({ label: "periodFigures (in-process)", status: 200, times });
  say(row(results.at(-1) as Timed));
  // The same statement under EXPLAIN: an executor whose execute() asks for the plan instead.
  let plan = "";
  const explaining = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver);
      return async (query: ReturnType<typeof sql>) => {
        const rows = await target.execute<{ "QUERY PLAN": string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
        plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        return [];
      };
    },
  }) as Executor;
  await periodFigures(explaining, tenant, places, { kind: "dashboard", now }, now);
  say(`  EXPLAIN ANALYZE: ${plan.match(/Execution Time: .*/)?.[0] ?? "?"}, ${plan.match(/Buffers: .*/)?.[0] ?? ""}`);
  if (process.env.EXPLAIN) say(plan);
}

type Report = { name: string; page: string; csv: string; api: string; query?: Record<string, string> };
const REPORTS: Report[] = [
  ...["location", "service", "instructor"].map((by) => ({
    name: `revenue by ${by}`,
    page: "/reports/revenue",
    csv: "/reports/revenue.csv",
    api: "/api/reports/revenue",
    query: { by },
  })),
  ...["credits", "payments", "instructors", "locations"].map((name) => ({
    name,
    page: `/reports/${name}`,
    csv: `/reports/${name}.csv`,
    api: `/api/reports/${name}`,
  })),
];

const withQuery = (pathname: string, query: Record<string, string>) =>
  Object.keys(query).length > 0 ? `${pathname}?${new URLSearchParams(query)}` : pathname;

/** Slow statements from PostgreSQL's log (log_min_duration_statement), once measuring starts. */
class SlowStatements {
  private text = "";
  private listening = false;
  listen = (line: string) => {
    if (this.listening) this.text += `${line}\n`;
  };
  async start(db: Db) {
    await db.execute(sql.raw(`ALTER SYSTEM SET log_min_duration_statement = ${SLOW_STATEMENT_MS}`));
    await db.execute(sql`SELECT pg_reload_conf()`);
    this.listening = true;
  }
  /**
   * The slowest statements, each once (by its first 140 characters after the `periods` prefix
   * every report query shares), slowest first.
   */
  slowest(count: number) {
    const seen = new Map<string, number>();
    for (const part of this.text.split(/duration: /).slice(1)) {
      const ms = Number.parseFloat(part);
      const statement = part
        .replace(/^[\d.]+ ms\s+(?:statement|execute [^:]*|parse [^:]*|bind [^:]*):\s*/, "")
        .split(/\n\S*\s*(?:LOG|DETAIL|ERROR|WARNING):/)[0]
        ?.replace(/\s+/g, " ")
        .replace(/^WITH loc AS \(.*?AS p\(period, side, from_date, to_date\) \)/, "(periods) ")
        .slice(0, 140) as string;
      seen.set(statement, Math.max(seen.get(statement) ?? 0, ms));
    }
    return [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  }
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-reports");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  const serverOutput = new Tail(80);
  const slow = new SlowStatements();
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });
  try {
    const started = performance.now();
    // A throwaway cluster: seeding skips fsync; reading, which is what is measured, is unchanged.
    pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "pg"),
      database: "bench",
      log: slow.listen,
      throwaway: true,
    });
    process.env.DATABASE_URL = pg.url;
    pool = connect(pg.url, { max: 2 });
    const db = pool.db;
    await migrateAll(db);
    const studio = await seedStudio(db);
    const london = studio.locationIds[0] as string;
    say(
      `studio "reports": 3 locations (Europe/London, Europe/Berlin, America/New_York), 12 instructors, ${CLIENTS} clients; ${await candidateCount(
        db,
      )} bookings to draw from; seeded in ${fmt((performance.now() - started) / 1000, 1)} s`,
    );

    const port = Number(process.env.BENCH_PORT) || 3240;
    server = await startApp({ root, databaseUrl: pg.url, port, output: serverOutput });
    const pid = serverPid(server.pid as number);
    const target = studioTarget(`http://localhost:${port}`, "reports");
    const cookie = await signIn(target, OWNER);

    for (const size of [SMALL, LARGE]) {
      const seeding = await timed(() => seedActivity(db, studio.tenant, studio.owner, size));
      const counts = await activityCounts(db, studio.tenant);
      say(
        `\n${counts.bookings} bookings (${counts.cancelled} cancelled, ${counts.late} late, ${counts.no_shows} no-shows) in ${counts.classes} classes; ${counts.payments} payments, ${counts.refunds} refunds, ${counts.grants} credit packs, ${counts.ledger} ledger rows, ${counts.messages} messages (seeded in ${fmt(seeding / 1000, 1)} s)`,
      );
      if (size === SMALL) await measureExport(target, cookie, pid, counts.bookings as number);
    }

    await slow.start(db);
    say("\nThe dashboard's statement:");
    await measurePeriodFigures(db, studio.tenant);

    say(`\nDashboard (${DASHBOARD_REQUESTS} requests each; goal p95 ≤ ${GOAL_MS} ms):`);
    const dashboards: Timed[] = [];
    for (const [label, pathname] of [
      ["/dashboard, all locations", "/dashboard?location=all"],
      ["/dashboard, one location", `/dashboard?location=${london}`],
      ["/api/dashboard, all locations", "/api/dashboard?location=all"],
      ["/api/dashboard, one location", `/api/dashboard?location=${london}`],
    ] as const) {
      dashboards.push(await measure(target, cookie, label, pathname, { count: DASHBOARD_REQUESTS }));
    }

    say("\nChurn alerts:");
    const often = { count: REPORT_REQUESTS, budgetMs: REPORT_BUDGET_MS };
    await measure(target, cookie, "/dashboard/churn", "/dashboard/churn", often);
    await measure(target, cookie, "/api/dashboard/churn", "/api/dashboard/churn", often);

    const today = todayIn("Europe/London");
    const year = { from: addDays(today, -364), to: today };
    for (const [period, range] of [
      ["this month", {}],
      [`a year (${year.from} to ${year.to})`, year],
    ] as const) {
      say(`\nReports, ${period}:`);
      for (const report of REPORTS) {
        const query = { ...report.query, ...range };
        await measure(target, cookie, `${report.name}, page`, withQuery(report.page, query), often);
        await measure(target, cookie, `${report.name}, API`, withQuery(report.api, query), often);
      }
    }

    say(`\nCSV downloads for a year (3 each, or 1 past ${CSV_BUDGET_MS / 1000} s):`);
    for (const report of REPORTS) {
      const pathname = withQuery(report.csv, { ...report.query, ...year });
      await measure(target, cookie, `${report.name}.csv`, pathname, {
        count: 3,
        budgetMs: CSV_BUDGET_MS,
        least: 1,
        warm: false,
      });
    }

    say("\nFull export:");
    await measureExport(target, cookie, pid, LARGE);

    say(`\nStatements slower than ${SLOW_STATEMENT_MS} ms while measuring (slowest first):`);
    const slowest = slow.slowest(8);
    if (slowest.length === 0) say("  none");
    for (const [statement, ms] of slowest) say(`  ${fmt(ms, 0).padStart(6)} ms  ${statement}`);

    say(`\nSummary (${LARGE} bookings; server time = response time on loopback):`);
    for (const result of dashboards) say(row(result, GOAL_MS));
    for (const e of exports) say(`  ${exportLine(e)}`);
  } catch (error) {
    if (serverOutput.lines.length > 0) say(`server output:\n${serverOutput}`);
    throw error;
  } finally {
    closeConnections();
    const child = server;
    if (child?.pid) {
      child.kill("SIGTERM");
      if ((await Promise.race([exited(child), deadline(15_000)])) === "timeout") signalGroup(child.pid, "SIGKILL");
    }
    await closeDatabase();
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
