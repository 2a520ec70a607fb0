// The adapter's own Request builder: its package exports only the handler we replace. Remix v2
// is pinned at its last release, so this file of it no longer moves.
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { type AppLoadContext, createRequestHandler, type ServerBuild } from "@remix-run/node";
import type express from "express";

/**
 * Remix behind Express, as @remix-run/express's handler does it, with one difference in how a
 * body is written (sendResponse below).
 */
export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
}): express.RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const response = await handle(createRemixRequest(req, res), getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Writes a Remix response no faster than the client takes it. The adapter's own writer ignores
 * `write()` returning false, so a large stream (a studio's full export) sent to a slow client
 * would be read to the end and pile up in memory; here the next chunk is read only once the
 * socket has drained, and a client that goes away cancels the stream, so its source stops too.
 * Each chunk is flushed as written, as before, so compressed streamed pages still arrive piece
 * by piece.
 */
export async function sendResponse(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    res.once("close", () => {
      gone = !res.writableEnded;
      resolve();
    }),
  );
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (gone) {
        await reader.cancel();
        return;
      }
      const more = res.write(value);
      (res as { flush?: () => void }).flush?.();
      if (!more) await Promise.race([new Promise<void>((resolve) => res.once("drain", resolve)), closed]);
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
