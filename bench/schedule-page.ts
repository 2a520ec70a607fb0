// npx tsx bench/schedule-page.ts
//
// The public class schedule on a busy day: one location, 40 classes on one local day, served by
// the real built server. Prints the HTML size (raw and gzipped, Remix data included) against the
// phone budget of 20 KB gzipped, and the request time over 200 requests.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { insertOccurrence } from "../app/models/occurrence.server";
import { insertService } from "../app/models/service.server";
import { insertUser } from "../app/models/user.server";
import { localInstant } from "../app/services/schedule/local-time";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import { connect } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import {
  deadline,
  exited,
  fmt,
  groupAlive,
  httpGet,
  makeTempDir,
  percentile,
  signalGroup,
  startApp,
  Tail,
} from "./lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLASSES = 40;
const REQUESTS = 200;
const WARM_UP = 20;
const GOAL_BYTES = 20 * 1024;
const DATE = "2026-06-03";
const say = (line = "") => process.stdout.write(`${line}\n`);

async function main() {
  const tmp = await makeTempDir("wondrous-bench-schedule");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const serverOutput = new Tail(80);
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });

  try {
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: () => {} });
    pool = connect(pg.url, { max: 2 });
    const { db } = pool;
    await migrateAll(db);
    const studio = await provisionStudio(db, {
      name: "Busy Studio",
      slug: "busy",
      owner: { fullName: "Olive Owner", email: "owner@busy.test", passwordHash: "not-used" },
      location: {
        name: "Main room",
        timezone: "Europe/London",
        address: { line1: "1 Bench Street", city: "London", postcode: "N1 1AA", country: "GB" },
      },
    });
    if (!studio.ok) throw new Error(`provisioning failed: ${studio.reason}`);
    const { tenant, location } = studio;

    // A realistic mix: five class types and six instructors share the day's 40 classes.
    const services = [];
    for (const name of ["Vinyasa Flow", "HIIT Express", "Reformer Pilates", "Spin 45", "Yin Yoga"]) {
      services.push(
        await insertService(db, tenant, {
          name,
          description: `${name} for all levels.`,
          type: "class",
          durationMinutes: 45,
          capacity: 20,
          priceMinor: 1200,
          locationIds: [location.id],
          bookingMode: "self_booking",
        }),
      );
    }
    const instructors = [];
    for (const name of ["Priya Shah", "Tom Baker", "Amara Okafor", "Ben Clarke", "Chloe Martin", "Dev Patel"]) {
      instructors.push(
        await insertUser(db, tenant, {
          email: `${name.split(" ")[0]?.toLowerCase()}@busy.test`,
          fullName: name,
          role: "instructor",
          accessibleLocations: [location.id],
        }),
      );
    }
    // Several rooms: classes every 24 minutes from 06:00, each 45 minutes long.
    for (let i = 0; i < CLASSES; i++) {
      const minutes = 6 * 60 + i * 24;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      const startsAt = localInstant(DATE, time, location.timezone);
      if (!startsAt) throw new Error(`no such time ${time}`);
      await insertOccurrence(db, tenant, {
        serviceId: (services[i % services.length] as (typeof services)[number]).id,
        locationId: location.id,
        instructorId: (instructors[i % instructors.length] as (typeof instructors)[number]).id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        capacity: 20,
      });
    }
    say(`studio "busy": ${CLASSES} classes at ${location.name} on ${DATE}`);

    const port = await freePort();
    server = await startApp({ root, databaseUrl: pg.url, port, output: serverOutput });

    const page = {
      port,
      host: `busy.localhost:${port}`,
      path: `/schedule?locationId=${location.id}&date=${DATE}`,
      agent,
    };
    const first = await httpGet(page);
    const shown = (first.body.match(/class="class-row/g) ?? []).length;
    if (first.status !== 200 || shown !== CLASSES) {
      throw new Error(`expected ${CLASSES} classes with 200, got ${shown} with ${first.status}`);
    }
    for (let i = 0; i < WARM_UP; i++) await httpGet(page);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const response = await httpGet(page);
      times.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`request ${i} answered ${response.status}`);
    }
    const raw = Buffer.byteLength(first.body);
    const gzipped = gzipSync(first.body).length;
    say(
      `schedule page, ${CLASSES} classes: HTML ${raw} bytes, gzipped ${gzipped} bytes (goal ≤ 20 KB${
        gzipped <= GOAL_BYTES ? ", met" : ", MISSED"
      }), server time p50/p95 ${fmt(percentile(times, 50), 1)}/${fmt(percentile(times, 95), 1)} ms`,
    );
  } finally {
    agent.destroy();
    const child = server;
    if (child?.pid) {
      child.kill("SIGTERM");
      if ((await Promise.race([exited(child), deadline(15_000)])) === "timeout") signalGroup(child.pid, "SIGKILL");
    }
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
