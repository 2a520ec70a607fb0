import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayNameAFile, publicFiles } from "./public-files";

// server/app.ts's options for public/.
const options = {
  maxAge: "1h",
  index: false,
  setHeaders: (res: http.ServerResponse, file: string) => {
    if (path.basename(file) === "sw.js") res.setHeader("Cache-Control", "no-cache");
  },
} as const;

type Answer = { status: number; headers: Record<string, unknown>; body: string };

function request(port: number, method: string, rawPath: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: rawPath, agent: false });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const { date: _date, connection: _connection, "keep-alive": _keepAlive, ...headers } = res.headers;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function listen(app: express.Express) {
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

// Behind the files, as in server/app.ts, the rest of the app answers what is not a file.
function appOver(serve: express.RequestHandler) {
  const app = express();
  app.use(serve);
  app.all("*", (req, res) => res.status(299).send(`the app: ${req.method} ${req.path}`));
  // Express refuses an undecodable path itself; its own handler would print the stack.
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(598).send(error.message);
  });
  return app;
}

describe("public/ served only for paths that can be files", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wondrous-public-"));
  const publicDir = path.resolve(import.meta.dirname, "../public");
  let plain: { server: http.Server; port: number };
  let filtered: { server: http.Server; port: number };

  beforeAll(async () => {
    copyFileSync(path.join(publicDir, "favicon.svg"), path.join(dir, "favicon.svg"));
    copyFileSync(path.join(publicDir, "sw.js"), path.join(dir, "sw.js"));
    mkdirSync(path.join(dir, "build/_assets"), { recursive: true });
    writeFileSync(path.join(dir, "build/_assets/entry-ABC.js"), "console.log('entry')");
    writeFileSync(path.join(dir, ".hidden"), "secret");
    writeFileSync(path.join(dir, "a file.txt"), "spaced");
    plain = await listen(appOver(express.static(dir, options)));
    filtered = await listen(appOver(publicFiles(dir, options)));
  });
  afterAll(async () => {
    await Promise.all([plain, filtered].map(({ server }) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["GET", "/favicon.svg"],
    ["HEAD", "/favicon.svg"],
    ["GET", "/sw.js"],
    ["GET", "/fav%69con.svg"],
    ["GET", "/favicon.svg?v=2"],
    ["GET", "//favicon.svg"],
    ["GET", "/./sw.js"],
    ["GET", "/api/../favicon.svg"],
    ["GET", "/api/%2e%2e/sw.js"],
    ["GET", "/../favicon.svg"],
    ["GET", "/a%20file.txt"],
    ["GET", "/build/_assets/entry-ABC.js"],
    ["GET", "/build/_assets/missing.js"],
    ["GET", "/build"],
    ["GET", "/build/"],
    ["GET", "/"],
    ["GET", "/favicon.svg/"],
    ["GET", "/.hidden"],
    ["GET", "/%E0%A4%A"],
    ["GET", "/favicon.svg%00"],
    ["POST", "/favicon.svg"],
    ["GET", "/healthz"],
    ["GET", "/api/clients/me"],
    ["GET", "/schedule/abc"],
    ["GET", "/FAVICON.SVG"],
  ])("%s %s answers as express.static over the whole folder does", async (method, rawPath) => {
    const [expected, actual] = await Promise.all([
      request(plain.port, method, rawPath),
      request(filtered.port, method, rawPath),
    ]);
    expect(actual).toEqual(expected);
  });

  it("serves the favicon and the offline worker with their caching", async () => {
    const favicon = await request(filtered.port, "GET", "/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    expect(favicon.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    const worker = await request(filtered.port, "GET", "/sw.js");
    expect(worker.status).toBe(200);
    expect(worker.headers["cache-control"]).toBe("no-cache");
    expect((await request(filtered.port, "GET", "/api/clients/me")).body).toBe("the app: GET /api/clients/me");
  });
});

describe("which paths can name a file", () => {
  const entries = new Set(["favicon.svg", "sw.js", "build"]);
  it.each([
    ["/favicon.svg", true],
    ["/build/_assets/x.js", true],
    ["/fav%69con.svg", true],
    ["/api/../sw.js", true],
    ["/../etc/passwd", true],
    ["/%E0%A4%A", true],
    ["/healthz", false],
    ["/api/bookings/123", false],
    ["/", false],
    ["/buildings", false],
    ["/sw.js.map", false],
  ])("%s: %s", (pathname, expected) => {
    expect(mayNameAFile(entries, pathname)).toBe(expected);
  });
});
