// npx tsx bench/schedule-page.ts
//   BENCH_READERS=50   concurrent readers (each on its own keep-alive connection)
//   BENCH_SECONDS=5    length of each page's measured phase
//   BENCH_PROFILE=1    profile the server (node --cpu-prof) and print where each page's CPU went:
//                      the top ten self-time entries, and by package
//
// The public class schedule on a busy day: one location, 40 classes on one local day a week
// ahead, served by the real built server. Prints the HTML size (raw and gzipped, Remix data
// included) against the phone budget of 20 KB gzipped; then, for that day's /schedule and for
// the public page of one of its classes, N readers ask again as soon as answered: requests/s,
// p50/p95, and the server's CPU per request (from /proc, so other load on the machine hardly
// moves it, unlike the latencies).
import type { ChildProcess } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { insertOccurrence } from "../app/models/occurrence.server";
import { insertService } from "../app/models/service.server";
import { insertUser } from "../app/models/user.server";
import { addDays, localInstant, todayIn } from "../app/services/schedule/local-time";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import { connect } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import { largestProfile, monotonicMicros, summariseProfile } from "./cpu-profile";
import {
  deadline,
  envNumber,
  exited,
  fmt,
  groupAlive,
  httpGet,
  makeTempDir,
  percentile,
  signalGroup,
  startApp,
  Tail,
  treeCpuSeconds,
} from "./lib";

const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const CLASSES = 40;
const READERS = Math.floor(envNumber("BENCH_READERS", 50));
const PHASE_MS = envNumber("BENCH_SECONDS", 5) * 1000;
const WARM_UP_MS = 2000;
const PROFILE = process.env.BENCH_PROFILE === "1";
const GOAL_BYTES = 20 * 1024;
const ZONE = "Europe/London";
const say = (line = "") => process.stdout.write(`${line}\n`);

type Page = { label: string; path: string };
type Phase = { requests: number; seconds: number; times: number[]; cpuSeconds: number; window: ProfileWindow };
type ProfileWindow = { from: number; to: number };

/**
 * READERS readers, each on its own keep-alive connection, ask for `page` again as soon as
 * answered until `ms` is up. The server's CPU (its whole process tree, from /proc) is read
 * around the phase; anything but a 200 stops the bench.
 */
async function readConcurrently(target: { port: number; host: string; server: number }, page: Page, ms: number) {
  const agents = Array.from({ length: READERS }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const times: number[] = [];
  const cpuBefore = treeCpuSeconds(target.server);
  const from = monotonicMicros();
  const started = performance.now();
  const stopAt = started + ms;
  try {
    await Promise.all(
      agents.map(async (agent) => {
        while (performance.now() < stopAt) {
          const t = performance.now();
          const response = await httpGet({ port: target.port, host: target.host, path: page.path, agent });
          times.push(performance.now() - t);
          if (response.status !== 200) throw new Error(`${page.label} answered ${response.status}`);
        }
      }),
    );
  } finally {
    for (const agent of agents) agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const phase: Phase = {
    requests: times.length,
    seconds,
    times,
    cpuSeconds: treeCpuSeconds(target.server) - cpuBefore,
    window: { from, to: monotonicMicros() },
  };
  return phase;
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-schedule");
  const profileDir = path.join(tmp, "profile");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const serverOutput = new Tail(80);
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });
  const stopServer = async () => {
    const child = server;
    server = undefined;
    agent.destroy();
    if (child?.pid) {
      child.kill("SIGTERM");
      if ((await Promise.race([exited(child), deadline(15_000)])) === "timeout") signalGroup(child.pid, "SIGKILL");
    }
  };

  try {
    say(
      `wondrous schedule pages benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${READERS} readers, ` +
        `load average at start ${loadavg()}`,
    );
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
        timezone: ZONE,
        address: { line1: "1 Bench Street", city: "London", postcode: "N1 1AA", country: "GB" },
      },
    });
    if (!studio.ok) throw new Error(`provisioning failed: ${studio.reason}`);
    const { tenant, location } = studio;
    // A week ahead: every class still open, as a client looking for one sees the day.
    const date = addDays(todayIn(location.timezone), 7);

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
    const classIds: string[] = [];
    for (let i = 0; i < CLASSES; i++) {
      const minutes = 6 * 60 + i * 24;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      const startsAt = localInstant(date, time, location.timezone);
      if (!startsAt) throw new Error(`no such time ${time}`);
      const occurrence = await insertOccurrence(db, tenant, {
        serviceId: (services[i % services.length] as (typeof services)[number]).id,
        locationId: location.id,
        instructorId: (instructors[i % instructors.length] as (typeof instructors)[number]).id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        capacity: 20,
      });
      if (!occurrence) throw new Error(`the class at ${time} was not inserted`);
      classIds.push(occurrence.id);
    }
    say(`studio "busy": ${CLASSES} classes at ${location.name} on ${date}`);

    const port = await freePort();
    server = await startApp({
      root,
      databaseUrl: pg.url,
      port,
      output: serverOutput,
      profileDir: PROFILE ? profileDir : undefined,
    });
    const target = { port, host: `busy.localhost:${port}`, server: server.pid as number };

    const schedule: Page = { label: "/schedule", path: `/schedule?locationId=${location.id}&date=${date}` };
    const first = await httpGet({ ...target, path: schedule.path, agent });
    const shown = (first.body.match(/class="class-row/g) ?? []).length;
    if (first.status !== 200 || shown !== CLASSES) {
      throw new Error(`expected ${CLASSES} classes with 200, got ${shown} with ${first.status}`);
    }
    const raw = Buffer.byteLength(first.body);
    const gzipped = gzipSync(first.body).length;
    say(
      `schedule page, ${CLASSES} classes: HTML ${raw} bytes, gzipped ${gzipped} bytes (goal ≤ 20 KB${
        gzipped <= GOAL_BYTES ? ", met" : ", MISSED"
      })`,
    );
    // The middle of the day's classes: the page a reader opens from the schedule.
    const classPage: Page = { label: "/schedule/:occurrenceId", path: `/schedule/${classIds[CLASSES / 2]}` };
    const detail = await httpGet({ ...target, path: classPage.path, agent });
    if (detail.status !== 200 || !detail.body.includes("<h1>")) {
      throw new Error(`the class page answered ${detail.status}`);
    }
    say(`class page: HTML ${Buffer.byteLength(detail.body)} bytes, gzipped ${gzipSync(detail.body).length} bytes`);

    const measured: [Page, Phase][] = [];
    for (const page of [schedule, classPage]) {
      await readConcurrently(target, page, WARM_UP_MS);
      const phase = await readConcurrently(target, page, PHASE_MS);
      measured.push([page, phase]);
      say(
        `${page.label.padEnd(24)} ${READERS} readers for ${fmt(phase.seconds, 1)} s: ${phase.requests} requests, ` +
          `${fmt(phase.requests / phase.seconds, 1)} requests/s, p50/p95 ${fmt(percentile(phase.times, 50), 1)}/` +
          `${fmt(percentile(phase.times, 95), 1)} ms, server CPU per request ` +
          `${fmt((phase.cpuSeconds * 1000) / phase.requests, 2)} ms`,
      );
    }

    await stopServer();
    if (PROFILE) {
      const file = largestProfile(profileDir);
      for (const [page, phase] of measured) {
        say(`\n== CPU profile of the server, ${page.label} (${file ?? "no profile written"})`);
        if (file) for (const line of summariseProfile(file, phase.window)) say(`  ${line}`);
      }
      if (file) {
        const kept = path.join(os.tmpdir(), `wondrous-schedule-${Date.now()}.cpuprofile`);
        copyFileSync(file, kept);
        say(`\nthe profile, for a closer look (e.g. in Chrome's DevTools): ${kept}`);
      }
    }
    say(`load average at end: ${loadavg()}`);
  } catch (error) {
    process.exitCode = 1;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (serverOutput.lines.length) say(`server output:\n${serverOutput}`);
  } finally {
    await stopServer().catch(() => {});
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
