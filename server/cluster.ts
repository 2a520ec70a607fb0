import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import type { Logger } from "./log";

// A web process that dies is replaced after a pause that doubles with each death in the last
// minute (0.5 s, 1 s, 2 s ... up to 30 s): one that dies on every request it serves, or at
// start, must not turn the primary into a fork loop that starves the others of CPU.
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const WINDOW_MS = 60_000;

/**
 * WEB_CONCURRENCY web processes (server/web-process.ts) on one port: Node's primary accepts
 * the connections and hands them out in turn. Resolves once every one listens; rejects if one
 * exits before, as a single process that cannot listen fails its start.
 */
export async function startWebProcesses({ count, exec, log }: { count: number; exec: string; log: Logger }) {
  cluster.setupPrimary({ exec });
  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    const onListening = () => {
      listening += 1;
      if (listening === count) settle(resolve);
    };
    const onExit = (worker: Worker, code: number, signal: string) =>
      settle(() =>
        reject(new Error(`web process ${worker.process.pid} exited (${signal ?? code}) before it listened`)),
      );
    const settle = (then: () => void) => {
      cluster.off("listening", onListening);
      cluster.off("exit", onExit);
      then();
    };
    cluster.on("listening", onListening);
    cluster.on("exit", onExit);
    for (let i = 0; i < count; i += 1) cluster.fork();
  });

  let stopping = false;
  const deaths: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    while (deaths.length > 0 && (deaths[0] as number) <= now - WINDOW_MS) deaths.shift();
    deaths.push(now);
    const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (deaths.length - 1), MAX_DELAY_MS);
    log.error("web process exited; replacing it", { pid: worker.process.pid, code, signal, delayMs });
    const timer = setTimeout(() => {
      timers.delete(timer);
      const replacement = cluster.fork();
      replacement.once("listening", () =>
        log.warn("web process replaced", { pid: replacement.process.pid, downMs: Date.now() - now }),
      );
    }, delayMs);
    timers.add(timer);
  });

  return {
    /** Every web process finishes its requests in flight and exits; none is replaced any more. */
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
      await Promise.all(
        running.map(async (worker) => {
          if (worker.isDead()) return;
          const exited = once(worker, "exit");
          worker.process.kill("SIGTERM");
          await exited;
        }),
      );
    },
  };
}
