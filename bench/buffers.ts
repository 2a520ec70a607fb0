// npm run bench:buffers
//   BENCH_ROUNDS=6        rounds (each on its own day)
//   BENCH_INSTRUCTORS=10  instructors raced for in every round
//
// Buffers and journeys under concurrency (issue 12, item 4), through the booking services on a
// fresh embedded PostgreSQL. The studio has a 15-minute buffer, 30-minute sessions and two
// locations 45 minutes apart. Every round fires, all at once, two racing pairs per instructor,
// each booking fine on its own when planned: 10:00 and 10:30 at one location (back to back,
// inside the buffer), and 13:00 at one location with 14:00 at the other (the buffer kept, the
// journey not). Prints what was attempted, booked and refused, pairs where both or neither got
// through, and the buffer and travel violations found in the database afterwards. Exits 1 when
// a violation exists or a pair did not end with exactly one booking.

import { rm } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { insertAvailabilityBlock, upsertTravelTime } from "../app/models/availability.server";
import { countGapViolations } from "../app/models/commitment.server";
import { insertService } from "../app/models/service.server";
import { insertUser } from "../app/models/user.server";
import { bookSession } from "../app/services/booking/engine.server";
import { grantCredits } from "../app/services/credits/ledger.server";
import { closeDatabase, connect, database } from "../db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { User } from "../db/schema/tenant";
import { makeTempDir, seconds } from "./lib";
import { provisionTwoLocations } from "./two-locations";

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const ROUNDS = envNumber("BENCH_ROUNDS", 6);
const INSTRUCTORS = envNumber("BENCH_INSTRUCTORS", 10);
const ZONE = "Europe/London";
const BUFFER_MINUTES = 15;
const TRAVEL_MINUTES = 45;
const SESSION_MINUTES = 30;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const tmp = await makeTempDir("wondrous-bench-buffers");
  let pg: EmbeddedDatabase | undefined;
  let failed = false;
  try {
    let t = performance.now();
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: () => {}, warn: say });
    const pool = connect(pg.url, { max: 1 });
    await migrateAll(pool.db);
    await pool.client.end({ timeout: 5 });
    process.env.DATABASE_URL = pg.url; // the services below use the shared pool
    const db = database();
    say(`embedded PostgreSQL and migrations: ${seconds(performance.now() - t)}`);

    t = performance.now();
    const { tenant, owner, locations } = await provisionTwoLocations(db, {
      name: "Buffer Bench",
      slug: "buffers",
      zone: ZONE,
    });
    const [camden, shoreditch] = locations.map((l) => l.id) as [string, string];
    await db.update(tenant.t.studioSettings).set({ sessionBufferMinutes: BUFFER_MINUTES });
    await upsertTravelTime(db, tenant, camden, shoreditch, TRAVEL_MINUTES);
    await upsertTravelTime(db, tenant, shoreditch, camden, TRAVEL_MINUTES);
    const service = await insertService(db, tenant, {
      name: "PT 30",
      type: "session",
      durationMinutes: SESSION_MINUTES,
      locationIds: [camden, shoreditch],
    });
    const instructors: User[] = [];
    for (let n = 1; n <= INSTRUCTORS; n += 1) {
      const instructor = await insertUser(db, tenant, {
        email: `coach${n}@buffers.test`,
        fullName: `Coach ${n}`,
        role: "instructor",
        accessibleLocations: [camden, shoreditch],
        primaryLocationId: camden,
      });
      for (let weekday = 1; weekday <= 7; weekday += 1)
        for (const locationId of [camden, shoreditch])
          await insertAvailabilityBlock(db, tenant, {
            instructorId: instructor.id,
            locationId,
            weekday,
            startTime: "09:00",
            endTime: "17:00",
            allowsSelfBooking: true,
          });
      instructors.push(instructor);
    }
    // One client per racing booking of a round, reused every round (on another day).
    const clients: User[] = [];
    for (let n = 1; n <= INSTRUCTORS * 4; n += 1) {
      const client = await insertUser(db, tenant, {
        email: `client${n}@buffers.test`,
        fullName: `Client ${n}`,
        role: "client",
        accessibleLocations: [camden],
        primaryLocationId: camden,
      });
      await grantCredits(tenant, owner, { clientId: client.id, credits: ROUNDS, validDays: 90, reason: "Bench" });
      clients.push(client);
    }
    say(
      `studio: ${BUFFER_MINUTES}-minute buffer, ${SESSION_MINUTES}-minute sessions, two locations ${TRAVEL_MINUTES} ` +
        `minutes apart, ${INSTRUCTORS} instructors, ${clients.length} clients: ${seconds(performance.now() - t)}`,
    );

    const tally = { attempted: 0, booked: 0, refused: 0, bothWon: 0, noneWon: 0 };
    const codes = new Map<string, number>();
    t = performance.now();
    const firstDay = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 2 });
    for (let round = 0; round < ROUNDS; round += 1) {
      const day = firstDay.plus({ days: round }).toISODate() as string;
      const at = (time: string) => DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toJSDate();
      const pairs = instructors.flatMap((instructor) => [
        [
          { instructor, locationId: camden, startsAt: at("10:00") },
          { instructor, locationId: camden, startsAt: at("10:30") },
        ],
        [
          { instructor, locationId: camden, startsAt: at("13:00") },
          { instructor, locationId: shoreditch, startsAt: at("14:00") },
        ],
      ]);
      const outcomes = await Promise.all(
        pairs.map((pair, p) =>
          Promise.all(
            pair.map((want, w) =>
              bookSession(tenant, clients[p * 2 + w] as User, {
                serviceId: service.id,
                locationId: want.locationId,
                startsAt: want.startsAt,
                instructorId: want.instructor.id,
              }).then(
                () => "booked",
                (error: { code?: string }) => error?.code ?? String(error),
              ),
            ),
          ),
        ),
      );
      for (const pair of outcomes) {
        const won = pair.filter((o) => o === "booked").length;
        tally.attempted += pair.length;
        tally.booked += won;
        tally.refused += pair.length - won;
        if (won === 2) tally.bothWon += 1;
        if (won === 0) tally.noneWon += 1;
        for (const code of pair.filter((o) => o !== "booked")) codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    const elapsed = performance.now() - t;
    const violations = await countGapViolations(db, tenant);
    const [{ live }] = (await db.execute(
      sql`SELECT count(*)::int AS live FROM ${tenant.t.bookings} WHERE status <> 'cancelled'`,
    )) as unknown as [{ live: number }];

    say(`\n== ${ROUNDS} rounds × ${INSTRUCTORS} instructors × 2 racing pairs, in ${seconds(elapsed)}`);
    say(`bookings attempted:  ${tally.attempted}`);
    say(`booked:              ${tally.booked} (live in the database: ${live})`);
    say(
      `refused:             ${tally.refused} (${[...codes].map(([code, n]) => `${code} ${n}`).join(", ") || "none"})`,
    );
    say(`pairs both booked:   ${tally.bothWon}; pairs neither booked: ${tally.noneWon}`);
    say(`buffer violations:   ${violations.buffer}`);
    say(`travel violations:   ${violations.travel}`);
    const unexpected = [...codes.keys()].filter((code) => code !== "SLOT_TAKEN" && code !== "SLOT_UNAVAILABLE");
    failed =
      violations.buffer > 0 ||
      violations.travel > 0 ||
      tally.bothWon > 0 ||
      tally.noneWon > 0 ||
      live !== tally.booked ||
      unexpected.length > 0;
    say(failed ? "\nWRONG: see the figures above" : "\nok: one booking of every racing pair, no violations");
  } catch (error) {
    failed = true;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await closeDatabase().catch(() => {});
    await pg?.stop().catch((error: unknown) => say(`  ! stopping PostgreSQL: ${String(error)}`));
    await rm(tmp, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
