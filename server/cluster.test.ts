import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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

type Line = { msg?: string; pid?: number; path?: string; status?: number };
const logLines = (app: AppProcess): Line[] =>
  app.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Line];
    } catch {
      return [];
    }
  });

/** The pid of every web process that has logged `msg`, in order, once there are `count`. */
async function pidsLogging(app: AppProcess, msg: string, count: number, ms: number): Promise<number[]> {
  const started = Date.now();
  for (;;) {
    const pids = logLines(app)
      .filter((line) => line.msg === msg)
      .map((line) => line.pid as number);
    if (pids.length >= count || Date.now() - started > ms) return pids;
    await sleep(100);
  }
}

/** A request whose headers are still arriving when the server is told to stop. */
function slowRequest(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let answer = "";
  socket.on("data", (chunk) => {
    answer += chunk.toString("utf8");
  });
  const closed = new Promise<string>((resolve) => {
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
  });
  return {
    opened: new Promise<void>((resolve) => socket.once("connect", () => resolve())),
    started: () => socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${port}\r\n`),
    finish: () => socket.write("Connection: close\r\n\r\n"),
    closed,
  };
}

describe("npm start with WEB_CONCURRENCY=2", { timeout: 90_000 }, () => {
  let app: AppProcess | undefined;
  afterEach(async () => {
    await app?.dispose();
    app = undefined;
  });

  it("serves from two web processes, replaces one that dies, and drains both on SIGTERM", async () => {
    app = await startAppProcess({ env: { WEB_CONCURRENCY: "2" } });
    const port = app.port;
    const webPids = await pidsLogging(app, "web process listening", 2, 5_000);
    expect(new Set(webPids).size).toBe(2);
    expect(webPids).not.toContain(app.child.pid);

    // Each request on a new connection: the primary hands connections out in turn.
    for (let i = 0; i < 6; i += 1) expect(await get(port, `nosuch.localhost:${port}`, "/")).toBe(404);
    const answeredBy = new Set(
      logLines(app)
        .filter((line) => line.msg === "request" && line.status === 404)
        .map((line) => line.pid),
    );
    expect(answeredBy).toEqual(new Set(webPids));

    // One dies as the OOM killer would end it: the other keeps serving, and it is replaced.
    const [victim, survivor] = webPids as [number, number];
    process.kill(victim, "SIGKILL");
    const exits = await pidsLogging(app, "web process exited; replacing it", 1, 5_000);
    expect(exits).toEqual([victim]);
    expect(await get(port, `localhost:${port}`, "/healthz")).toBe(200);
    const [replacement] = await pidsLogging(app, "web process replaced", 1, 20_000);
    expect(replacement).toBeDefined();
    expect([victim, survivor]).not.toContain(replacement);

    // A request under way when SIGTERM comes is answered (the database is still up: 200, not
    // 503), and then the server exits 0.
    const request = slowRequest(port);
    await request.opened;
    request.started();
    await sleep(200);
    app.child.kill("SIGTERM");
    await sleep(500);
    request.finish();
    expect(await within(5_000, request.closed)).toMatch(/^HTTP\/1\.1 200 /);
    expect(await within(KILL_TIMEOUT_MS, app.exited)).toBe(0);
    expect(logLines(app).some((line) => line.msg === "stopped")).toBe(true);
  });
});
