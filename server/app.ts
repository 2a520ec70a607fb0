import { randomUUID } from "node:crypto";
import path from "node:path";
import zlib from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { clientAddress, type ProxyTrust, trustProxy } from "./client-address";
import { errorFields, type Logger, loggableUrl } from "./log";
import { refuseCrossSite } from "./origin-check";
import { publicFiles } from "./public-files";
import { limitApiRate, type RateLimit } from "./rate-limit";
import { remixHandler } from "./send-response";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The HTTP front: static assets, a request id and one log line per request, the Origin check
 * for state-changing requests, then Remix.
 */
export function createApp({
  build,
  root,
  log,
  proxyTrust,
  rateLimit,
}: {
  build: ServerBuild;
  root: string;
  log: Logger;
  proxyTrust: ProxyTrust;
  rateLimit: RateLimit;
}) {
  const app = express();
  app.disable("x-powered-by");
  trustProxy(app, proxyTrust);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/build/") || req.path === "/favicon.svg") return;
      log.info("request", {
        id,
        method: req.method,
        host: req.get("host"),
        path: loggableUrl(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
      });
    });
    next();
  });

  // Build assets as compressed at build time (server/precompress.ts), with their immutable caching.
  app.use(
    "/build",
    expressStaticGzip(path.join(root, "public/build"), {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { immutable: true, maxAge: "1y", index: false },
    }),
  );
  // Everything else is compressed as it goes out: brotli when offered, else gzip. Each chunk is
  // flushed as written, so a streamed page still reaches the browser piece by piece.
  app.use(
    compression({
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 }, flush: zlib.constants.BROTLI_OPERATION_FLUSH },
      flush: zlib.constants.Z_SYNC_FLUSH,
    }),
  );
  app.use(
    publicFiles(path.join(root, "public"), {
      maxAge: "1h",
      index: false,
      // The offline worker is checked on every visit, so a fixed one reaches phones at once.
      setHeaders: (res, file) => {
        if (path.basename(file) === "sw.js") res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  app.use(refuseCrossSite);
  app.use(limitApiRate(rateLimit, proxyTrust));

  app.all(
    "*",
    // Not the adapter's own handler: ours writes a streamed body only as fast as the client reads.
    remixHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        requestId: res.locals.requestId as string,
        clientIp: clientAddress(req, proxyTrust),
      }),
    }),
  );

  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.error("unhandled", { id: res.locals.requestId, ...errorFields(error) });
    if (!res.headersSent) res.status(500).send("Something went wrong");
  });
  return app;
}
