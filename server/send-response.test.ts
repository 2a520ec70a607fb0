import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sendResponse } from "./send-response";

/** A large body made on demand, 64 KiB per pull, counting what was made and whether it was cancelled. */
const CHUNK = 64 * 1024;
const source = { made: 0, cancelled: false };
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.get("/big", async (req, res) => {
    const chunks = Number(req.query.chunks);
    source.made = 0;
    source.cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          source.made += 1;
          if (source.made > chunks) controller.close();
          else controller.enqueue(new Uint8Array(CHUNK).fill(97));
        },
        cancel() {
          source.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    await sendResponse(res, new Response(body, { headers: { "Content-Type": "application/zip" } }));
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("a client that reads nothing holds the body back, and one that leaves stops it", async () => {
  const request = http.get({ host: "127.0.0.1", port, path: "/big?chunks=2000" });
  const response = await new Promise<http.IncomingMessage>((resolve) => request.once("response", resolve));
  response.pause();
  await pause(300);
  // 2,000 chunks (125 MiB) on offer: only what the sockets' buffers hold has been made.
  expect(source.made).toBeLessThan(400);
  request.destroy();
  await pause(300);
  expect(source.cancelled).toBe(true);
  expect(source.made).toBeLessThan(400);
});

test("a client that reads gets every byte", async () => {
  const response = await fetch(`http://127.0.0.1:${port}/big?chunks=100`);
  expect(response.headers.get("content-type")).toBe("application/zip");
  expect((await response.arrayBuffer()).byteLength).toBe(100 * CHUNK);
});
