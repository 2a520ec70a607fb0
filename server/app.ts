import { randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { clientAddress, type ProxyTrust, trustProxy } from "./client-address";
import { errorFields, type Logger, loggableUrl } from "./log";
import { refuseCrossSite } from "./origin-check";

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
}: {
  build: ServerBuild;
  root: string;
  log: Logger;
  proxyTrust: ProxyTrust;
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

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  app.use(refuseCrossSite);

  app.all(
    "*",
    createRequestHandler({
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
