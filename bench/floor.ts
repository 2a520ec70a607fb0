// npm run bench:floor
//   BENCH_CLIENTS=50     concurrent keep-alive clients
//   BENCH_SECONDS=5      how long each request is asked for in a loop
//   BENCH_PROFILE=1      profile the web process (node --cpu-prof) and print where each phase's CPU went
//
// The floor every request stands on (issue 21): the web process's CPU per request, from /proc, for
// GET /healthz (Express, Remix and one `select 1`), an authenticated API read (GET /api/clients/me:
// the token's check and the client's own row) and the same kind of read with a new id in its path
// each time, as real traffic has (GET /api/bookings/:id of no booking: a 404), through real HTTP to
// the built app on a fresh embedded PostgreSQL. Prints figures; fails only on an unexpected status.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findActiveUserById } from "../app/models/user.server";
import { issueApiToken } from "../app/services/identity/api.server";
import { createClient } from "../app/services/people/client.server";
import { closeDatabase, connect } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { User } from "../db/schema/tenant";
import { largestProfile, monotonicMicros, summariseProfile } from "./cpu-profile";
import {
  envNumber,
  exited,
  fmt,
  groupAlive,
  httpRequest,
  makeTempDir,
  seconds,
  signalGroup,
  startApp,
  Tail,
  treeCpuSeconds,
} from "./lib";
import { provisionTwoLocations } from "./two-locations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const CLIENTS = Math.floor(envNumber("BENCH_CLIENTS", 50));
const PHASE_MS = envNumber("BENCH_SECONDS", 5) * 1000;
const WARM_MS = 1000;
const PROFILE = process.env.BENCH_PROFILE === "1";
const SLUG = "floor";

const say = (line = "") => process.stdout.write(`${line}\n`);
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

async function main() {
  const tmp = await makeTempDir("wondrous-bench-floor");
  const profileDir = path.join(tmp, "profile");
  let pg: EmbeddedDatabase | undefined;
  let server: ChildProcess | undefined;
  const agents = Array.from({ length: CLIENTS }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const output = new Tail(60);
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });
  let failures = 0;
  const windows: { name: string; from: number; to: number }[] = [];
  try {
    say(`wondrous floor benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${CLIENTS} clients`);
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "floor", log: () => {}, warn: say });
    const pool = connect(pg.url, { max: 2 });
    await migrateAll(pool.db);
    process.env.DATABASE_URL = pg.url; // the app's services below use the shared pool
    const { tenant, owner, locations } = await provisionTwoLocations(pool.db, {
      name: "Floor Studio",
      slug: SLUG,
      zone: "Europe/London",
    });
    const created = await createClient(tenant, owner, {
      fullName: "Flora Floor",
      email: "flora@floor.test",
      phone: null,
      locationId: locations[0].id,
    });
    if (!created.ok) throw new Error(`client: ${created.reason}`);
    const client = (await findActiveUserById(pool.db, tenant, created.clientId)) as User;
    const token = await issueApiToken(tenant, client, "floor");

    const port = await freePort();
    const host = `${SLUG}.localhost:${port}`;
    server = await startApp({
      root,
      databaseUrl: pg.url,
      port,
      output,
      env: { WONDROUS_WORKER: "0", WEB_CONCURRENCY: "1" },
      profileDir: PROFILE ? profileDir : undefined,
    });
    const appPid = server.pid as number;

    type Ask = { path: () => string; headers: Record<string, string>; status: number };
    const loop = async (until: number, ask: Ask) => {
      let answered = 0;
      await Promise.all(
        agents.map(async (agent) => {
          while (performance.now() < until) {
            const asked = ask.path();
            const response = await httpRequest({
              port,
              host,
              path: asked,
              headers: ask.headers,
              agent,
              timeoutMs: 30_000,
            });
            answered += 1;
            if (response.status !== ask.status) {
              failures += 1;
              if (failures === 1) say(`  first failure: ${asked} ${response.status} ${response.body.slice(0, 200)}`);
            }
          }
        }),
      );
      return answered;
    };

    say(`load average before ${loadavg()}; each request asked for in a loop for ${seconds(PHASE_MS)}:`);
    const api = { authorization: `Bearer ${token}`, accept: "application/json" };
    for (const [name, ask] of [
      ["GET /healthz (select 1)", { path: () => "/healthz", headers: {}, status: 200 }],
      ["GET /api/clients/me (token, own row)", { path: () => "/api/clients/me", headers: api, status: 200 }],
      [
        "GET /api/bookings/<new id> (token, 404)",
        { path: () => `/api/bookings/${randomUUID()}`, headers: api, status: 404 },
      ],
    ] as const) {
      await loop(performance.now() + WARM_MS, ask);
      const cpuFrom = treeCpuSeconds(appPid);
      const from = monotonicMicros();
      const started = performance.now();
      const answered = await loop(started + PHASE_MS, ask);
      const cpu = treeCpuSeconds(appPid) - cpuFrom;
      windows.push({ name, from, to: monotonicMicros() });
      const rate = answered / ((performance.now() - started) / 1000);
      say(
        `  ${name.padEnd(40)} ${fmt((cpu * 1000) / Math.max(1, answered), 3)} ms web CPU per request, ${fmt(rate, 0)} req/s`,
      );
    }
    say(`load average after ${loadavg()}`);
    for (const agent of agents) agent.destroy();
    server.kill("SIGTERM");
    await exited(server);
    if (PROFILE) {
      const file = largestProfile(profileDir);
      for (const window of file ? windows : []) {
        say(`\n${window.name} (profile clock ${window.from}..${window.to} µs):`);
        for (const line of summariseProfile(file as string, window, 15)) say(`  ${line}`);
      }
      if (file) {
        const kept = path.join(os.tmpdir(), `wondrous-floor-${Date.now()}.cpuprofile`);
        copyFileSync(file, kept);
        say(`\nthe profile, for a closer look: ${kept}`);
      }
    }
    await pool.client.end({ timeout: 5 });
  } finally {
    await closeDatabase();
    await pg?.stop();
  }
  if (failures) {
    say(`${failures} requests answered other than expected`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
