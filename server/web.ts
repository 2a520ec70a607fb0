import { once } from "node:events";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { type Env, EnvError, parseEnv } from "../app/env.server";
import { createApp } from "./app";
import { parseProxyTrust } from "./client-address";
import type { Logger } from "./log";
import { rateLimitFrom } from "./rate-limit";

/** The checked settings, or a message naming every bad variable and exit status 1. */
export function readEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Serves the built app on PORT: what one web process does, whether it is the only process
 * (WEB_CONCURRENCY=1) or one of several (server/web-process.ts). Resolves once it listens.
 */
export async function serveBuild({ env, root, log }: { env: Env; root: string; log: Logger }) {
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const app = createApp({
    build,
    root,
    log,
    proxyTrust: parseProxyTrust(env.TRUST_PROXY),
    rateLimit: rateLimitFrom(process.env),
  });
  const server = app.listen(env.PORT);
  // Node closes an idle keep-alive socket after 5 s, and a client that sends on it at that
  // moment gets ECONNRESET (seen in e2e). Outlast the proxy's and browsers' idle timeouts instead.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await once(server, "listening"); // rejects on "error", such as a port in use
  return server;
}

/** Stops taking connections and resolves once the requests in flight have been answered. */
export async function drain(server: Server) {
  // Keep-alive sockets would hold close() open; ask idle ones to go now.
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5000);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(force);
}
