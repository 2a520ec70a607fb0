// npm run bench:messages [-- --fast]
//
// The job system of issue 14 on a fresh embedded PostgreSQL, with the real worker (jobs/boss.ts)
// in child processes (bench/messages-worker.ts) whose providers only count hand-overs:
//   1. 10,000 reminders due in the same minute across 100 studios, drained by one worker and
//      then by two: messages per second, total time, duplicates (must be 0);
//   2. an idle worker's database load with 1 studio and with 1,000 studios (must be equal);
//   3. time from a booking's commit (the engine call returning) to its confirmation being handed
//      to the provider, over 1,000 bookings.
// --fast: 1,000 reminders across 10 studios, 100 bookings, 100 studios and 10 s idle windows.
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq, gte, sql } from "drizzle-orm";
import { bookClass } from "../app/services/booking/engine.server";
import type { ReminderJob } from "../app/services/booking/notices.server";
import { type ProvisionInput, provisionStudio } from "../app/services/studio/provisioning.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import { closeDatabase, connect, type Db } from "../db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { Location, User } from "../db/schema/tenant";
import type { WorkerOptions } from "../jobs/boss";
import { enqueue } from "../jobs/enqueue";
import { DELIVER_MESSAGE, SEND_REMINDER } from "../jobs/queues";
import { fmt, makeTempDir, percentile, seconds, sleep, Tail } from "./lib";
import { spawnWorker as spawnWorkerProcess } from "./worker-process";

const FAST = process.argv.includes("--fast");
const REMINDER_STUDIOS = FAST ? 10 : 100;
const REMINDERS_PER_STUDIO = 100;
const REMINDERS = REMINDER_STUDIOS * REMINDERS_PER_STUDIO;
const BOOKINGS = FAST ? 100 : 1000;
const BOOKING_STUDIOS = 10;
const IDLE_STUDIOS = FAST ? 100 : 1000;
const IDLE_MS = (FAST ? 10 : 30) * 1000;
const PROVISION_CONCURRENCY = 4;
/**
 * The drain runs: 20 jobs per fetch run side by side (a reminder is one transaction of a few
 * statements; the worker's pool has 10 connections), and a queue is polled every 2 s, as in
 * production; work enqueued by a commit wakes the worker at once.
 */
const DRAIN: WorkerOptions = { batchSize: 20, pollingIntervalSeconds: 2, queues: [SEND_REMINDER, DELIVER_MESSAGE] };
/** Idle and commit-to-hand-over runs use the worker exactly as `npm start` does: every queue, defaults. */
const PRODUCTION: WorkerOptions = {};
const STALL_MS = 60_000;

const say = (line = "") => process.stdout.write(`${line}\n`);
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const now = () => performance.timeOrigin + performance.now();
const slugOf = (i: number) => `bench-${String(i).padStart(4, "0")}`;

type Studio = { tenant: Tenant; owner: User; location: Location };

function inputFor(i: number): ProvisionInput {
  return {
    name: `Bench Studio ${String(i).padStart(4, "0")}`,
    slug: slugOf(i),
    owner: { fullName: `Owner ${i}`, email: `owner${i}@bench.test`, passwordHash: "not-used" },
    location: {
      name: "Main room",
      timezone: "Europe/London",
      address: { line1: `${i} Bench Street`, city: "London", postcode: "N1 1AA", country: "GB" },
    },
  };
}

/** Studios numbered up to `count` (those already there are kept), `PROVISION_CONCURRENCY` at a time. */
async function provisionUpTo(db: Db, studios: Studio[], count: number) {
  let next = studios.length + 1;
  const made: Studio[] = [];
  const work = async () => {
    while (next <= count) {
      const i = next;
      next += 1;
      const outcome = await provisionStudio(db, inputFor(i));
      if (!outcome.ok) throw new Error(`provisioning ${slugOf(i)}: ${outcome.reason}`);
      made[i - 1] = outcome;
    }
  };
  await Promise.all(Array.from({ length: PROVISION_CONCURRENCY }, work));
  for (let i = studios.length; i < count; i += 1) studios.push(made[i] as Studio);
}

/** A free class (no credit needed) at the studio's location, with `clients` new clients. */
async function classWithClients(db: Db, studio: Studio, startsAt: Date, clients: number, tag: string) {
  const { t } = studio.tenant;
  const [service] = await db
    .insert(t.services)
    .values({
      name: `Bench Yoga ${tag}`,
      type: "class",
      durationMinutes: 60,
      capacity: clients,
      locationIds: [studio.location.id],
      requiresCredit: false,
    })
    .returning();
  if (!service) throw new Error("no service");
  const [occurrence] = await db
    .insert(t.occurrences)
    .values({
      serviceId: service.id,
      locationId: studio.location.id,
      instructorId: studio.owner.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      capacity: clients,
    })
    .returning();
  if (!occurrence) throw new Error("no class");
  const people = await db
    .insert(t.users)
    .values(
      Array.from({ length: clients }, (_, i) => ({
        email: `client-${tag}-${i}@bench.test`,
        fullName: `Client ${tag} ${i}`,
        role: "client" as const,
        primaryLocationId: studio.location.id,
        accessibleLocations: [studio.location.id],
      })),
    )
    .returning();
  return { service, occurrence, people };
}

// --- statistics -------------------------------------------------------------------------------

type Counters = { statements: number; transactions: number; at: number };

/** What everyone but this reader has asked the database so far, read in one statement. */
async function readCounters(db: Db): Promise<Counters> {
  const [row] = await db.execute<{ statements: string; transactions: string }>(sql`
    SELECT (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%pg_stat%') AS statements,
           (SELECT xact_commit + xact_rollback FROM pg_stat_database
            WHERE datname = current_database()) AS transactions`);
  return { statements: Number(row?.statements), transactions: Number(row?.transactions), at: performance.now() };
}

// --- workers ----------------------------------------------------------------------------------

type Handed = Map<string, number[]>;

/** A worker process whose hand-overs are added to `handed`. */
function spawnWorker(url: string, options: WorkerOptions, handed: Handed, output: Tail) {
  return spawnWorkerProcess(
    url,
    options,
    (id, at) => {
      const times = handed.get(id);
      if (times) times.push(at);
      else handed.set(id, [at]);
    },
    output,
  );
}
type Worker = Awaited<ReturnType<typeof spawnWorker>>;

/** Waits until `done()`; fails when nothing moves for STALL_MS. */
async function until(done: () => boolean, progress: () => number, what: string) {
  let last = progress();
  let movedAt = performance.now();
  while (!done()) {
    await sleep(20);
    const current = progress();
    if (current !== last) {
      last = current;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > STALL_MS) {
      throw new Error(`${what}: stuck at ${current} for ${STALL_MS / 1000} s`);
    }
  }
}

// --- 1. reminders -------------------------------------------------------------------------------

type ReminderSet = { studio: Studio; occurrenceId: string; bookingIds: string[]; startsAt: Date };

async function seedReminderStudio(db: Db, studio: Studio, startsAt: Date): Promise<ReminderSet> {
  const { t } = studio.tenant;
  const { service, occurrence, people } = await classWithClients(db, studio, startsAt, REMINDERS_PER_STUDIO, "r");
  const bookings = await db
    .insert(t.bookings)
    .values(
      people.map((person) => ({
        clientId: person.id,
        serviceId: service.id,
        instructorId: studio.owner.id,
        locationId: studio.location.id,
        occurrenceId: occurrence.id,
        startsAt,
        endsAt: occurrence.endsAt,
        status: "confirmed" as const,
        bookingMethod: "admin_created" as const,
        createdById: studio.owner.id,
      })),
    )
    .returning({ id: t.bookings.id });
  return { studio, occurrenceId: occurrence.id, bookingIds: bookings.map((b) => b.id), startsAt };
}

/** The real reminder jobs, one transaction per studio (a few studios at once), all due at `dueAt`. */
async function enqueueReminders(db: Db, sets: ReminderSet[], dueAt: Date) {
  const queue = [...sets];
  const work = async () => {
    for (let set = queue.shift(); set; set = queue.shift()) await enqueueStudioReminders(db, set, dueAt);
  };
  await Promise.all(Array.from({ length: PROVISION_CONCURRENCY }, work));
}

async function enqueueStudioReminders(db: Db, set: ReminderSet, dueAt: Date) {
  await db.transaction(async (tx) => {
    for (const bookingId of set.bookingIds) {
      const job: ReminderJob = {
        studioId: set.studio.tenant.studio.id,
        bookingId,
        kind: "24h",
        startsAt: set.startsAt.toISOString(),
      };
      await enqueue(tx, SEND_REMINDER, job, { startAfter: dueAt });
    }
  });
}

/** Moves every class and its bookings an hour later: new reminders, with new dedupe keys. */
async function moveAnHourLater(db: Db, sets: ReminderSet[]) {
  const hour = sql`interval '1 hour'`;
  for (const set of sets) {
    const { t } = set.studio.tenant;
    await db.transaction(async (tx) => {
      await tx
        .update(t.occurrences)
        .set({ startsAt: sql`${t.occurrences.startsAt} + ${hour}`, endsAt: sql`${t.occurrences.endsAt} + ${hour}` })
        .where(eq(t.occurrences.id, set.occurrenceId));
      await tx
        .update(t.bookings)
        .set({ startsAt: sql`${t.bookings.startsAt} + ${hour}`, endsAt: sql`${t.bookings.endsAt} + ${hour}` })
        .where(eq(t.bookings.occurrenceId, set.occurrenceId));
    });
    set.startsAt = new Date(set.startsAt.getTime() + 60 * 60_000);
  }
}

/** Reminder rows written since `since`: how many, and bookings with more than one. */
async function reminderRows(db: Db, sets: ReminderSet[], since: Date) {
  let rows = 0;
  let twice = 0;
  let sent = 0;
  let lastWritten = 0;
  for (const { studio } of sets) {
    const { t } = studio.tenant;
    const [row] = await db
      .select({
        rows: sql<number>`count(*)::int`,
        bookings: sql<number>`count(DISTINCT ${t.outboxMessages.bookingId})::int`,
        sent: sql<number>`count(*) FILTER (WHERE ${t.outboxMessages.status} = 'sent')::int`,
        last: sql<string>`max(${t.outboxMessages.createdAt})`,
      })
      .from(t.outboxMessages)
      .where(and(eq(t.outboxMessages.template, "reminder_24h"), gte(t.outboxMessages.createdAt, since)));
    rows += row?.rows ?? 0;
    twice += (row?.rows ?? 0) - (row?.bookings ?? 0);
    sent += row?.sent ?? 0;
    if (row?.last) lastWritten = Math.max(lastWritten, new Date(row.last).getTime());
  }
  return { rows, twice, sent, lastWritten };
}

async function drain(url: string, db: Db, sets: ReminderSet[], workers: number, output: Tail) {
  const handed: Handed = new Map();
  const since = new Date(Date.now() - 1000);
  const dueAt = new Date();
  let t = performance.now();
  await enqueueReminders(db, sets, dueAt);
  say(
    `  enqueued ${REMINDERS} SEND_REMINDER jobs due ${dueAt.toISOString().slice(11, 19)} UTC (one transaction ` +
      `per studio, ${PROVISION_CONCURRENCY} studios at a time, enqueue() through it): ${seconds(performance.now() - t)}`,
  );
  const running: Worker[] = await Promise.all(
    Array.from({ length: workers }, () => spawnWorker(url, DRAIN, handed, output)),
  );
  try {
    const before = await readCounters(db);
    const start = now();
    await Promise.all(running.map((worker) => worker.go()));
    await until(
      () => handed.size >= REMINDERS,
      () => handed.size,
      "hand-overs",
    );
    const after = await readCounters(db);
    const last = Math.max(...[...handed.values()].map((times) => Math.min(...times)));
    const first = Math.min(...[...handed.values()].map((times) => Math.min(...times)));
    // Any second hand-over of a message would be in flight within this pause.
    await sleep(1500);
    t = performance.now();
    await Promise.all(running.map((worker) => worker.stop()));
    const stopMs = performance.now() - t;
    const rows = await reminderRows(db, sets, since);
    const twiceHanded = [...handed.values()].filter((times) => times.length > 1).length;
    const total = last - start;
    say(
      `  ${workers} worker${workers > 1 ? "s (two processes)" : ""}: all ${REMINDERS} handed to the provider ` +
        `${seconds(total)} after the worker${workers > 1 ? "s" : ""} started: ${fmt(REMINDERS / (total / 1000), 0)} ` +
        `messages/s (first hand-over after ${fmt(first - start, 0)} ms; reminder job -> outbox row + delivery ` +
        `job -> delivery job -> provider)`,
    );
    say(
      `    last reminder row written after ${seconds(rows.lastWritten - start)}; rows ${rows.rows} (must be ` +
        `${REMINDERS}), recorded sent ${rows.sent}; ${fmt((after.statements - before.statements) / REMINDERS, 1)} ` +
        `statements and ${fmt((after.transactions - before.transactions) / REMINDERS, 1)} transactions per ` +
        `message; graceful stop ${fmt(stopMs, 0)} ms`,
    );
    say(
      `    duplicates: messages handed over twice ${twiceHanded}, bookings with two reminder rows ${rows.twice} ` +
        `(both must be 0) ${twiceHanded === 0 && rows.twice === 0 && rows.rows === REMINDERS ? "PASS" : "FAIL"}`,
    );
    if (twiceHanded !== 0 || rows.twice !== 0 || rows.rows !== REMINDERS) process.exitCode = 1;
  } finally {
    for (const worker of running) worker.kill();
  }
}

// --- 2. idle ----------------------------------------------------------------------------------

async function idleLoad(url: string, db: Db, output: Tail) {
  const worker = await spawnWorker(url, PRODUCTION, new Map(), output);
  try {
    await worker.go();
    // Startup (pg-boss's checks, the cron schedules) is not idling, and a connection that went
    // idle reports its last transactions to pg_stat_database up to 10 s later.
    await sleep(12_000);
    const before = await readCounters(db);
    await sleep(IDLE_MS);
    const after = await readCounters(db);
    const secondsIdle = (after.at - before.at) / 1000;
    return {
      statements: (after.statements - before.statements) / secondsIdle,
      // Our own reading is one transaction.
      transactions: (after.transactions - before.transactions - 1) / secondsIdle,
    };
  } finally {
    await worker.stop().catch(() => worker.kill());
  }
}

// --- 3. commit -> hand-over -----------------------------------------------------------------------

async function commitToHandOver(url: string, db: Db, studios: Studio[], output: Tail) {
  const perStudio = BOOKINGS / BOOKING_STUDIOS;
  const inTwoDays = new Date(Date.now() + 2 * 24 * 60 * 60_000);
  const classes = [];
  for (const studio of studios.slice(0, BOOKING_STUDIOS)) {
    const { occurrence, people } = await classWithClients(db, studio, inTwoDays, perStudio, "c");
    classes.push({ studio, occurrence, people });
  }
  const handed: Handed = new Map();
  const worker = await spawnWorker(url, PRODUCTION, handed, output);
  const committed = new Map<string, number>();
  const engineMs: number[] = [];
  try {
    await worker.go();
    const t = performance.now();
    for (let i = 0; i < perStudio; i += 1) {
      for (const { studio, occurrence, people } of classes) {
        const client = people[i] as User;
        const started = performance.now();
        const { booking } = await bookClass(studio.tenant, client, { occurrenceId: occurrence.id });
        committed.set(booking.id, now());
        engineMs.push(performance.now() - started);
      }
    }
    const bookMs = performance.now() - t;
    await until(
      () => handed.size >= BOOKINGS,
      () => handed.size,
      "confirmations",
    );
    const latencies: number[] = [];
    for (const { studio } of classes) {
      const { t: tables } = studio.tenant;
      const rows = await db
        .select({ id: tables.outboxMessages.id, bookingId: tables.outboxMessages.bookingId })
        .from(tables.outboxMessages)
        .where(eq(tables.outboxMessages.template, "booking_confirmed"));
      for (const row of rows) {
        const at = handed.get(row.id)?.[0];
        const commit = row.bookingId ? committed.get(row.bookingId) : undefined;
        if (at !== undefined && commit !== undefined) latencies.push(at - commit);
      }
    }
    say(
      `  ${BOOKINGS} bookings, one after another across ${BOOKING_STUDIOS} studios, through bookClass: ` +
        `${seconds(bookMs)}; engine call p50 ${fmt(percentile(engineMs, 50), 1)} ms`,
    );
    say(
      `  commit -> confirmation handed to the provider (${latencies.length} of ${BOOKINGS}): ` +
        `p50 ${fmt(percentile(latencies, 50), 1)} ms, p95 ${fmt(percentile(latencies, 95), 1)} ms, ` +
        `max ${fmt(Math.max(...latencies), 1)} ms`,
    );
    if (latencies.length !== BOOKINGS) process.exitCode = 1;
  } finally {
    await worker.stop().catch(() => worker.kill());
  }
}

// --- main -------------------------------------------------------------------------------------

async function main() {
  const tmp = await makeTempDir("wondrous-bench-messages");
  const dataDir = path.join(tmp, "pg");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  const output = new Tail(60);
  const pgLog = new Tail(40);
  process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));

  try {
    say(
      `wondrous messages benchmark${FAST ? " (--fast)" : ""}: ${os.cpus().length} CPUs, node ${process.version}, ` +
        `load average at start ${loadavg()}`,
    );
    // pg_stat_statements is loaded at server start, hence the restart.
    let t = performance.now();
    const startPg = () =>
      startEmbeddedPostgres({ dataDir, database: "bench", throwaway: true, log: (l) => pgLog.push(l), warn: say });
    pg = await startPg();
    {
      const admin = connect(pg.url, { max: 1 });
      await admin.db.execute(sql`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.client.end({ timeout: 5 });
    }
    await pg.stop();
    pg = await startPg();
    pool = connect(pg.url, { max: PROVISION_CONCURRENCY + 1 });
    const { db } = pool;
    await migrateAll(db);
    await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    process.env.DATABASE_URL = pg.url; // the engine and the models below use the shared pool
    say(`embedded PostgreSQL (throwaway, pg_stat_statements) and migrations: ${seconds(performance.now() - t)}`);

    const studios: Studio[] = [];
    await provisionUpTo(db, studios, 1);

    // --- 2a. idle with one studio ---------------------------------------------------------------
    // Autovacuum would count in pg_stat_database, and provisioning wakes it on every new table.
    await db.execute(sql`ALTER SYSTEM SET autovacuum = off`);
    await db.execute(sql`SELECT pg_reload_conf()`);
    say();
    say(`2. idle worker (npm start's settings: every queue, polled every 2 s), ${IDLE_MS / 1000} s windows`);
    const idleOne = await idleLoad(pg.url, db, output);
    say(
      `  1 studio: ${fmt(idleOne.statements)} statements/s (pg_stat_statements), ${fmt(idleOne.transactions)} ` +
        `transactions/s (pg_stat_database)`,
    );

    // --- 1. reminders ---------------------------------------------------------------------------
    t = performance.now();
    await provisionUpTo(db, studios, REMINDER_STUDIOS);
    const tomorrow = new Date(Date.now() + 26 * 60 * 60_000);
    const sets: ReminderSet[] = [];
    for (const studio of studios.slice(0, REMINDER_STUDIOS)) sets.push(await seedReminderStudio(db, studio, tomorrow));
    say();
    say(
      `1. ${REMINDERS} reminders due in the same minute across ${REMINDER_STUDIOS} studios (${REMINDERS_PER_STUDIO} ` +
        `confirmed bookings each; studios and bookings written in ${seconds(performance.now() - t)}); worker ` +
        `batchSize ${DRAIN.batchSize}, pollingIntervalSeconds ${DRAIN.pollingIntervalSeconds}`,
    );
    await drain(pg.url, db, sets, 1, output);
    await moveAnHourLater(db, sets);
    say("  every class and its bookings moved an hour later (new reminders, new dedupe keys)");
    await drain(pg.url, db, sets, 2, output);

    // --- 3. commit -> hand-over -------------------------------------------------------------------
    say();
    say(`3. commit -> hand-over, one worker with npm start's settings (woken by LISTEN/NOTIFY on commit)`);
    await commitToHandOver(pg.url, db, studios, output);

    // --- 2b. idle with many studios ---------------------------------------------------------------
    say();
    t = performance.now();
    await provisionUpTo(db, studios, IDLE_STUDIOS);
    say(`2. (continued) provisioned up to ${IDLE_STUDIOS} studios in ${seconds(performance.now() - t)}`);
    const idleMany = await idleLoad(pg.url, db, output);
    say(
      `  ${IDLE_STUDIOS} studios: ${fmt(idleMany.statements)} statements/s, ${fmt(idleMany.transactions)} ` +
        `transactions/s`,
    );
    say(
      `  ratio ${IDLE_STUDIOS} studios / 1 studio: statements ${fmt(idleMany.statements / idleOne.statements)}, ` +
        `transactions ${fmt(idleMany.transactions / idleOne.transactions)} (the worker polls queues, not studios: ~1.00)`,
    );
    say();
    say(`load average at the end: ${loadavg()}`);
    if (output.lines.length) say(`worker output (warnings):\n${output}`);
  } catch (error) {
    process.exitCode = 1;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (output.lines.length) say(`worker output:\n${output}`);
    if (pgLog.lines.length) say(`postgres log (last lines):\n${pgLog}`);
  } finally {
    await closeDatabase();
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch((error: unknown) => say(`  ! stopping PostgreSQL: ${String(error)}`));
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
