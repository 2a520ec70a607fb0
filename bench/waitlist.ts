// npm run bench:waitlist
//
// The waitlist of issue 16 under a busy minute, on a fresh embedded PostgreSQL with the real job
// worker (jobs/boss.ts, npm start's settings) in a child process (bench/messages-worker.ts, whose
// providers only note when each message is handed over). A free class of 20 is full with 200 in
// line; 100 cancellations arrive over a minute. Each cancellation's fill job offers the place; when
// an offer's email reaches the adapter its client answers: most accept through the offer's link
// (findOfferByToken + acceptOffer, the one-tap page's path) after a short pause; the rest never
// answer, and since the shortest offer the schema allows is 5 minutes (the studio's is 30), the
// bench ends theirs through the expiry job's path (expireOffer) with the clock at their deadline.
// Order and capacity are checked every 250 ms during the run and once at the end.
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { bookClass, cancelBooking } from "../app/services/booking/engine.server";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import { joinWaitlist } from "../app/services/waitlist/line.server";
import { acceptOffer, expireOffer, findOfferByToken } from "../app/services/waitlist/offer.server";
import { closeDatabase, connect, type Db } from "../db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { User } from "../db/schema/tenant";
import { fmt, makeTempDir, percentile, seconds, sleep, Tail } from "./lib";
import { spawnWorker } from "./worker-process";

const CAPACITY = 20;
const IN_LINE = 200;
const CANCELLATIONS = 100;
const OVER_MS = 60_000;
/** Of those offered a place, this share answers (accepts); the others let the offer run out. */
const ANSWERING = 0.7;
const CHECK_EVERY_MS = 250;
const SETTLE_MS = 30_000;

const say = (line = "") => process.stdout.write(`${line}\n`);
const now = () => performance.timeOrigin + performance.now();
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

/** A free class of CAPACITY, booked full, with IN_LINE clients in its line. */
async function fullClassWithLine(db: Db, tenant: Tenant, owner: User, locationId: string) {
  const { t } = tenant;
  const startsAt = new Date(Date.now() + 2 * 24 * 60 * 60_000);
  const [service] = await db
    .insert(t.services)
    .values({
      name: "Bench Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: CAPACITY,
      locationIds: [locationId],
      requiresCredit: false,
    })
    .returning();
  const [occurrence] = await db
    .insert(t.occurrences)
    .values({
      serviceId: service!.id,
      locationId,
      instructorId: owner.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      capacity: CAPACITY,
    })
    .returning();
  const people = await db
    .insert(t.users)
    .values(
      Array.from({ length: CAPACITY + IN_LINE }, (_, i) => ({
        email: `client-${i}@bench.test`,
        fullName: `Client ${i}`,
        role: "client" as const,
        primaryLocationId: locationId,
        accessibleLocations: [locationId],
      })),
    )
    .returning();
  const live = new Map<string, User>();
  for (const person of people.slice(0, CAPACITY)) {
    const { booking } = await bookClass(tenant, person, { occurrenceId: occurrence!.id });
    live.set(booking.id, person);
  }
  for (const person of people.slice(CAPACITY)) await joinWaitlist(tenant, person, { occurrenceId: occurrence!.id });
  return { occurrenceId: occurrence!.id, people, live };
}

/**
 * Order and capacity, read in one snapshot: offers held = open offers, booked = live bookings'
 * places, booked + offered <= capacity, and whoever was offered or booked from the line came
 * before everyone still waiting. Returns the broken rules (none: []).
 */
async function violations(db: Db, tenant: Tenant, occurrenceId: string): Promise<string[]> {
  const { t } = tenant;
  return db.transaction(
    async (tx) => {
      const [occ] = await tx.select().from(t.occurrences).where(eq(t.occurrences.id, occurrenceId));
      const entries = await tx
        .select({ status: t.waitlistEntries.status, lineKey: t.waitlistEntries.lineKey })
        .from(t.waitlistEntries)
        .where(eq(t.waitlistEntries.occurrenceId, occurrenceId));
      const [live] = await tx
        .select({ spots: sql<number>`coalesce(sum(${t.bookings.spotsBooked}), 0)::int` })
        .from(t.bookings)
        .where(and(eq(t.bookings.occurrenceId, occurrenceId), ne(t.bookings.status, "cancelled")));
      const broken: string[] = [];
      const offered = entries.filter((e) => e.status === "offered").length;
      if (occ!.offeredSpots !== offered) broken.push(`offered_spots ${occ!.offeredSpots} but ${offered} open offers`);
      if (occ!.bookedSpots !== live!.spots) broken.push(`booked_spots ${occ!.bookedSpots} but ${live!.spots} booked`);
      if (occ!.bookedSpots + occ!.offeredSpots > occ!.capacity) broken.push("over capacity");
      const served = entries.filter((e) => e.status === "offered" || e.status === "booked").map((e) => e.lineKey);
      const waiting = entries.filter((e) => e.status === "waiting").map((e) => e.lineKey);
      if (served.length && waiting.length && Math.max(...served) > Math.min(...waiting)) broken.push("out of order");
      return broken;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

async function run(url: string, db: Db, tenant: Tenant, owner: User, locationId: string, output: Tail) {
  let t = performance.now();
  const { occurrenceId, people, live } = await fullClassWithLine(db, tenant, owner, locationId);
  say(`a free class of ${CAPACITY}, booked full, ${IN_LINE} in line: ${seconds(performance.now() - t)}`);
  const clientOf = new Map(people.map((p) => [p.id, p]));

  /** When each place was freed by a cancellation (its commit), in order. */
  const freedAt: number[] = [];
  /** When each offer's email was handed to the adapter, in the order the offers were made. */
  const offers: { entryId: string; offeredAt: number; handedAt: number }[] = [];
  const answers: Promise<void>[] = [];
  let accepted = 0;
  let lateAccepts = 0;
  let expired = 0;
  let answerErrors = 0;
  const seen = new Set<string>();

  // A client answers the offer in their email: the link's token, then accept; or never (expired).
  const answer = async (messageId: string, handedAt: number) => {
    const { t: tables } = tenant;
    const [message] = await db
      .select({ body: tables.outboxMessages.body, template: tables.outboxMessages.template })
      .from(tables.outboxMessages)
      .where(eq(tables.outboxMessages.id, messageId));
    if (message?.template !== "waitlist_offer") return;
    const token = decodeURIComponent(message.body.match(/\/offers\/([A-Za-z0-9_-]+)/)?.[1] ?? "");
    const entry = await findOfferByToken(tenant, token);
    offers.push({ entryId: entry.id, offeredAt: entry.offeredAt!.getTime(), handedAt });
    await sleep(200 + Math.random() * 2000);
    if (Math.random() < ANSWERING) {
      try {
        const outcome = await acceptOffer(tenant, await findOfferByToken(tenant, token));
        if (outcome.kind === "booked") live.set(outcome.booking.id, clientOf.get(entry.clientId)!);
        accepted++;
      } catch (error) {
        // Told plainly (the offer ended meanwhile): counted, never a half-written booking.
        if (error instanceof Error && "code" in error) lateAccepts++;
        else throw error;
      }
    } else if ((await expireOffer(tenant, entry.id, entry.offerExpiresAt!)) === "expired") expired++;
  };

  const worker = await spawnWorker(
    url,
    {},
    (id, at) => {
      if (seen.has(id)) return;
      seen.add(id);
      answers.push(
        answer(id, at).catch(() => {
          answerErrors++;
        }),
      );
    },
    output,
  );
  const checks: string[] = [];
  let checking = true;
  let checksRun = 0;
  const checker = (async () => {
    while (checking) {
      checks.push(...(await violations(db, tenant, occurrenceId)));
      checksRun++;
      await sleep(CHECK_EVERY_MS);
    }
  })();
  try {
    await worker.go();
    t = performance.now();
    for (let i = 0; i < CANCELLATIONS; i++) {
      await sleep(Math.max(0, (i * OVER_MS) / CANCELLATIONS - (performance.now() - t)));
      const ids = [...live.keys()];
      const bookingId = ids[Math.floor(Math.random() * ids.length)]!;
      const client = live.get(bookingId)!;
      live.delete(bookingId);
      await cancelBooking(tenant, client, bookingId);
      freedAt.push(now());
    }
    const cancelMs = performance.now() - t;
    // Until every freed place has been offered and every answer given (or SETTLE_MS).
    const settleBy = performance.now() + SETTLE_MS;
    while (performance.now() < settleBy) {
      await sleep(200);
      const [open] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(tenant.t.waitlistEntries)
        .where(
          and(
            eq(tenant.t.waitlistEntries.occurrenceId, occurrenceId),
            inArray(tenant.t.waitlistEntries.status, ["offered"]),
          ),
        );
      const [occ] = await db.select().from(tenant.t.occurrences).where(eq(tenant.t.occurrences.id, occurrenceId));
      if (open?.n === 0 && occ!.bookedSpots === occ!.capacity && answers.length === offers.length) break;
    }
    await Promise.all(answers);
    checking = false;
    await checker;
    const atEnd = await violations(db, tenant, occurrenceId);
    const [occ] = await db.select().from(tenant.t.occurrences).where(eq(tenant.t.occurrences.id, occurrenceId));
    const [counts] = await db
      .select({
        offered: sql<number>`count(*) FILTER (WHERE ${tenant.t.waitlistEntries.offeredAt} IS NOT NULL)::int`,
        booked: sql<number>`count(*) FILTER (WHERE ${tenant.t.waitlistEntries.status} = 'booked')::int`,
        waiting: sql<number>`count(*) FILTER (WHERE ${tenant.t.waitlistEntries.status} = 'waiting')::int`,
      })
      .from(tenant.t.waitlistEntries)
      .where(eq(tenant.t.waitlistEntries.occurrenceId, occurrenceId));

    // The k-th place freed is the k-th offer made (places are handed out in turn under the class's
    // lock); places freed by an expiry are offered in the bench's own call, so only offers made by
    // the worker after a cancellation are timed: those whose offer came after that cancellation.
    offers.sort((a, b) => a.offeredAt - b.offeredAt);
    const latencies: number[] = [];
    let k = 0;
    for (const freed of freedAt) {
      while (k < offers.length && offers[k]!.offeredAt < freed - 5) k++;
      const offer = offers[k++];
      if (offer) latencies.push(offer.handedAt - freed);
    }

    const rows: [string, string][] = [
      ["cancellations (over the minute)", `${CANCELLATIONS} in ${seconds(cancelMs)}`],
      ["offers sent", String(counts!.offered)],
      ["places filled from the line", `${counts!.booked} (accepted ${accepted}, late accepts refused ${lateAccepts})`],
      ["offers expired (clock at deadline)", String(expired)],
      ["still waiting at the end", String(counts!.waiting)],
      ["class at the end", `${occ!.bookedSpots} booked + ${occ!.offeredSpots} offered of ${occ!.capacity}`],
      [
        "freed place -> offer handed to adapter",
        `p50 ${fmt(percentile(latencies, 50), 0)} ms, p95 ${fmt(percentile(latencies, 95), 0)} ms, max ${fmt(Math.max(...latencies), 0)} ms (${latencies.length} timed)`,
      ],
      ["violations during (order, capacity)", `${checks.length} in ${checksRun} checks`],
      ["violations at the end", String(atEnd.length)],
      ["answer errors", String(answerErrors)],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    say();
    for (const [label, value] of rows) say(`  ${label.padEnd(width)}  ${value}`);
    for (const broken of [...new Set([...checks, ...atEnd])]) say(`  ! ${broken}`);
    const ok = checks.length === 0 && atEnd.length === 0 && answerErrors === 0;
    say(`  ${ok ? "PASS" : "FAIL"}`);
    if (!ok) process.exitCode = 1;
  } finally {
    checking = false;
    await checker.catch(() => {});
    await worker.stop().catch(() => worker.kill());
  }
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-waitlist");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  const output = new Tail(60);
  const pgLog = new Tail(40);
  process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
  try {
    say(`wondrous waitlist benchmark: ${os.cpus().length} CPUs, node ${process.version}, load ${loadavg()}`);
    const t = performance.now();
    pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "pg"),
      database: "bench",
      throwaway: true,
      log: (l) => pgLog.push(l),
      warn: say,
    });
    pool = connect(pg.url, { max: 4 });
    await migrateAll(pool.db);
    process.env.DATABASE_URL = pg.url; // the services below use the shared pool
    const studio = await provisionStudio(pool.db, {
      name: "Bench Studio",
      slug: "bench-waitlist",
      owner: { fullName: "Owner", email: "owner@bench.test", passwordHash: "not-used" },
      location: {
        name: "Main room",
        timezone: "Europe/London",
        address: { line1: "1 Bench Street", city: "London", postcode: "N1 1AA", country: "GB" },
      },
    });
    if (!studio.ok) throw new Error(`provisioning: ${studio.reason}`);
    say(`embedded PostgreSQL, migrations and a studio: ${seconds(performance.now() - t)}`);
    await run(pg.url, pool.db, studio.tenant, studio.owner, studio.location.id, output);
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
