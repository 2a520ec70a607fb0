// npm run bench:recovery
//   BENCH_KILLS=3   how many times to kill PostgreSQL (at most 4: the fifth restart within a
//                   minute makes the app give up, by design)
//
// How long the app is without its database after kill -9 of the embedded PostgreSQL, as an
// OOM kill would leave it: `npm start` (its own data folder and port) notices, restarts the
// server and the pool reconnects. Prints, per kill, the time from the kill to /healthz answering
// 200 again and to a studio lookup (a prepared statement on a new connection) answering again.
import { get, startAppProcess } from "../test/app-process";
import { fmt, percentile, sleep } from "./lib";

const KILLS = Math.min(Number(process.env.BENCH_KILLS ?? 3), 4);
const GIVE_UP_MS = 30_000;
const say = (line = "") => process.stdout.write(`${line}\n`);

/** Milliseconds from `since` until `probe` answers `status` (or not, with `not`), polling every 10 ms. */
async function until(probe: () => Promise<number | "error">, status: number, since: number, not = false) {
  while (((await probe()) === status) === not) {
    if (performance.now() - since > GIVE_UP_MS) throw new Error(`no ${status} after ${GIVE_UP_MS} ms`);
    await sleep(10);
  }
  return performance.now() - since;
}

async function main() {
  say("Starting the app with its own embedded PostgreSQL (builds first if the build is stale)…");
  const app = await startAppProcess();
  try {
    const lookup = () => get(app.port, `nosuch.localhost:${app.port}`, "/");
    if ((await lookup()) !== 404) throw new Error("the unknown-studio lookup did not answer 404 before the kill");
    const healthy: number[] = [];
    const served: number[] = [];
    for (let kill = 1; kill <= KILLS; kill += 1) {
      const killed = performance.now();
      process.kill(app.postmasterPid(), "SIGKILL");
      // A backend can answer a last query before it notices that its postmaster is gone.
      await until(app.healthz, 200, killed, true);
      healthy.push(await until(app.healthz, 200, killed));
      served.push(await until(lookup, 404, killed));
      say(
        `kill ${kill}: /healthz 200 after ${fmt(healthy.at(-1) as number, 0)} ms, lookup 404 after ${fmt(served.at(-1) as number, 0)} ms`,
      );
      await sleep(1_000);
    }
    say();
    say(
      `kill -9 -> /healthz 200: median ${fmt(percentile(healthy, 50), 0)} ms, max ${fmt(Math.max(...healthy), 0)} ms`,
    );
    say(`kill -9 -> lookup 404:   median ${fmt(percentile(served, 50), 0)} ms, max ${fmt(Math.max(...served), 0)} ms`);
    say("The supervisor's log lines:");
    for (const line of app.lines.filter((l) => l.includes('"msg":"embedded PostgreSQL '))) say(`  ${line}`);
    app.child.kill("SIGTERM");
    const stopping = performance.now();
    const code = await app.exited;
    say(`SIGTERM -> exit ${code} after ${fmt(performance.now() - stopping, 0)} ms`);
  } finally {
    await app.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
