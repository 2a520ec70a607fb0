// npm run bench:start [-- --no-install]
//
// A newcomer's first run: clone the repository, npm ci, `npm start` with no DATABASE_URL (so it
// initialises embedded PostgreSQL, migrates, seeds the demo studio, builds and serves), and the
// time until the demo studio's home page is served. Then a warm restart on the same clone.
// It clones the committed HEAD: uncommitted changes in this working tree are not measured.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  deadline,
  escapeRegExp,
  exited,
  fmt,
  groupAlive,
  httpGet,
  makeTempDir,
  pgrep,
  signalGroup,
  sleep,
  Tail,
} from "./lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NO_INSTALL = process.argv.includes("--no-install");
const GOAL_MS = 20_000;
const FIRST_PAGE_DEADLINE_MS = 180_000;
const DEMO_NAME = "Wondrous Demo Studio";

const say = (line = "") => process.stdout.write(`${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The environment of someone who just cloned: no DATABASE_URL, no app settings, no npm run context. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  const appVars =
    /^(DATABASE_URL|NODE_ENV|PORT|SESSION_SECRET|LOG_LEVEL|APP_DOMAIN|APP_PROTOCOL|APP_PUBLIC_PORT|WONDROUS_.*)$/;
  for (const [key, value] of Object.entries(process.env)) {
    if (appVars.test(key) || /^npm_/i.test(key) || key === "INIT_CWD") continue;
    env[key] = value;
  }
  // Remix's globals declare NODE_ENV as always present; a fresh shell has none, so leave it unset.
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

/** As root, postgres runs as the `postgres` user and must traverse every parent of its data dir. */
function traversable(dir: string): boolean {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
  }
  return true;
}

type Line = { at: number; text: string };

type Run = { child: ChildProcess; lines: Line[]; tail: Tail; started: number };

function startApp(cwd: string, env: NodeJS.ProcessEnv): Run {
  const started = performance.now();
  // Own process group: SIGTERM reaches npm, sh, tsx, node and the postgres it spawned, as Ctrl-C would.
  const child = spawn("npm", ["start"], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const run: Run = { child, lines: [], tail: new Tail(80), started };
  const collect = (chunk: Buffer) => {
    const at = performance.now() - started;
    const text = chunk.toString("utf8");
    run.tail.push(text);
    for (const line of text.split("\n")) if (line.trim()) run.lines.push({ at, text: line.trim() });
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return run;
}

/** Polls GET / on demo.localhost every 100 ms until the demo studio's page comes back 200. */
async function firstPage(run: Run, port: number): Promise<number> {
  let last = "no answer yet";
  for (;;) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`npm start exited (${run.child.exitCode ?? run.child.signalCode}) before serving a page`);
    }
    const page = await httpGet({ port, host: `demo.localhost:${port}`, agent: false, timeoutMs: 10_000 }).catch(
      (error: unknown) => {
        last = error instanceof Error ? error.message : String(error);
        return undefined;
      },
    );
    if (page?.status === 200 && page.body.includes(DEMO_NAME)) return performance.now() - run.started;
    if (page) last = `HTTP ${page.status}${page.status === 200 ? ` without "${DEMO_NAME}"` : ""}`;
    if (performance.now() - run.started > FIRST_PAGE_DEADLINE_MS) {
      throw new Error(`no page after ${secs(FIRST_PAGE_DEADLINE_MS)} (last: ${last})`);
    }
    await sleep(100);
  }
}

/** What the server logged on the way up, with the time each line arrived. */
function timeline(run: Run, until: number) {
  let listening = false;
  let banner = 0;
  for (const { at, text } of run.lines) {
    if (at > until) break;
    if (listening) {
      banner += 1; // the "Wondrous is running" banner printed once listening
      continue;
    }
    let shown = text;
    try {
      const entry = JSON.parse(text) as Record<string, unknown>;
      const { time: _time, level, msg, ...rest } = entry;
      if (msg === "request") continue;
      listening = msg === "listening";
      shown = `${String(msg)}${level !== "info" ? ` [${String(level)}]` : ""} ${JSON.stringify(rest)}`;
    } catch {
      // not a JSON log line (npm's banner, remix build output)
    }
    say(`    +${fmt(at / 1000, 2).padStart(6)} s  ${shown.length > 150 ? `${shown.slice(0, 147)}...` : shown}`);
  }
  if (banner) say(`    (then ${banner} lines of the startup banner)`);
}

function postgresPids(dataDir: string) {
  return pgrep(`postgres -D ${escapeRegExp(dataDir)}( |$)`);
}

/** SIGTERM to the whole group, then wait until every process of it, postgres included, is gone. */
async function stopApp(run: Run, dataDir: string): Promise<boolean> {
  const pid = run.child.pid;
  if (!pid) return true;
  const started = performance.now();
  signalGroup(pid, "SIGTERM");
  const code = await Promise.race([exited(run.child), deadline(20_000)]);
  while (groupAlive(pid) && performance.now() - started < 20_000) await sleep(50);
  const groupLeft = groupAlive(pid);
  let leftover = postgresPids(dataDir);
  for (let i = 0; i < 50 && leftover.length; i += 1) {
    await sleep(100);
    leftover = postgresPids(dataDir);
  }
  say(
    `  stop: SIGTERM to the process group -> npm exit ${code}, all gone after ${secs(performance.now() - started)}; ` +
      `leftover "postgres -D ${dataDir}": ${leftover.length ? `YES (pids ${leftover.join(", ")})` : "none"}` +
      (groupLeft ? "; some processes of the group were still alive after 20 s" : ""),
  );
  if (groupLeft) signalGroup(pid, "SIGKILL");
  if (leftover.length) killLeftoverPostgres(dataDir);
  return leftover.length === 0 && !groupLeft;
}

function killLeftoverPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  // Only a postgres serving this very data dir: a stale pid file may name a reused pid.
  if (!postgresPids(dataDir).includes(pid)) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    // gone meanwhile
  }
}

async function main() {
  const head = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["-C", root, "status", "--porcelain"], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean).length;
  const tmp = await makeTempDir("wondrous-bench-start");
  const app = path.join(tmp, "app");
  const dataDir = path.join(tmp, "pgdata");
  let current: Run | undefined;
  let ok = true;

  const emergencyStop = () => {
    const pid = current?.child.pid;
    if (pid && groupAlive(pid)) signalGroup(pid, "SIGKILL");
    killLeftoverPostgres(dataDir);
  };
  process.once("SIGINT", () => {
    say("\ninterrupted: stopping the app and removing the temp dir");
    emergencyStop();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });

  try {
    say(`wondrous cold-start benchmark: ${os.cpus().length} CPUs, node ${process.version}, temp dir ${tmp}`);
    say(
      `NOTE: measures the committed HEAD (${head}) cloned from ${root}` +
        (dirty ? `; ${dirty} uncommitted path(s) in the working tree are NOT included` : ""),
    );
    say(
      NO_INSTALL
        ? `mode: --no-install (npm ci skipped; node_modules symlinked from ${root})`
        : "mode: full (npm ci in the fresh clone)",
    );
    say(
      `load average at start: ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
    );
    if (!traversable(dataDir)) throw new Error(`${dataDir} is not reachable by the postgres user`);

    let t = performance.now();
    execFileSync("git", ["clone", "-q", root, app], { stdio: "inherit" });
    say(`git clone: ${secs(performance.now() - t)}`);

    if (NO_INSTALL) {
      await symlink(path.join(root, "node_modules"), path.join(app, "node_modules"), "dir");
    } else {
      t = performance.now();
      const install = new Tail(40);
      const npmCi = spawn("npm", ["ci"], { cwd: app, env: cleanEnv({}), stdio: ["ignore", "pipe", "pipe"] });
      npmCi.stdout?.on("data", (chunk: Buffer) => install.push(chunk.toString("utf8")));
      npmCi.stderr?.on("data", (chunk: Buffer) => install.push(chunk.toString("utf8")));
      const code = await exited(npmCi);
      if (code !== "0") throw new Error(`npm ci failed (${code}):\n${install}`);
      const added = install.lines.find((line) => /added \d+ packages/.test(line));
      say(`npm ci: ${secs(performance.now() - t)} (not part of the start figure)${added ? `: ${added.trim()}` : ""}`);
    }
    say(`build/ present in the clone before start: ${existsSync(path.join(app, "build/index.js")) ? "yes" : "no"}`);

    // --- cold: no data dir, no build ---------------------------------------------------------------
    let port = await freePort();
    const env = (p: number) => cleanEnv({ PORT: String(p), WONDROUS_DATA_DIR: dataDir });
    current = startApp(app, env(port));
    const coldMs = await firstPage(current, port);
    const coldPass = coldMs < GOAL_MS;
    ok &&= coldPass;
    say(`cold npm start to first page: ${secs(coldMs)} (goal < 20 s) ${coldPass ? "PASS" : "FAIL"}`);
    say("  timeline (arrival of each line of output after spawning `npm start`):");
    timeline(current, coldMs);
    ok = (await stopApp(current, dataDir)) && ok;
    current = undefined;

    // --- warm: same clone, data dir and build present --------------------------------------------
    port = await freePort();
    current = startApp(app, env(port));
    const warmMs = await firstPage(current, port);
    say(`warm npm start (data + build present) to first page: ${secs(warmMs)}`);
    say("  timeline:");
    timeline(current, warmMs);
    ok = (await stopApp(current, dataDir)) && ok;
    current = undefined;
    say(
      `load average at end: ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
    );
  } catch (error) {
    ok = false;
    say(`\nBENCHMARK FAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (current) say(`npm start output (last lines):\n${current.tail}`);
    if (current) await stopApp(current, dataDir).catch(() => false);
  } finally {
    emergencyStop();
    await rm(tmp, { recursive: true, force: true });
    say(`cleaned up ${tmp}`);
  }
  if (!ok) process.exitCode = 1;
}

await main();
