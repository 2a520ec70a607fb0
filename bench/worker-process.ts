import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { WorkerOptions } from "../jobs/boss";
import type { Tail } from "./lib";
import type { WorkerCommand, WorkerReport } from "./messages-worker";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A real job worker in its own process (bench/messages-worker.ts), driven over IPC: `go` starts
 * it, `stop` stops it gracefully; `onHanded` hears each message id handed to the (fake)
 * provider adapter, with when. Its output is kept in `output` for a failure's report.
 */
export async function spawnWorker(
  url: string,
  options: WorkerOptions,
  onHanded: (id: string, at: number) => void,
  output: Tail,
) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/messages-worker.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, DATABASE_URL: url, BENCH_WORKER_OPTIONS: JSON.stringify(options), LOG_LEVEL: "warn" },
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const waiters = new Map<WorkerReport["type"], () => void>();
  child.on("message", (report: WorkerReport) => {
    if (report.type === "handed") for (const [id, at] of report.items) onHanded(id, at);
    waiters.get(report.type)?.();
  });
  const next = (type: WorkerReport["type"]) =>
    new Promise<void>((resolve, reject) => {
      waiters.set(type, resolve);
      child.once("exit", (code) => reject(new Error(`worker exited (${code}) before "${type}":\n${output}`)));
    });
  const command = (message: WorkerCommand) => child.send(message);
  await next("loaded");
  return {
    async go() {
      const started = next("started");
      command({ type: "go" });
      await started;
    },
    async stop() {
      const stopped = next("stopped");
      command({ type: "stop" });
      await stopped;
    },
    kill: () => child.kill("SIGKILL"),
  };
}

export type WorkerProcess = Awaited<ReturnType<typeof spawnWorker>>;
