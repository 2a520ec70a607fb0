// One of several web processes (WEB_CONCURRENCY > 1), forked by server/cluster.ts: it serves the
// build on the port they share. The primary did what happens once (database, migrations, seed,
// build, jobs) and tells it when to stop.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger } from "./log";
import { drain, readEnv, serveBuild } from "./web";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = readEnv();
// Its pid on every line tells the processes apart in the log, and a crash from the others.
const log = createLogger(env.LOG_LEVEL, { pid: process.pid });

async function main() {
  const server = await serveBuild({ env, root, log });
  log.info("web process listening", { port: env.PORT });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.debug("web process draining", { signal });
    await drain(server);
    process.exit(0);
  };
  // The primary sends SIGTERM; Ctrl-C sends SIGINT to the whole process group, this one included.
  // Either way the requests in flight are answered first. Should the primary die, Node ends this
  // process when their channel closes.
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log.error("web process failed to start", { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
