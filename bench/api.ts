// npm run bench:api
//
// The JSON API against its description (issue 19), from the built app over HTTP on a fresh
// embedded PostgreSQL with one studio:
//   1. the routes of the guide's §8, the routes the server answers and the operations of
//      /api/openapi.json, counted and compared (exit 1 unless §8 ⊆ served = documented);
//   2. what /api/openapi.json and /api/docs cost on the wire: bytes as sent with brotli, with
//      gzip and uncompressed, and the time to answer (20 requests each, p50/p95).
// "Served" is asked of the server itself: every api.* route of the build, every method; an
// answer other than 405 means the route takes that method.
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GUIDE_ROUTES } from "../app/services/api-reference/guide-routes";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import { closeDatabase, connect } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import { fmt, makeTempDir, percentile, seconds, startApp, Tail } from "./lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SLUG = "bench-api";
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const say = (line = "") => process.stdout.write(`${line}\n`);

type Wire = { status: number; bytes: number; encoding: string; ms: number; body: Buffer };

/** One request, counting the body's bytes as they arrived (compressed, if the server compressed). */
function fetchRaw(port: number, method: string, urlPath: string, acceptEncoding?: string): Promise<Wire> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: method.toUpperCase(),
        path: urlPath,
        agent: false,
        headers: {
          host: `${SLUG}.localhost:${port}`,
          ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
          ...(method === "get" ? {} : { "content-type": "application/json", "content-length": "2" }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            bytes: body.length,
            encoding: String(response.headers["content-encoding"] ?? "none"),
            ms: performance.now() - started,
            body,
          });
        });
      },
    );
    request.on("error", reject);
    request.end(method === "get" ? undefined : "{}");
  });
}

/** The api.* routes of the build, in the document's form (`/api/bookings/{id}/cancel`). */
async function builtApiPaths() {
  const build = (await import(path.join(root, "build/index.js"))) as {
    routes: Record<string, { path?: string; parentId?: string }>;
  };
  const full = (id: string): string => {
    const route = build.routes[id];
    if (!route) return "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  return Object.keys(build.routes)
    .filter((id) => id.startsWith("routes/api."))
    .map((id) => `/${full(id).replace(/^\//, "")}`.replace(/:(\w+)/g, "{$1}"))
    .sort();
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-api-");
  let pg: EmbeddedDatabase | undefined;
  let server: Awaited<ReturnType<typeof startApp>> | undefined;
  const output = new Tail();
  let failed = false;
  try {
    say(`wondrous API benchmark: ${os.cpus().length} CPUs, node ${process.version}`);
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: () => {}, warn: say });
    const pool = connect(pg.url, { max: 2 });
    await migrateAll(pool.db);
    const outcome = await provisionStudio(pool.db, {
      name: "Bench API studio",
      slug: SLUG,
      owner: { fullName: "Owner", email: "owner@bench-api.test", passwordHash: "not-used" },
      location: {
        name: "Main",
        timezone: "Europe/London",
        address: { line1: "1 Bench Street", city: "London", postcode: "N1 1AA", country: "GB" },
      },
    });
    if (!outcome.ok) throw new Error(`provisioning: ${outcome.reason}`);
    await pool.client.end({ timeout: 5 });
    const port = await freePort();
    server = await startApp({ root, databaseUrl: pg.url, port, output });

    // 1. The three lists.
    const paths = await builtApiPaths();
    const served: string[] = [];
    const id = "00000000-0000-4000-8000-000000000000";
    for (const apiPath of paths) {
      for (const method of METHODS) {
        const answer = await fetchRaw(port, method, apiPath.replace(/\{\w+\}/g, id));
        if (answer.status !== 405 && answer.status !== 404) served.push(`${method} ${apiPath}`);
        else if (answer.status === 404 && !answer.body.toString().includes("STUDIO_NOT_FOUND")) {
          // A 404 from the route itself (the id names nothing) still means it takes the method.
          if (answer.body.toString().includes('"code"')) served.push(`${method} ${apiPath}`);
        }
      }
    }
    const documentAnswer = await fetchRaw(port, "get", "/api/openapi.json");
    const document = JSON.parse(documentAnswer.body.toString()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([p, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m} ${p}`),
    );
    const guide = [...GUIDE_ROUTES] as string[];
    const missing = (from: string[], within: string[]) => from.filter((route) => !within.includes(route));
    say();
    say("| list | operations | route files |");
    say("| --- | --- | --- |");
    say(`| the guide's §8 | ${guide.length} | ${new Set(guide.map((r) => r.split(" ")[1])).size} |`);
    say(`| answered by the server | ${served.length} | ${paths.length} |`);
    say(`| in /api/openapi.json | ${documented.length} | ${Object.keys(document.paths).length} |`);
    const gaps = {
      "§8 not served": missing(guide, served),
      "§8 not documented": missing(guide, documented),
      "served not documented": missing(served, documented),
      "documented not served": missing(documented, served),
    };
    for (const [what, routes] of Object.entries(gaps)) {
      say(`${what}: ${routes.length === 0 ? "none" : routes.join(", ")}`);
      if (routes.length > 0) failed = true;
    }
    say(`beyond §8 (served and documented): ${served.length - guide.length} operations`);

    // 2. Bytes on the wire and time.
    say();
    say("| what | brotli | gzip | uncompressed | p50 | p95 |");
    say("| --- | --- | --- | --- | --- | --- |");
    for (const page of ["/api/openapi.json", "/api/docs"]) {
      const br = await fetchRaw(port, "get", page, "br, gzip");
      const gz = await fetchRaw(port, "get", page, "gzip");
      const raw = await fetchRaw(port, "get", page);
      const times: number[] = [];
      for (let i = 0; i < 20; i++) times.push((await fetchRaw(port, "get", page, "br, gzip")).ms);
      say(
        `| ${page} | ${br.bytes.toLocaleString("en-GB")} B (${br.encoding}) | ${gz.bytes.toLocaleString("en-GB")} B (${gz.encoding}) | ` +
          `${raw.bytes.toLocaleString("en-GB")} B | ${fmt(percentile(times, 50), 1)} ms | ${fmt(percentile(times, 95), 1)} ms |`,
      );
    }
  } catch (error) {
    failed = true;
    say(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    say(String(output));
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await closeDatabase();
    await pg?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
  say(failed ? "FAILED" : `done in ${seconds(performance.now())}`);
  process.exit(failed ? 1 : 0);
}

void main();
