import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the provider's server saw it. */
export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * What the fake provider answers: a status and a body (JSON unless a string), or never a word,
 * or a status whose body never ends ("stall").
 */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; stall?: true } | "never";

/**
 * A local HTTP server standing in for a provider: the real adapter talks to it over a socket, and
 * the test reads back exactly what arrived.
 */
export async function providerServer(reply: (request: Received) => Reply) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      const answer = reply(request);
      if (answer === "never") return;
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
      if (answer.stall) res.write(text.slice(0, 1));
      else res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The error a promise rejects with, for asserting on its fields. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}
