import { Writable } from "node:stream";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { createLogger, errorFields, loggableUrl } from "../server/log";
import { env } from "./env.server";

const ABORT_DELAY = 5_000;
const log = createLogger(env().LOG_LEVEL);

// Pages send whole documents (onAllReady): nothing is deferred, and a phone on a weak signal
// is better served by one complete response than by a stream that stalls half-way.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        onAllReady() {
          // Everything is rendered by now, so React writes the page at once, in 2 KB pieces: sent
          // as one body it is one socket write instead of one per piece (they were a tenth of a
          // busy schedule's CPU), and no stream between.
          const pieces: Buffer[] = [];
          const page = new Writable({
            write(piece: Buffer, _encoding, done) {
              pieces.push(piece);
              done();
            },
          });
          page.once("finish", () => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(
              new Response(Buffer.concat(pieces), {
                headers: responseHeaders,
                status: failed ? 500 : responseStatusCode,
              }),
            );
          });
          pipe(page);
        },
        onShellError: reject,
        onError(error) {
          failed = true;
          log.error("render failed", { path: loggableUrl(request.url), ...errorFields(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Unexpected loader and action errors, as JSON lines carrying the request id. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  log.error("request failed", {
    id: (context as { requestId?: string }).requestId,
    method: request.method,
    path: loggableUrl(request.url),
    ...errorFields(error),
  });
};
