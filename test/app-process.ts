// `npm start` as a child process with its own embedded PostgreSQL, for tests and benches that
// must kill things: the database under the app, or the app itself.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../db/embedded";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Status of GET `path` on 127.0.0.1 with this Host (Node cannot resolve *.localhost), or "error". */
export function get(port: number, host: string, urlPath: string, timeoutMs = 3_000): Promise<number | "error"> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: "127.0.0.1", port, path: urlPath, headers: { host }, agent: false, timeout: timeoutMs },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve("error"));
  });
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function cwdOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

export type AppProcess = {
  child: ChildProcess;
  port: number;
  dataDir: string;
  /** Every line the app wrote, stdout and stderr. */
  lines: string[];
  /** The exit code or signal name, once the app has exited. */
  exited: Promise<number | string>;
  healthz: () => Promise<number | "error">;
  /** First line of postmaster.pid: the PostgreSQL server the app started. */
  postmasterPid: () => number;
  /** Kills whatever is left of the app and its database, and deletes the data. */
  dispose: () => Promise<void>;
};

/**
 * With `databaseUrl`, the app uses that server as in production; without, its own embedded one.
 * `env` adds settings (WEB_CONCURRENCY).
 */
export async function startAppProcess(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<AppProcess> {
  const home = path.join(os.tmpdir(), `wondrous-app-${process.pid}-${Date.now().toString(36)}`);
  // As root, PostgreSQL runs as the postgres user, which must be able to enter this folder.
  await mkdir(home, { recursive: true });
  await chmod(home, 0o755);
  const dataDir = path.join(home, "pg");
  const pidFile = path.join(dataDir, "postmaster.pid");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    WONDROUS_DATA_DIR: dataDir,
    WONDROUS_PG_PORT: String(await freePort()),
    WONDROUS_SEED: "0",
    SESSION_SECRET: "app-process-session-secret-0123456789",
    APP_DOMAIN: "localhost",
    // APP_LOG_LEVEL=debug adds postgres's own log, to see why a restart was slow.
    LOG_LEVEL: process.env.APP_LOG_LEVEL ?? "info",
    ...options.env,
  };
  // Not the test run's database: the given one, or none so that the app starts its own.
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  // Its own process group, so that dispose() reaches the postgres it spawned too.
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );

  const app: AppProcess = {
    child,
    port,
    dataDir,
    lines,
    exited,
    healthz: () => get(port, `localhost:${port}`, "/healthz"),
    postmasterPid: () => Number(readFileSync(pidFile, "utf8").split("\n")[0]),
    dispose: async () => {
      signal(-(child.pid as number), "SIGKILL");
      // A postgres still serving the folder gets an immediate shutdown, which ends its backends.
      const pid = existsSync(pidFile) ? app.postmasterPid() : 0;
      if (pid > 0 && cwdOf(pid) === dataDir) signal(pid, "SIGQUIT");
      await rm(home, { recursive: true, force: true });
    },
  };

  const started = Date.now();
  while ((await app.healthz()) !== 200) {
    if (child.exitCode !== null || Date.now() - started > 90_000) {
      await app.dispose();
      throw new Error(`the app did not become healthy:\n${lines.slice(-30).join("\n")}`);
    }
    await sleep(100);
  }
  return app;
}
