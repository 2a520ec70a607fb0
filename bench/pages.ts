// npm run bench:pages [-- --fast] [-- --runs 3] [-- --app <checkout>] [-- --url <http://localhost:3000>]
//
// What a client's phone downloads for each client page of the demo studio, signed in as a demo
// client where the page needs it: the compressed bytes of the HTML, the CSS and the JavaScript
// (Accept-Encoding as Chromium sends it), the first-paint bytes (HTML + the CSS it links) against
// one TCP round trip (14 KB), and the requests Chromium makes to load the page. Then Lighthouse's
// mobile run (simulated Slow 4G, 4x CPU) on six pages against the goal (performance ≥ 98, LCP
// ≤ 1.2 s), the median of --runs runs per page (3 unless told); --fast skips it.
//
// By default it starts this checkout's built app on a fresh embedded database with the demo
// studio; --app starts another checkout (built with `npm run build`, or bare `remix build` before
// compression) to measure "before"; --url measures a server already running.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { freePort } from "../db/embedded";
import { deadline, exited, groupAlive, httpGet, makeTempDir, signalGroup, sleep, Tail } from "./lib";
import {
  type ClientPage,
  clientPages,
  closeConnections,
  FIRST_ROUND_TRIP_BYTES,
  measurePage,
  origin,
  type PageBytes,
  signIn,
  studioTarget,
  type Target,
} from "./pages-measure";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIGHTHOUSE_DIR = path.join(root, "bench/lighthouse");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const GOAL = { performance: 98, lcpMs: 1200 };
const LIGHTHOUSE_PAGES = ["/ (visitor)", "/schedule (busiest day)", "class page", "/login", "/book", "/bookings"];

const say = (line = "") => process.stdout.write(`${line}\n`);

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** A checkout's built app on a fresh embedded database, seeded with the demo studio. */
async function startCheckout(app: string, dataDir: string, output: Tail) {
  if (!existsSync(path.join(app, "build/index.js"))) {
    say(`${app}: no build yet, running npm run build`);
    const built = spawnSync("npm", ["run", "build"], { cwd: app, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: "production",
    APP_DOMAIN: "localhost",
    APP_PROTOCOL: "http",
    APP_PUBLIC_PORT: String(port),
    SESSION_SECRET: "bench-session-secret-0123456789-abcdefghij",
    LOG_LEVEL: "warn",
    WONDROUS_SEED: "1",
    WONDROUS_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  // Its own process group, so a fallback kill reaches tsx's node child and its PostgreSQL too.
  const server = spawn(path.join(app, "node_modules/.bin/tsx"), ["server/start.ts"], {
    cwd: app,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  server.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const started = performance.now();
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}):\n${output}`);
    }
    const health = await httpGet({ port, host: `localhost:${port}`, path: "/healthz", timeoutMs: 2000 }).catch(
      () => undefined,
    );
    if (health?.status === 200) return { server, base: `http://localhost:${port}` };
    if (performance.now() - started > 180_000) throw new Error(`no /healthz after 180 s:\n${output}`);
    await sleep(200);
  }
}

async function stopServer(server: ChildProcess) {
  if (!server.pid) return;
  server.kill("SIGTERM");
  if ((await Promise.race([exited(server), deadline(20_000)])) === "timeout") signalGroup(server.pid, "SIGKILL");
}

/** Requests Chromium makes for the page, JavaScript on, until the network is quiet. */
async function requestCounts(target: Target, pages: ClientPage[], cookie: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS.slice(1) });
  const counts = new Map<string, number>();
  try {
    for (const page of pages) {
      const context = await browser.newContext();
      if (page.signedIn) {
        const [name, value] = cookie.split("=", 2) as [string, string];
        await context.addCookies([{ name, value, url: origin(target) }]);
      }
      const tab = await context.newPage();
      let requests = 0;
      tab.on("request", () => {
        requests += 1;
      });
      await tab.goto(`${origin(target)}${page.path}`, { waitUntil: "networkidle" });
      counts.set(page.name, requests);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return counts;
}

const bytes = (n: number) => n.toLocaleString("en-GB");

function printTable(pages: ClientPage[], measured: Map<string, PageBytes>, requests: Map<string, number>) {
  const rows = [["page", "HTML", "CSS", "JS", "first paint", "", "requests"]];
  for (const page of pages) {
    const m = measured.get(page.name) as PageBytes;
    rows.push([
      page.name,
      bytes(m.html),
      bytes(m.css),
      bytes(m.js),
      bytes(m.firstPaint),
      m.firstPaint <= FIRST_ROUND_TRIP_BYTES ? "ok" : "OVER",
      String(requests.get(page.name) ?? "?"),
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length))) ?? [];
  for (const row of rows) {
    say(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`,
    );
  }
  say(`  (compressed bytes on the wire, Accept-Encoding as Chromium sends it; first paint = HTML + its CSS,`);
  say(`   goal ≤ ${bytes(FIRST_ROUND_TRIP_BYTES)} bytes; requests = what Chromium fetches with JavaScript on)`);
}

function ensureLighthouse() {
  if (existsSync(path.join(LIGHTHOUSE_DIR, "node_modules/lighthouse/package.json"))) return;
  say("installing Lighthouse into bench/lighthouse (npm ci)");
  const installed = spawnSync("npm", ["ci", "--prefix", LIGHTHOUSE_DIR, "--no-audit", "--no-fund"], {
    stdio: "inherit",
  });
  if (installed.status !== 0) throw new Error("npm ci --prefix bench/lighthouse failed");
}

type LighthouseReport = {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number }>;
  runtimeError?: { message: string };
};

/** Lighthouse's mobile default (simulated Slow 4G, 4x CPU slowdown) on one URL. */
function lighthouse(url: string, cookie: string | undefined, tmp: string) {
  const report = path.join(tmp, "lighthouse.json");
  const run = spawnSync(
    process.execPath,
    [
      path.join(LIGHTHOUSE_DIR, "node_modules/lighthouse/cli/index.js"),
      url,
      "--only-categories=performance",
      "--output=json",
      `--output-path=${report}`,
      "--quiet",
      `--chrome-flags=${CHROMIUM_FLAGS.join(" ")}`,
      ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: "utf8", timeout: 180_000 },
  );
  if (run.status !== 0) throw new Error(`lighthouse ${url} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const result = JSON.parse(readFileSync(report, "utf8")) as LighthouseReport;
  if (result.runtimeError) throw new Error(`lighthouse ${url}: ${result.runtimeError.message}`);
  return {
    performance: Math.round((result.categories.performance.score ?? 0) * 100),
    lcpMs: result.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
  };
}

async function main() {
  const url = option("--url");
  const app = path.resolve(option("--app") ?? root);
  const fast = process.argv.includes("--fast");
  // Simulated throttling scales the CPU time observed on this machine, so one run is noisy.
  const runs = Number(option("--runs") ?? 3);
  const tmp = await makeTempDir("wondrous-bench-pages");
  const output = new Tail(80);
  let server: ChildProcess | undefined;
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });
  try {
    let base = url;
    if (!base) {
      say(`starting ${app} on a fresh embedded database with the demo studio`);
      const started = await startCheckout(app, path.join(tmp, "pg"), output);
      server = started.server;
      base = started.base;
    }
    const target = studioTarget(base);
    const cookie = await signIn(target);
    const pages = await clientPages(target, cookie);
    const measured = new Map<string, PageBytes>();
    for (const page of pages)
      measured.set(page.name, await measurePage(target, page.path, page.signedIn ? cookie : undefined));
    const requests = await requestCounts(target, pages, cookie);
    say(`\nClient pages of ${origin(target)} (${url ? "running server" : app}), signed in as the demo client:`);
    printTable(pages, measured, requests);
    const busiest = pages.find((p) => p.name.startsWith("/schedule"));
    say(`  busiest schedule day: ${busiest?.path}`);

    if (fast) return;
    ensureLighthouse();
    const { version } = JSON.parse(
      readFileSync(path.join(LIGHTHOUSE_DIR, "node_modules/lighthouse/package.json"), "utf8"),
    );
    say(
      `\nLighthouse ${version} mobile (simulated Slow 4G, 4x CPU), goal performance ≥ ${GOAL.performance}, LCP ≤ 1.2 s:`,
    );
    say(`  (median of ${runs} runs by score; the runs' scores in brackets)`);
    for (const name of LIGHTHOUSE_PAGES) {
      const page = pages.find((p) => p.name === name) as ClientPage;
      const results = [];
      for (let run = 0; run < runs; run++) {
        results.push(lighthouse(`${origin(target)}${page.path}`, page.signedIn ? cookie : undefined, tmp));
      }
      results.sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
      const median = results[Math.floor((results.length - 1) / 2)] as (typeof results)[number];
      const met = median.performance >= GOAL.performance && median.lcpMs <= GOAL.lcpMs;
      say(
        `  ${name.padEnd(24)} performance ${String(median.performance).padStart(3)}  LCP ${(median.lcpMs / 1000).toFixed(1)} s  ${met ? "met" : "MISSED"}  [${results.map((r) => r.performance).join(", ")}]`,
      );
    }
  } finally {
    closeConnections();
    if (server) await stopServer(server);
  }
}

await main();
