// npm run bench:booking
//   BENCH_CLIENTS=50          concurrent clients (each with its own API token, credits and connection)
//   BENCH_SECONDS=5           length of the sustained booking phase
//   BENCH_PGBENCH_SECONDS=10  length of each pgbench run; BENCH_PGBENCH_SCALE (default: the client count)
//   BENCH_VERBOSE=1           also list, in order, every statement one booking sends to the database
//   BENCH_PROFILE=1           profile the web process (node --cpu-prof) and print where the
//                             sustained phase's CPU went: top ten self-time entries, by package
//                             (with several web processes, the busiest one's profile)
//   BENCH_WEB_PROCESSES=1     the server's WEB_CONCURRENCY: how many web processes serve ("auto": one per core)
//
// The booking engine under load (issue 6), through real HTTP to the built app on a fresh embedded
// PostgreSQL. N clients book N distinct 1:1 slots at once, race for one instructor slot, race for
// one class occurrence with 10 places, then book in a loop for a few seconds. Prints bookings/s,
// the booking POST's p50/p95/p99 and status codes per phase, what the database did per booking
// (pg_stat_statements, loaded for this run) and where the CPU went; then checks the invariants in
// the database and compares with pgbench on the same server. Exits 1 when an invariant or a race
// outcome is wrong; goals missed are reported, not failed.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { findActiveUserById, insertUser } from "../app/models/user.server";
import { ServiceSchema } from "../app/services/catalogue/service.schema";
import { createService } from "../app/services/catalogue/services.server";
import { grantCredits } from "../app/services/credits/ledger.server";
import { issueApiToken } from "../app/services/identity/api.server";
import { createClient } from "../app/services/people/client.server";
import { BlockSchema } from "../app/services/schedule/availability.schema";
import { availableSlots } from "../app/services/schedule/availability.server";
import { saveBlock } from "../app/services/schedule/availability-editor.server";
import { ClassSeriesSchema } from "../app/services/schedule/class-series.schema";
import { scheduleClass } from "../app/services/schedule/class-series-admin.server";
import { addDays, todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import { closeDatabase, connect, type Db } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { User } from "../db/schema/tenant";
import { largestProfile, monotonicMicros, summariseProfile } from "./cpu-profile";
import {
  deadline,
  envNumber,
  exited,
  fmt,
  groupAlive,
  httpGet,
  httpRequest,
  makeTempDir,
  percentile,
  reapedChildrenCpuSeconds,
  seconds,
  signalGroup,
  sleep,
  startApp,
  Tail,
  type TreeProcess,
  treeCpuSeconds,
  treeProcesses,
} from "./lib";
import { provisionTwoLocations } from "./two-locations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const CLIENTS = Math.floor(envNumber("BENCH_CLIENTS", 50));
const SUSTAIN_MS = envNumber("BENCH_SECONDS", 5) * 1000;
const PGBENCH_SECONDS = Math.floor(envNumber("BENCH_PGBENCH_SECONDS", 10));
const PGBENCH_SCALE = Math.floor(envNumber("BENCH_PGBENCH_SCALE", CLIENTS));
const VERBOSE = process.env.BENCH_VERBOSE === "1";
const PROFILE = process.env.BENCH_PROFILE === "1";
const WEB_PROCESSES = process.env.BENCH_WEB_PROCESSES ?? "1";
/** The worker's own database role, so pg_stat_statements tells its statements from the web's. */
const WORKER_ROLE = "bench_worker";
const PGBENCH = "/usr/bin/pgbench";
const PGBENCH_THREADS = 2;
const RACE_CAPACITY = 10;
const INSTRUCTORS_PER_LOCATION = 5;
const DAYS_AHEAD = 45;
const ZONE = "Europe/London";
const SLUG = "bench";
const PACED_MS = 4000;
const FLOOR_MS = 3000;
const GOAL_P95_MS = 100;
const GOAL_FRACTION = 1 / 3;
const GOAL_WEB_MS = 2;
/** Issue 20's first step towards GOAL_FRACTION. */
const GOAL_FRACTION_NOW = 0.25;
/** A racer who loses in the database gets SLOT_TAKEN; one whose slot check ran after the winner committed, SLOT_UNAVAILABLE. */
const SLOT_GONE = ["SLOT_TAKEN", "SLOT_UNAVAILABLE"];

const say = (line = "") => process.stdout.write(`${line}\n`);
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

/** A small seeded PRNG, so every run spreads its bookings the same way. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// --- the studio ---------------------------------------------------------------------------------

type SessionSlot = { instructorId: string; locationId: string; startsAt: Date };
type ClassSpot = { occurrenceId: string; startsAt: Date };
type BenchClient = { id: string; token: string; agent: http.Agent; classes: ClassSpot[] };

type Studio = {
  tenant: Tenant;
  sessionServiceId: string;
  clients: BenchClient[];
  /** Instructor-days, each with its disjoint free slots (a 60-minute session every hour). */
  days: SessionSlot[][];
  raceOccurrence: ClassSpot;
  occurrenceCount: number;
};

/** One studio, two locations, ten instructors with weekly hours, classes and N clients with credits. */
async function prepareStudio(db: Db): Promise<Studio> {
  const { tenant, owner, locations } = await provisionTwoLocations(db, {
    name: "Bench Studio",
    slug: SLUG,
    zone: ZONE,
  });
  const locationIds = locations.map((l) => l.id);

  const session = await createService(
    tenant,
    owner,
    ServiceSchema.parse({
      name: "Personal Training",
      type: "session",
      durationMinutes: "60",
      price: "55",
      locationIds,
      bookingMode: "self_booking",
      requiresCredit: "on",
    }),
  );
  const classService = await createService(
    tenant,
    owner,
    ServiceSchema.parse({
      name: "HIIT Express",
      type: "class",
      durationMinutes: "45",
      capacity: String(Math.max(20, CLIENTS * 2)),
      price: "10",
      locationIds,
      bookingMode: "self_booking",
      requiresCredit: "on",
    }),
  );

  // 1:1 instructors: five per location, 07:00-21:00 every day, clients may book themselves.
  const instructors: User[] = [];
  for (const [index, location] of locations.entries()) {
    for (let i = 0; i < INSTRUCTORS_PER_LOCATION; i += 1) {
      const n = index * INSTRUCTORS_PER_LOCATION + i + 1;
      const instructor = await insertUser(db, tenant, {
        email: `coach${n}@bench.test`,
        fullName: `Coach ${n}`,
        role: "instructor",
        primaryLocationId: location.id,
        accessibleLocations: [location.id],
      });
      for (let weekday = 1; weekday <= 7; weekday += 1) {
        const outcome = await saveBlock(
          tenant,
          owner,
          instructor.id,
          BlockSchema.parse({
            weekday: String(weekday),
            locationId: location.id,
            start: "07:00",
            end: "21:00",
            allowsSelfBooking: true,
          }),
        );
        if (!outcome.ok) throw new Error(`availability for coach ${n}: ${outcome.reason}`);
      }
      instructors.push(instructor);
    }
  }

  // Classes at Camden by two teachers who take no 1:1s: twice a day every day for the coming
  // weeks (room for everyone), and one small class the clients race for.
  const [camden] = locations;
  const teachers: User[] = [];
  for (const n of [1, 2]) {
    teachers.push(
      await insertUser(db, tenant, {
        email: `teacher${n}@bench.test`,
        fullName: `Teacher ${n}`,
        role: "instructor",
        primaryLocationId: camden.id,
        accessibleLocations: [camden.id],
      }),
    );
  }
  const soon = Date.now() + 3 * 3600_000; // past the booking notice
  const roomy: ClassSpot[] = [];
  for (const [index, teacher] of teachers.entries()) {
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      const outcome = await scheduleClass(
        tenant,
        owner,
        ClassSeriesSchema.parse({
          serviceId: classService.id,
          locationId: camden.id,
          instructorId: teacher.id,
          weekday,
          startTime: index === 0 ? "07:00" : "18:00",
          capacity: Math.max(20, CLIENTS * 2),
        }),
      );
      if (!outcome.ok) throw new Error(`class series: ${outcome.reason}`);
      for (const o of outcome.value.occurrences) {
        if (o.startsAt.getTime() > soon) roomy.push({ occurrenceId: o.id, startsAt: o.startsAt });
      }
    }
  }
  const race = await scheduleClass(
    tenant,
    owner,
    ClassSeriesSchema.parse({
      serviceId: classService.id,
      locationId: camden.id,
      instructorId: (teachers[0] as User).id,
      weekday: 3,
      startTime: "12:00",
      capacity: RACE_CAPACITY,
    }),
  );
  if (!race.ok) throw new Error(`race class: ${race.reason}`);
  const raceOccurrence = race.value.occurrences.find((o) => o.startsAt.getTime() > soon);
  if (!raceOccurrence) throw new Error("no upcoming occurrence of the race class");

  // Clients: front-desk sign-ups with an API token and plenty of credits each.
  const clients: BenchClient[] = [];
  roomy.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 0; i < CLIENTS; i += 1) {
    const created = await createClient(tenant, owner, {
      fullName: `Client ${i + 1}`,
      email: `client${i + 1}@bench.test`,
      phone: null,
      locationId: (locations[i % locations.length] as (typeof locations)[number]).id,
    });
    if (!created.ok) throw new Error(`client ${i + 1}: ${created.reason}`);
    const user = (await findActiveUserById(db, tenant, created.clientId)) as User;
    await grantCredits(tenant, owner, { clientId: user.id, credits: 1000, validDays: 365, reason: "bench" });
    const token = await issueApiToken(tenant, user, "bench");
    // Each client walks the timetable from its own starting point, so they spread over classes.
    const offset = Math.floor((i * roomy.length) / CLIENTS);
    clients.push({
      id: user.id,
      token,
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      classes: [...roomy.slice(offset), ...roomy.slice(0, offset)],
    });
  }

  // Free 1:1 slots from the app's own slot engine, one instructor-day at a time, kept disjoint.
  const today = todayIn(ZONE);
  const days: SessionSlot[][] = [];
  for (let d = 1; d <= DAYS_AHEAD; d += 1) {
    for (const location of locations) {
      const found = await availableSlots(tenant, {
        serviceId: session.id,
        locationId: location.id,
        date: addDays(today, d),
      });
      for (const person of found.instructors) {
        if (!instructors.some((i) => i.id === person.id)) continue;
        const picked: SessionSlot[] = [];
        let free = 0;
        for (const slot of person.slots) {
          if (!slot.allowsSelfBooking || slot.startsAt.getTime() < free) continue;
          picked.push({ instructorId: person.id, locationId: location.id, startsAt: slot.startsAt });
          free = slot.endsAt.getTime();
        }
        if (picked.length) days.push(picked);
      }
    }
  }
  return {
    tenant,
    sessionServiceId: session.id,
    clients,
    days,
    raceOccurrence: { occurrenceId: raceOccurrence.id, startsAt: raceOccurrence.startsAt },
    occurrenceCount: roomy.length,
  };
}

// --- measuring ----------------------------------------------------------------------------------

/** `at`: when the answer arrived (performance.now()). */
type Outcome = { status: number; code: string; ms: number; at: number; body: string; kind: "session" | "class" };

type Statement = { query: string; calls: number; totalMs: number };

/**
 * What the web app sent the database since the last reset (our own pg_stat queries left out; the
 * worker connects as its own role, so its delivery of the confirmations is not counted here).
 */
async function readStatements(db: Db): Promise<Statement[]> {
  const rows = await db.execute<{ query: string; calls: number; total_ms: number }>(sql`
    SELECT query, calls::int AS calls, total_exec_time AS total_ms FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND userid = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND query NOT ILIKE '%pg_stat%'`);
  return rows.map((r) => ({ query: r.query, calls: Number(r.calls), totalMs: Number(r.total_ms) }));
}

const resetStatements = (db: Db) => db.execute(sql`SELECT pg_stat_statements_reset()`);

/** log_statement = all while a probe runs (BENCH_VERBOSE): the statements in the order sent. */
async function logStatements(db: Db, on: boolean) {
  await db.execute(sql.raw(`ALTER SYSTEM SET log_statement = '${on ? "all" : "none"}'`));
  await db.execute(sql`SELECT pg_reload_conf()`);
  await sleep(100); // every backend rereads the configuration before its next statement
}

/** A statement as one line, without the studio's schema name. */
const shortQuery = (query: string, width = 110) => {
  const line = query
    .replace(/"studio_[0-9a-z_]+"\./g, "")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
};

const sumCalls = (statements: Statement[], match?: RegExp) =>
  statements.filter((s) => !match || match.test(s.query)).reduce((n, s) => n + s.calls, 0);
/**
 * BEGIN/COMMIT/SAVEPOINT/RELEASE: pg_stat_statements (18) counts a prepared one only on its
 * connection's first use, so they are left out of the statement figures; BEGIN (sent as a simple
 * query) is counted every time and gives the explicit transactions.
 */
const CONTROL = /^\s*(begin|start transaction|commit|end|rollback|savepoint|release)\b/i;
const dataStatements = (statements: Statement[]) => statements.filter((s) => !CONTROL.test(s.query));
const transactions = (statements: Statement[]) => sumCalls(statements, /^\s*begin\b/i);
const sumMs = (statements: Statement[]) => statements.reduce((n, s) => n + s.totalMs, 0);

function tally(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.status === 201 ? "201" : `${o.status}${o.code ? ` ${o.code}` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} x${n}`)
    .join(", ");
}

function latencies(outcomes: Outcome[]): string {
  const ms = outcomes.map((o) => o.ms);
  return `p50/p95/p99 ${fmt(percentile(ms, 50), 1)}/${fmt(percentile(ms, 95), 1)}/${fmt(percentile(ms, 99), 1)} ms`;
}

// --- pgbench ------------------------------------------------------------------------------------

function runPgbench(url: URL, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PGBENCH,
      ["-h", url.hostname, "-p", url.port, "-U", decodeURIComponent(url.username), ...args, "bench_pg"],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`pgbench ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

function pgbenchFigures(output: string) {
  const tps = output.match(/tps = ([\d.]+) \(without initial connection time\)/);
  const latency = output.match(/latency average = ([\d.]+) ms/);
  const processed = output.match(/number of transactions actually processed: (\d+)/);
  if (!tps) throw new Error(`no tps in pgbench output:\n${output}`);
  return {
    tps: Number(tps[1]),
    latencyMs: latency ? Number(latency[1]) : Number.NaN,
    transactions: processed ? Number(processed[1]) : 0,
  };
}

/**
 * PostgreSQL's CPU in a phase, split by whom it served: each backend of the worker's role, the
 * other client backends (the web's, and this bench's own, idle in a phase), and the server's own processes (WAL writer, checkpointer,
 * autovacuum). Backends live as long as their pooled connection, so the split holds for a phase.
 */
async function databaseCpuSplit(db: Db, postmasterPid: number, before: TreeProcess[]) {
  const rows = await db.execute<{ pid: number; usename: string | null; backend_type: string }>(
    sql`SELECT pid, usename, backend_type FROM pg_stat_activity`,
  );
  const role = new Map(rows.map((r) => [Number(r.pid), r.backend_type === "client backend" ? r.usename : null]));
  const split = { web: 0, worker: 0, server: 0 };
  for (const p of treeProcesses(postmasterPid)) {
    const used = p.cpuSeconds - (before.find((q) => q.pid === p.pid)?.cpuSeconds ?? 0);
    const user = role.get(p.pid);
    if (user === WORKER_ROLE) split.worker += used;
    else if (user) split.web += used;
    else split.server += used;
  }
  return split;
}

/** PostgreSQL's CPU per transaction of a pgbench run, from its processes in /proc. */
async function pgbenchCpu(postmasterPid: number, run: () => Promise<string>) {
  // pgbench's backends exit with its connections: their CPU is the postmaster's reaped children's.
  const used = () => treeCpuSeconds(postmasterPid) + reapedChildrenCpuSeconds(postmasterPid);
  const before = used();
  const figures = pgbenchFigures(await run());
  const cpuSeconds = used() - before;
  return { ...figures, cpuMsPerTransaction: (cpuSeconds * 1000) / Math.max(1, figures.transactions) };
}

/**
 * What this machine allows the booking rate / pgbench ratio to be, whatever the web process
 * costs: PostgreSQL alone, with every core, serving only the web's statements.
 */
type DatabaseCeiling = { cores: number; msPerBooking: number };

/** pgbench -S and the TPC-B-like write test on a database of their own; the summary lines. */
async function comparePgbench(
  db: Db,
  url: URL,
  bookingRate: number,
  postmasterPid: number,
  ceiling: DatabaseCeiling,
): Promise<string[]> {
  if (!existsSync(PGBENCH)) {
    const line =
      `pgbench not found at ${PGBENCH}: install it with \`apt-get install postgresql-client\` (Debian) ` +
      "to compare with raw PostgreSQL; skipped";
    say(`  ${line}`);
    return [line];
  }
  await db.execute(sql`CREATE DATABASE bench_pg`);
  const t = performance.now();
  await runPgbench(url, ["-i", "-I", "dtGvp", "-s", String(PGBENCH_SCALE), "-q"]);
  say(`  pgbench -i -s ${PGBENCH_SCALE} (server-side data, into database bench_pg): ${seconds(performance.now() - t)}`);
  const common = ["-n", "-c", String(CLIENTS), "-j", String(PGBENCH_THREADS), "-T", String(PGBENCH_SECONDS)];
  const select = pgbenchFigures(await runPgbench(url, ["-S", ...common]));
  say(`  pgbench -S ${common.join(" ")}: ${fmt(select.tps, 0)} TPS, latency average ${fmt(select.latencyMs, 2)} ms`);
  const write = await pgbenchCpu(postmasterPid, () => runPgbench(url, common));
  say(
    `  pgbench ${common.join(" ")} (TPC-B-like): ${fmt(write.tps, 0)} TPS, latency average ${fmt(write.latencyMs, 2)} ms, ` +
      `${fmt(write.cpuMsPerTransaction, 2)} ms of PostgreSQL CPU per transaction`,
  );
  const fraction = bookingRate / write.tps;
  const mostBookings = (ceiling.cores * 1000) / ceiling.msPerBooking;
  const mostFraction = mostBookings / write.tps;
  const budgetMs = (ceiling.cores * 1000) / (GOAL_FRACTION_NOW * write.tps);
  const atWebGoal = (ceiling.cores * 1000) / (ceiling.msPerBooking + GOAL_WEB_MS);
  return [
    `pgbench -S (select-only, ${CLIENTS} clients, -j ${PGBENCH_THREADS}, ${PGBENCH_SECONDS} s): ${fmt(select.tps, 0)} TPS`,
    `pgbench TPC-B-like write (${CLIENTS} clients, -j ${PGBENCH_THREADS}, ${PGBENCH_SECONDS} s, scale ${PGBENCH_SCALE}): ` +
      `${fmt(write.tps, 0)} TPS`,
    `booking rate / pgbench write TPS: ${fmt(fraction, 2)} (goal: >= ${fmt(GOAL_FRACTION, 2)}: ` +
      `${fraction >= GOAL_FRACTION ? "met" : "MISSED"}); booking rate / pgbench select TPS: ${fmt(bookingRate / select.tps, 3)}`,
    // The ratio's ceiling on this machine: the web process, the worker and PostgreSQL share its
    // cores, so PostgreSQL's own CPU per booking bounds the rate whatever the web process costs.
    `the ceiling this machine sets: PostgreSQL spends ${fmt(ceiling.msPerBooking, 2)} ms of CPU per booking ` +
      `(the web's statements and its own processes, the worker's left out) against ${fmt(write.cpuMsPerTransaction, 2)} ms ` +
      `per TPC-B transaction; a ratio of ${fmt(GOAL_FRACTION_NOW, 2)} needs web + database CPU <= ${fmt(budgetMs, 2)} ms ` +
      `per booking on ${ceiling.cores} cores (${mostFraction >= GOAL_FRACTION_NOW ? "within reach" : "OUT OF REACH on this machine"}): ` +
      `with a web process and worker that cost nothing, at most ${fmt(mostBookings, 0)} bookings/s (a ratio of ` +
      `${fmt(mostFraction, 2)}); with the web process at its ${GOAL_WEB_MS} ms goal, at most ${fmt(atWebGoal, 0)} bookings/s ` +
      `(${fmt(atWebGoal / write.tps, 2)})`,
  ];
}

// --- the run ------------------------------------------------------------------------------------

async function main() {
  const tmp = await makeTempDir("wondrous-bench-booking");
  const dataDir = path.join(tmp, "pg");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let clients: BenchClient[] = [];
  const profileDir = path.join(tmp, "profile");
  let profileWindow: { from: number; to: number } | undefined;
  const serverOutput = new Tail(80);
  const pgLog = new Tail(40);
  // Deadlocks PostgreSQL detected (and the first one's story), from its log.
  const deadlocks: string[] = [];
  /** With BENCH_VERBOSE, the statements PostgreSQL logs (log_statement = all) during a probe. */
  let logged: string[] | undefined;
  const watchLog = (line: string) => {
    pgLog.push(line);
    for (const part of line.split("\n")) {
      const statement = /LOG: {2}(?:statement|execute [^:]*): (.*)$/.exec(part);
      if (logged && statement) logged.push(statement[1] as string);
    }
    if (/deadlock detected/.test(line)) deadlocks.push(line);
    else if (deadlocks.length === 1 && /DETAIL|Process \d+|CONTEXT|STATEMENT/.test(line)) deadlocks[0] += `\n${line}`;
  };
  const problems: string[] = [];
  const summary: string[] = [];
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    if (worker?.pid && groupAlive(worker.pid)) signalGroup(worker.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });

  const stopProcess = async (child: ChildProcess | undefined, name: string) => {
    if (!child?.pid) return;
    child.kill("SIGTERM");
    if ((await Promise.race([exited(child), deadline(15_000)])) === "timeout") {
      say(`  ! ${name} did not exit within 15 s of SIGTERM; killing its process group`);
      signalGroup(child.pid, "SIGKILL");
    }
  };
  const stopServer = async () => {
    const web = server;
    const jobs = worker;
    server = undefined;
    worker = undefined;
    for (const client of clients) client.agent.destroy();
    await Promise.all([stopProcess(web, "server"), stopProcess(jobs, "worker")]);
  };

  try {
    say(
      `wondrous booking benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${CLIENTS} clients, ` +
        `load average at start ${loadavg()}`,
    );

    // --- database, with pg_stat_statements (loaded at server start, hence the restart) ----------
    let t = performance.now();
    const startPg = () => startEmbeddedPostgres({ dataDir, database: "bench", log: watchLog, warn: say });
    pg = await startPg();
    {
      const admin = connect(pg.url, { max: 1 });
      await admin.db.execute(sql`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.client.end({ timeout: 5 });
    }
    await pg.stop();
    pg = await startPg();
    pool = connect(pg.url, { max: 2 });
    const { db } = pool;
    await migrateAll(db);
    await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    process.env.DATABASE_URL = pg.url; // the app's services below use the shared pool
    say(`embedded PostgreSQL (pg_stat_statements loaded) and migrations: ${seconds(performance.now() - t)}`);

    t = performance.now();
    const studio = await prepareStudio(db);
    clients = studio.clients;
    const slotCount = studio.days.reduce((n, day) => n + day.length, 0);
    say(
      `studio "${SLUG}": 2 locations, ${INSTRUCTORS_PER_LOCATION * 2} instructors (07:00-21:00 daily), ` +
        `${studio.days.length} instructor-days with ${slotCount} free 60-minute slots, ${studio.occurrenceCount} ` +
        `upcoming classes, ${CLIENTS} clients with an API token and 1000 credits: ${seconds(performance.now() - t)}`,
    );
    if (studio.days.length < CLIENTS + 2) throw new Error(`only ${studio.days.length} instructor-days for ${CLIENTS}`);

    // Slots for each phase: distinct ones on N different instructor-days, one to race for, one
    // for the probe, and the rest shuffled for the sustained phase.
    const days = shuffled(studio.days, 6);
    const distinct = days.slice(0, CLIENTS).map((day) => day[0] as SessionSlot);
    const raceSlot = (days[CLIENTS] as SessionSlot[])[0] as SessionSlot;
    const probeSlot = (days[CLIENTS + 1] as SessionSlot[])[0] as SessionSlot;
    const used = new Set([...distinct, raceSlot, probeSlot]);
    const pool2 = shuffled(
      days.flat().filter((slot) => !used.has(slot)),
      7,
    );

    const port = await freePort();
    const host = `${SLUG}.localhost:${port}`;
    t = performance.now();
    // As on Fly (fly.toml): the web process serves, a worker process of its own delivers the
    // confirmations. The worker logs in as its own role, so the statements below are the web's.
    await db.execute(sql.raw(`CREATE ROLE ${WORKER_ROLE} SUPERUSER LOGIN PASSWORD '${WORKER_ROLE}'`));
    const workerUrl = new URL(pg.url);
    workerUrl.username = WORKER_ROLE;
    workerUrl.password = WORKER_ROLE;
    server = await startApp({
      root,
      databaseUrl: pg.url,
      port,
      output: serverOutput,
      env: { WONDROUS_WORKER: "0", WEB_CONCURRENCY: WEB_PROCESSES },
      profileDir: PROFILE ? profileDir : undefined,
    });
    worker = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: workerUrl.href,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        SESSION_SECRET: "bench-session-secret-0123456789-abcdefghij",
        APP_DOMAIN: "localhost",
      },
    });
    worker.stdout?.on("data", (chunk: Buffer) => serverOutput.push(chunk.toString("utf8")));
    worker.stderr?.on("data", (chunk: Buffer) => serverOutput.push(chunk.toString("utf8")));
    worker.once("exit", (code, signal) => {
      if (worker) say(`  ! the worker exited (${code ?? signal}) before the bench stopped it:\n${serverOutput}`);
    });
    say(
      `app (built server, NODE_ENV=production, WONDROUS_WORKER=0, WEB_CONCURRENCY=${WEB_PROCESSES}${PROFILE ? ", node --cpu-prof" : ""}) healthy ` +
        `after ${seconds(performance.now() - t)}; a worker process delivers the messages`,
    );
    await sleep(1000);
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}):\n${serverOutput}`);
    const appPid = server.pid as number;
    const workerPid = worker.pid as number;
    const postmasterPid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

    const sessionBody = (slot: SessionSlot) => ({
      serviceId: studio.sessionServiceId,
      instructorId: slot.instructorId,
      locationId: slot.locationId,
      startTime: DateTime.fromJSDate(slot.startsAt, { zone: ZONE }).toISO(),
    });
    const post = async (client: BenchClient, kind: Outcome["kind"], body: unknown): Promise<Outcome> => {
      const started = performance.now();
      try {
        const response = await httpRequest({
          port,
          host,
          method: "POST",
          path: `/api/bookings/${kind}`,
          headers: {
            authorization: `Bearer ${client.token}`,
            "content-type": "application/json",
            accept: "application/json",
          },
          body: JSON.stringify(body),
          agent: client.agent,
          timeoutMs: 30_000,
        });
        let code = "";
        if (response.status !== 201) {
          try {
            code = String((JSON.parse(response.body) as { code?: string }).code ?? "");
          } catch {
            code = "(not JSON)";
          }
        }
        const at = performance.now();
        return { status: response.status, code, ms: at - started, at, body: response.body, kind };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const at = performance.now();
        return { status: 0, code: message, ms: at - started, at, body: "", kind };
      }
    };
    const bookSession = (client: BenchClient, slot: SessionSlot) => post(client, "session", sessionBody(slot));
    const bookClass = (client: BenchClient, spot: ClassSpot) =>
      post(client, "class", { occurrenceId: spot.occurrenceId, spotsRequested: 1 });
    // Every client's keep-alive connection open before a burst, so the burst is only bookings.
    const connectAll = () =>
      Promise.all(clients.map((client) => httpGet({ port, host, path: "/healthz", agent: client.agent })));
    const firstFailure = (outcomes: Outcome[]) => {
      const bad = outcomes.find((o) => o.status === 0 || o.status >= 500);
      if (bad) say(`    first failure: ${bad.status} ${bad.code} ${bad.body.slice(0, 300)}`);
    };
    const all: Outcome[] = [];

    // --- probe: one booking of each kind alone; what it costs the database -----------------------
    say("\n== one booking alone (also the warm-up)");
    const probeClient = clients[0] as BenchClient;
    await connectAll();
    const perBooking = new Map<string, number>();
    for (const [kind, run] of [
      ["session", () => bookSession(probeClient, probeSlot)],
      ["class", () => bookClass(probeClient, probeClient.classes.pop() as ClassSpot)],
    ] as const) {
      await resetStatements(db);
      if (VERBOSE) await logStatements(db, true);
      logged = VERBOSE ? [] : undefined;
      const outcome = await run();
      if (VERBOSE) await logStatements(db, false);
      const statements = await readStatements(db);
      all.push(outcome);
      const sent = dataStatements(statements);
      perBooking.set(kind, sumCalls(sent));
      say(
        `  ${kind}: ${outcome.status}${outcome.code ? ` ${outcome.code}` : ""} in ${fmt(outcome.ms, 1)} ms; ` +
          `${sumCalls(sent)} SQL statements (${transactions(statements)} explicit transaction), ` +
          `${fmt(sumMs(sent), 1)} ms executing them`,
      );
      if (outcome.status !== 201) {
        problems.push(`the ${kind} probe answered ${outcome.status} ${outcome.code}: ${outcome.body.slice(0, 300)}`);
        say(`    ${outcome.body.slice(0, 500)}`);
      }
      if (VERBOSE) for (const s of sent) say(`    ${String(s.calls).padStart(3)}x ${shortQuery(s.query, 140)}`);
      if (logged) {
        say("    in the order sent (PostgreSQL's log; the worker's statements included):");
        for (const [i, line] of logged.filter((q) => !/pg_reload_conf|log_statement/.test(q)).entries())
          say(`    ${String(i + 1).padStart(3)}. ${shortQuery(line, 150)}`);
        logged = undefined;
      }
    }

    // --- a. distinct slots -------------------------------------------------------------------------
    say(`\n== phases (${CLIENTS} concurrent clients, each on its own keep-alive connection)`);
    await connectAll();
    t = performance.now();
    const distinctOutcomes = await Promise.all(
      clients.map((client, i) => bookSession(client, distinct[i] as SessionSlot)),
    );
    all.push(...distinctOutcomes);
    const distinctOk = distinctOutcomes.every((o) => o.status === 201);
    say(
      `  a. ${CLIENTS} clients book ${CLIENTS} distinct 1:1 slots at once: ${fmt(performance.now() - t, 0)} ms | ` +
        `${tally(distinctOutcomes)} | ${latencies(distinctOutcomes)} | expected 201 x${CLIENTS}: ${distinctOk ? "OK" : "WRONG"}`,
    );
    if (!distinctOk) {
      problems.push("distinct slots: not every booking was created");
      firstFailure(distinctOutcomes);
    }

    // --- b. one instructor slot --------------------------------------------------------------------
    await connectAll();
    t = performance.now();
    const slotOutcomes = await Promise.all(clients.map((client) => bookSession(client, raceSlot)));
    all.push(...slotOutcomes);
    const slotOk =
      slotOutcomes.filter((o) => o.status === 201).length === 1 &&
      slotOutcomes.filter((o) => o.status === 409 && SLOT_GONE.includes(o.code)).length === CLIENTS - 1;
    say(
      `  b. ${CLIENTS} clients race for one instructor slot: ${fmt(performance.now() - t, 0)} ms | ` +
        `${tally(slotOutcomes)} | ${latencies(slotOutcomes)} | expected 201 x1, 409 SLOT_TAKEN (or SLOT_UNAVAILABLE, ` +
        `when the slot was already gone at the slot check) x${CLIENTS - 1}: ` +
        `${slotOk ? "OK" : "WRONG"}`,
    );
    if (!slotOk) {
      problems.push("slot race: not exactly one winner with the rest SLOT_TAKEN");
      firstFailure(slotOutcomes);
    }

    // --- c. one class with RACE_CAPACITY places ------------------------------------------------------
    await connectAll();
    t = performance.now();
    const classOutcomes = await Promise.all(clients.map((client) => bookClass(client, studio.raceOccurrence)));
    all.push(...classOutcomes);
    const winners = Math.min(RACE_CAPACITY, CLIENTS);
    const classOk =
      classOutcomes.filter((o) => o.status === 201).length === winners &&
      classOutcomes.filter((o) => o.status === 409 && o.code === "CLASS_FULL").length === CLIENTS - winners;
    say(
      `  c. ${CLIENTS} clients race for one class with ${RACE_CAPACITY} places: ${fmt(performance.now() - t, 0)} ms | ` +
        `${tally(classOutcomes)} | ${latencies(classOutcomes)} | expected 201 x${winners}, 409 CLASS_FULL ` +
        `x${CLIENTS - winners}: ${classOk ? "OK" : "WRONG"}`,
    );
    if (!classOk) {
      problems.push("class race: not exactly the class's capacity booked with the rest CLASS_FULL");
      firstFailure(classOutcomes);
    }

    // --- d. sustained: every client books in a loop, sessions and classes in turn -----------------
    await connectAll();
    await resetStatements(db);
    const cpuBefore = {
      app: treeCpuSeconds(appPid),
      worker: treeCpuSeconds(workerPid),
      pg: treeCpuSeconds(postmasterPid),
      pgTree: treeProcesses(postmasterPid),
      bench: process.cpuUsage(),
      webTree: treeProcesses(appPid),
    };
    let nextSlot = 0;
    let ranOut = false;
    /**
     * Every client books until `stopAt`, a session and a class in turn (distinct slots and
     * classes); with `paceMs`, each starts one booking per `paceMs` (from a random offset) instead
     * of the next as soon as the last is answered.
     */
    const bookInLoop = async (stopAt: number, paceMs?: number) => {
      const outcomes: Outcome[] = [];
      const random = mulberry32(9);
      await Promise.all(
        clients.map(async (client, i) => {
          let due = performance.now() + (paceMs ? random() * paceMs : 0);
          for (let n = i; ; n += 1) {
            if (paceMs) {
              await sleep(Math.max(0, due - performance.now()));
              due += paceMs;
            }
            if (performance.now() >= stopAt) return;
            let outcome: Outcome;
            if (n % 2 === 0) {
              const slot = pool2[nextSlot];
              nextSlot += 1;
              if (!slot) {
                ranOut = true;
                return;
              }
              outcome = await bookSession(client, slot);
            } else {
              const spot = client.classes.shift();
              if (!spot) {
                ranOut = true;
                return;
              }
              outcome = await bookClass(client, spot);
            }
            outcomes.push(outcome);
          }
        }),
      );
      return outcomes;
    };
    t = performance.now();
    const profileFrom = monotonicMicros();
    const sustained = await bookInLoop(t + SUSTAIN_MS);
    const sustainedMs = performance.now() - t;
    profileWindow = { from: profileFrom, to: monotonicMicros() };
    if (VERBOSE) {
      // Answers per half second and the slowest of them: a stall shows as a gap and a spike.
      const buckets = new Map<number, number[]>();
      for (const o of sustained) {
        const bucket = Math.floor((o.at - t) / 500);
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), o.ms]);
      }
      const line = [...buckets]
        .sort(([a], [b]) => a - b)
        .map(([b, ms]) => `${fmt(b / 2, 1)}s:${ms.length}/${fmt(Math.max(...ms), 0)}`);
      say(`     answers per 0.5 s / slowest ms: ${line.join(" ")}`);
    }
    const cpuApp = treeCpuSeconds(appPid) - cpuBefore.app;
    const cpuWorker = treeCpuSeconds(workerPid) - cpuBefore.worker;
    const cpuPg = treeCpuSeconds(postmasterPid) - cpuBefore.pg;
    const pgSplit = await databaseCpuSplit(db, postmasterPid, cpuBefore.pgTree);
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpuBench = (benchCpu.user + benchCpu.system) / 1e6;
    // What N web processes cost in memory, and how the CPU spread over them: every process of
    // the server's tree (tsx's launcher, the primary, the web processes), at the end of the
    // sustained phase, when their heaps are full.
    const webTree = treeProcesses(appPid);
    const residentMb = webTree.reduce((n, p) => n + p.residentMb, 0);
    const cpuInPhase = (p: TreeProcess) =>
      p.cpuSeconds - (cpuBefore.webTree.find((q) => q.pid === p.pid)?.cpuSeconds ?? 0);
    const residentLine =
      `${fmt(residentMb, 0)} MB resident, the web server's process tree with WEB_CONCURRENCY=${WEB_PROCESSES} ` +
      `(each process: MB resident / CPU s in the phase: ` +
      `${webTree.map((p) => `${p.name} ${p.pid} ${fmt(p.residentMb, 0)}/${fmt(cpuInPhase(p), 2)}`).join(", ")})`;
    const statements = await readStatements(db);
    all.push(...sustained);
    const created = sustained.filter((o) => o.status === 201).length;
    const rate = created / (sustainedMs / 1000);
    const sustainedOk = created === sustained.length;
    say(
      `  d. ${CLIENTS} clients book distinct slots and classes in a loop for ${seconds(sustainedMs)}: ` +
        `${sustained.length} POSTs | ${tally(sustained)} | ${latencies(sustained)} | ${fmt(rate, 1)} bookings/s` +
        (ranOut ? " | ran out of prepared slots or classes before the time was up" : ""),
    );
    for (const kind of ["session", "class"] as const) {
      const some = sustained.filter((o) => o.kind === kind);
      say(`       ${kind.padEnd(7)} ${String(some.length).padStart(5)} POSTs | ${tally(some)} | ${latencies(some)}`);
    }
    if (!sustainedOk) {
      problems.push("sustained phase: some bookings of free slots or roomy classes were refused");
      firstFailure(sustained);
      const refused = sustained.find((o) => o.status !== 201);
      if (refused) say(`    first refusal: ${refused.status} ${refused.body.slice(0, 300)}`);
    }

    // Where the time went in the sustained phase.
    const bookings = Math.max(1, sustained.length);
    const sent = dataStatements(statements);
    const dbMs = sumMs(sent);
    say(`\n== where the time goes (sustained phase, ${sustained.length} POSTs)`);
    say(
      `  CPU: web process ${fmt(cpuApp / (sustainedMs / 1000), 2)} cores, worker ${fmt(cpuWorker / (sustainedMs / 1000), 2)}, ` +
        `PostgreSQL ${fmt(cpuPg / (sustainedMs / 1000), 2)} cores (of ${os.cpus().length}); per booking ` +
        `${fmt((cpuApp * 1000) / bookings, 2)} ms web CPU, ${fmt((cpuWorker * 1000) / bookings, 2)} ms worker CPU ` +
        `(delivering the confirmations), ${fmt((cpuPg * 1000) / bookings, 2)} ms database CPU (web and worker); this bench's own HTTP clients ` +
        `${fmt(cpuBench / (sustainedMs / 1000), 2)} cores; 1-minute load average ${fmt(os.loadavg()[0] ?? 0, 2)} ` +
        "(other work on this machine takes CPU from all three)",
    );
    const perBookingMs = (cpuSeconds: number) => fmt((cpuSeconds * 1000) / bookings, 2);
    say(
      `  database CPU per booking, by whom it served: the web's statements ${perBookingMs(pgSplit.web)} ms, ` +
        `the worker's ${perBookingMs(pgSplit.worker)} ms, PostgreSQL's own processes (WAL writer, checkpointer, ` +
        `autovacuum) ${perBookingMs(pgSplit.server)} ms`,
    );
    say(`  memory: ${residentLine}`);
    say(
      `  database: ${fmt(sumCalls(sent) / bookings, 1)} SQL statements per POST in ` +
        `${fmt(transactions(statements) / bookings, 2)} explicit transactions, ` +
        `${fmt(dbMs / bookings, 2)} ms executing per POST (lock waits included); ` +
        `mean POST ${fmt(sustained.reduce((n, o) => n + o.ms, 0) / bookings, 1)} ms`,
    );
    say("  statements by total execution time (calls per POST, mean ms, share):");
    for (const s of [...sent].sort((a, b) => b.totalMs - a.totalMs).slice(0, 10)) {
      say(
        `    ${fmt(s.calls / bookings, 2).padStart(5)}  ${fmt(s.totalMs / Math.max(1, s.calls), 3).padStart(7)} ms  ` +
          `${fmt((100 * s.totalMs) / Math.max(dbMs, 1e-9), 0).padStart(3)}%  ${shortQuery(s.query)}`,
      );
    }

    // --- e. the same clients at a pace: each books once a second ---------------------------------------
    await connectAll();
    const pacedBefore = { app: treeCpuSeconds(appPid), pgTree: treeProcesses(postmasterPid) };
    t = performance.now();
    const paced = await bookInLoop(t + PACED_MS, 1000);
    all.push(...paced);
    const pacedRate = paced.length / ((performance.now() - t) / 1000);
    const pacedApp = treeCpuSeconds(appPid) - pacedBefore.app;
    const pacedSplit = await databaseCpuSplit(db, postmasterPid, pacedBefore.pgTree);
    const perPaced = (cpuSeconds: number) => fmt((cpuSeconds * 1000) / Math.max(1, paced.length), 2);
    say(
      `\n  e. ${CLIENTS} clients each start one booking a second for ${seconds(PACED_MS)} (${fmt(pacedRate, 1)} POSTs/s ` +
        `in all): ${paced.length} POSTs | ${tally(paced)} | ${latencies(paced)}`,
    );
    // Unhurried, a booking costs more than under a queue (measured: about a third more in both):
    // nothing is batched, so each statement is a socket write and a wake-up, each commit a flush.
    say(
      `     CPU per booking at this pace: web process ${perPaced(pacedApp)} ms; database for the web's statements ` +
        `${perPaced(pacedSplit.web)} ms, for the worker's ${perPaced(pacedSplit.worker)} ms, its own processes ` +
        `${perPaced(pacedSplit.server)} ms`,
    );
    if (!paced.every((o) => o.status === 201)) {
      problems.push("paced phase: some bookings of free slots or roomy classes were refused");
      firstFailure(paced);
    }

    // --- f. the floor: what any request costs the web process, for scale ------------------------------
    // /healthz is the HTTP server and Remix with no query; a booking's own page (GET
    // /api/bookings/:id) adds the API token's check and one read, as a booking's answer does.
    // Each client reads one of its own bookings (another client's is a 404 to it).
    const ownBooking = new Map<string, string>();
    for (const o of paced) {
      try {
        const { booking } = JSON.parse(o.body) as { booking: { id: string; client: { id: string } } };
        ownBooking.set(booking.client.id, booking.id);
      } catch {}
    }
    say(`\n  f. the floor: ${CLIENTS} clients request in a loop for ${seconds(FLOOR_MS)} each, web CPU per request:`);
    for (const [name, pathOf, headersOf] of [
      ["GET /healthz (no database)", () => "/healthz", () => ({})],
      [
        "GET /api/bookings/:id (token, one booking)",
        (client: BenchClient) => `/api/bookings/${ownBooking.get(client.id)}`,
        (client: BenchClient) => ({ authorization: `Bearer ${client.token}`, accept: "application/json" }),
      ],
    ] as const) {
      await connectAll();
      const cpuFrom = treeCpuSeconds(appPid);
      const started = performance.now();
      const until = started + FLOOR_MS;
      let answered = 0;
      let failed = 0;
      await Promise.all(
        clients.map(async (client) => {
          while (performance.now() < until) {
            const response = await httpRequest({
              port,
              host,
              path: pathOf(client),
              headers: headersOf(client),
              agent: client.agent,
              timeoutMs: 30_000,
            });
            if (response.status === 200) answered += 1;
            else failed += 1;
          }
        }),
      );
      const cpu = treeCpuSeconds(appPid) - cpuFrom;
      const rate = answered / ((performance.now() - started) / 1000);
      say(
        `     ${name.padEnd(44)} ${fmt((cpu * 1000) / Math.max(1, answered + failed), 2)} ms web CPU per request, ` +
          `${fmt(rate, 0)} req/s${failed ? `, ${failed} not 200` : ""}`,
      );
      if (failed) problems.push(`floor: ${name} answered other than 200 ${failed} times`);
    }

    // --- the invariants, read from the database --------------------------------------------------------
    const { t: tables } = studio.tenant;
    const [overlaps] = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n
      FROM ${tables.bookings} a JOIN ${tables.bookings} b
        ON a.instructor_id = b.instructor_id AND a.id < b.id
       AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'
        AND a.occurrence_id IS NULL AND b.occurrence_id IS NULL`);
    const classes = await db.execute<{ capacity: number; booked_spots: number; spots: number }>(sql`
      SELECT o.capacity, o.booked_spots,
             COALESCE(sum(b.spots_booked) FILTER (WHERE b.status IN ('confirmed', 'checked_in')), 0)::int AS spots
      FROM ${tables.occurrences} o LEFT JOIN ${tables.bookings} b ON b.occurrence_id = o.id
      GROUP BY o.id`);
    const [counts] = await db.execute<{ bookings: number; places: number; spent: number }>(sql`
      SELECT (SELECT count(*)::int FROM ${tables.bookings} WHERE status <> 'cancelled') AS bookings,
             (SELECT COALESCE(sum(spots_booked), 0)::int FROM ${tables.bookings} WHERE status <> 'cancelled') AS places,
             (SELECT COALESCE(-sum(delta), 0)::int FROM ${tables.creditLedger} WHERE kind IN ('spend', 'refund')) AS spent`);
    const overCapacity = classes.reduce((n, c) => n + Math.max(0, c.spots - c.capacity), 0);
    const overbooked = classes.filter((c) => c.spots > c.capacity).length;
    const counterDrift = classes.filter((c) => c.spots !== c.booked_spots).length;
    const doubleBookings = (overlaps?.n ?? 0) + overCapacity;
    const answered201 = all.filter((o) => o.status === 201).length;
    say("\n== the database after the phases");
    say(`  deadlocks PostgreSQL detected (and broke by aborting a transaction): ${deadlocks.length}`);
    if (VERBOSE && deadlocks[0]) say(`  the first:\n${deadlocks[0].replace(/^/gm, "    ")}`);
    say(
      `  live bookings ${counts?.bookings} (201 answers: ${answered201}), places ${counts?.places}, credits spent ` +
        `${counts?.spent}; occurrences whose booked_spots differs from their bookings: ${counterDrift}`,
    );
    if (counts?.bookings !== answered201) problems.push(`${counts?.bookings} bookings stored for ${answered201} 201s`);
    if (counts?.spent !== counts?.places) problems.push(`${counts?.spent} credits spent for ${counts?.places} places`);
    if (counterDrift) problems.push(`${counterDrift} occurrences with booked_spots out of step`);
    if (doubleBookings) problems.push(`${doubleBookings} double bookings`);
    if (overbooked) problems.push(`${overbooked} overbooked classes`);

    const goal = (outcomes: Outcome[]) => {
      const met =
        percentile(
          outcomes.map((o) => o.ms),
          95,
        ) <= GOAL_P95_MS;
      return `(goal: p95 <= ${GOAL_P95_MS} ms at 50 concurrent clients: ${met ? "met" : "MISSED"})`;
    };
    summary.push(`booking rate (sustained, ${CLIENTS} clients): ${fmt(rate, 1)} bookings/s`);
    summary.push(
      `booking POST latency (sustained, each client books again as soon as answered): ${latencies(sustained)} ` +
        goal(sustained),
    );
    summary.push(`booking POST latency (paced, each client books once a second): ${latencies(paced)} ${goal(paced)}`);
    summary.push(
      `booking POST latency (every phase, ${all.length} POSTs): ${latencies(all)}; statements per booking alone: ` +
        `session ${perBooking.get("session")}, class ${perBooking.get("class")}`,
    );
    summary.push(
      `CPU per booking (sustained): web process ${fmt((cpuApp * 1000) / bookings, 2)} ms (goal <= ${GOAL_WEB_MS} ms: ` +
        `${(cpuApp * 1000) / bookings <= GOAL_WEB_MS ? "met" : "MISSED"}), worker ${fmt((cpuWorker * 1000) / bookings, 2)} ms, ` +
        `PostgreSQL ${fmt((cpuPg * 1000) / bookings, 2)} ms; SQL statements per POST ${fmt(sumCalls(sent) / bookings, 1)}`,
    );
    summary.push(`memory at the end of the sustained phase: ${residentLine}`);
    summary.push(`double bookings: ${doubleBookings}`);
    summary.push(`overbooked classes: ${overbooked}`);

    await stopServer();
    if (PROFILE) {
      const file = largestProfile(profileDir);
      say(`\n== CPU profile of the web process, sustained phase (${file ?? "no profile written"})`);
      if (file && profileWindow) {
        for (const line of summariseProfile(file, profileWindow)) say(`  ${line}`);
        const kept = path.join(os.tmpdir(), `wondrous-booking-${Date.now()}.cpuprofile`);
        copyFileSync(file, kept);
        say(`  the profile, for a closer look (e.g. in Chrome's DevTools): ${kept}`);
      }
    }

    // --- pgbench on the same server ------------------------------------------------------------------
    say("\n== pgbench against the same PostgreSQL (app stopped)");
    try {
      // The cheaper of the two phases' figures, so the ceiling is the most this machine could allow.
      const databaseMs = Math.min(
        ((pgSplit.web + pgSplit.server) * 1000) / bookings,
        ((pacedSplit.web + pacedSplit.server) * 1000) / Math.max(1, paced.length),
      );
      const ceiling = { cores: os.cpus().length, msPerBooking: databaseMs };
      summary.push(...(await comparePgbench(db, new URL(pg.url), rate, postmasterPid, ceiling)));
    } catch (error) {
      // The booking figures above stand on their own; a pgbench failure is told, not fatal.
      const line = `pgbench failed, no comparison: ${error instanceof Error ? error.message : String(error)}`;
      say(`  ${line}`);
      summary.push(line.split("\n")[0] as string);
    }

    say("\n== summary");
    for (const line of summary) say(line);
    if (problems.length) {
      process.exitCode = 1;
      say("\nWRONG:");
      for (const problem of problems) say(`  - ${problem}`);
    }
    say(`load average at end: ${loadavg()}`);
  } catch (error) {
    process.exitCode = 1;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (serverOutput.lines.length) say(`server output:\n${serverOutput}`);
    if (pgLog.lines.length) say(`postgres log (last lines):\n${pgLog}`);
  } finally {
    await stopServer().catch((error: unknown) => say(`  ! stopping the server: ${String(error)}`));
    await closeDatabase().catch(() => {});
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch((error: unknown) => say(`  ! stopping PostgreSQL: ${String(error)}`));
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
