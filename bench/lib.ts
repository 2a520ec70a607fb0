// Small helpers shared by the benchmark scripts in bench/ (they print figures; they are not tests).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with "timeout" after `ms`, without keeping the process alive once the race is decided. */
export const deadline = (ms: number) =>
  new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

/**
 * A new folder under the OS temp dir that the `postgres` OS user can traverse (0755): as root,
 * embedded PostgreSQL runs as that user, and mkdtemp's 0700 would lock it out.
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = path.join(os.tmpdir(), `${prefix}-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(dir, { mode: 0o755 });
  await chmod(dir, 0o755); // mkdir's mode is filtered by the umask
  return dir;
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
/** A positive number from the environment (a bench's knob), or the default. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const fmt = (n: number, digits = 2) => n.toFixed(digits);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export type HttpResult = { status: number; body: string };

/**
 * A request through node:http to 127.0.0.1 with an explicit Host header: fetch drops Host, and
 * Node cannot resolve *.localhost (STACK.md gotcha 14).
 */
export function httpRequest(options: {
  port: number;
  host: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: http.Agent | false;
  timeoutMs?: number;
}): Promise<HttpResult> {
  const method = options.method ?? "GET";
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: options.port,
        method,
        path: options.path ?? "/",
        headers: {
          ...options.headers,
          host: options.host,
          ...(options.body === undefined ? {} : { "content-length": String(Buffer.byteLength(options.body)) }),
        },
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${method} ${options.path ?? "/"} timed out`)));
    request.on("error", reject);
    request.end(options.body);
  });
}

export function httpGet(options: {
  port: number;
  host: string;
  path?: string;
  agent?: http.Agent | false;
  timeoutMs?: number;
}): Promise<HttpResult> {
  return httpRequest(options);
}

/** True while any process of the group led by `pid` is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves with the exit code (or signal) once the child has exited; at once if it already has. */
export function exited(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(String(child.exitCode ?? child.signalCode));
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(String(code ?? signal))));
}

/** Pids of processes whose command line contains `pattern` (pgrep -f; the pattern is a regex). */
export function pgrep(pattern: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number)
      .filter((pid) => pid !== process.pid);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Keeps the last `size` lines written by a child, for printing when something goes wrong. */
export class Tail {
  readonly lines: string[] = [];
  constructor(private readonly size = 60) {}
  push(text: string) {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > this.size) this.lines.shift();
    }
  }
  toString() {
    return this.lines.map((line) => `    | ${line}`).join("\n");
  }
}

/**
 * The real built app (built first if build/ is missing) against `databaseUrl`, in its own
 * process group so a fallback kill reaches anything it started; resolves once /healthz
 * answers 200. Its output goes to `output`.
 */
export async function startApp(options: {
  root: string;
  databaseUrl: string;
  port: number;
  output: Tail;
  /** More environment for the server (e.g. WONDROUS_WORKER=0, as the web process runs on Fly). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server into this folder when it exits (node --cpu-prof). */
  profileDir?: string;
}) {
  const { root, databaseUrl, port, output } = options;
  if (!existsSync(path.join(root, "build/index.js"))) {
    process.stdout.write("build/index.js missing: running remix build\n");
    const built = spawnSync(path.join(root, "node_modules/.bin/remix"), ["build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("remix build failed");
  }
  // As `npm start` runs it: one node process with tsx's loader.
  const profile = options.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`, "--cpu-prof-interval=250"]
    : [];
  const server = spawn(process.execPath, [...profile, "--import", "tsx", "server/start.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      WONDROUS_SEED: "0",
      NODE_ENV: "production",
      SESSION_SECRET: "bench-session-secret-0123456789-abcdefghij",
      APP_DOMAIN: "localhost",
      LOG_LEVEL: "warn",
      // The benches measure the server at full pace, not the API's per-caller limit.
      API_RATE_BURST: "1000000000",
      API_RATE_PER_SECOND: "1000000",
      ...options.env,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  server.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const started = performance.now();
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited (${server.exitCode ?? server.signalCode}) before /healthz answered:\n${output}`);
    }
    const health = await httpGet({ port, host: `localhost:${port}`, path: "/healthz", timeoutMs: 2000 }).catch(
      () => undefined,
    );
    if (health?.status === 200) return server;
    if (performance.now() - started > 120_000) throw new Error("server not healthy after 120 s");
    await sleep(100);
  }
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export type TreeProcess = { pid: number; name: string; residentMb: number; cpuSeconds: number };

/** `pid` and every process below it: name, resident memory (VmRSS) and CPU used so far (utime + stime). */
export function treeProcesses(rootPid: number): TreeProcess[] {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited while we looked
    }
  }
  const inTree = (pid: number) => {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  const tree: TreeProcess[] = [];
  for (const [pid, t] of ticks) {
    if (!inTree(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
      tree.push({ pid, name, residentMb: kb / 1024, cpuSeconds: t / ticksPerSecond });
    } catch {
      // exited while we looked
    }
  }
  return tree;
}

/**
 * CPU (in seconds) the children of `pid` used before they exited and were reaped: cutime +
 * cstime, from /proc. With treeCpuSeconds, it counts short-lived children too (a backend per
 * pgbench connection, gone by the time the run ends).
 */
export function reapedChildrenCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/** utime + stime (in seconds) of `pid` and every process below it, from /proc. */
export function treeCpuSeconds(rootPid: number): number {
  return treeProcesses(rootPid).reduce((total, process) => total + process.cpuSeconds, 0);
}
