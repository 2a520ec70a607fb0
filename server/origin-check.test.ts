import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "../app/services/identity/session.server";
import { refuseCrossSite } from "./origin-check";

const HOST = "demo.localhost:3000";
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(refuseCrossSite);
  app.all("*", (_req, res) => res.status(200).json({ changed: true }));
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function send(method: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port,
      method,
      path: "/bookings/1/cancel",
      headers: { host: HOST, ...headers },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

const cookie = `${SESSION_COOKIE}=signed.value`;
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"];

describe("state-changing requests need a same-origin signal", () => {
  test.each(STATE_CHANGING)(
    "%s on the session cookie with no Origin, no Sec-Fetch-Site and no Referer: 403",
    async (m) => {
      expect(await send(m, { cookie })).toBe(403);
    },
  );

  test.each(STATE_CHANGING)("%s on the session cookie with a foreign Referer: 403", async (m) => {
    expect(await send(m, { cookie, referer: "http://evil.localhost:3000/trap" })).toBe(403);
    expect(await send(m, { cookie, referer: "not a url" })).toBe(403);
  });

  test.each(["cross-site", "same-site", "none"])(
    "Sec-Fetch-Site: %s does not vouch for a cookie request",
    async (site) => {
      expect(await send("POST", { cookie, "sec-fetch-site": site })).toBe(403);
    },
  );

  test.each(STATE_CHANGING)("%s from another studio's Origin: 403, whatever else it says", async (m) => {
    expect(await send(m, { cookie, origin: "http://evil.localhost:3000" })).toBe(403);
    expect(await send(m, { cookie, origin: "null", "sec-fetch-site": "same-origin" })).toBe(403);
    expect(await send(m, { origin: "http://evil.localhost:3000" })).toBe(403);
  });

  test("this host's Origin, Sec-Fetch-Site: same-origin or a same-host Referer let a cookie request through", async () => {
    expect(await send("POST", { cookie, origin: `http://${HOST}` })).toBe(200);
    expect(await send("POST", { cookie, "sec-fetch-site": "same-origin" })).toBe(200);
    expect(await send("DELETE", { cookie, referer: `http://${HOST}/bookings/1` })).toBe(200);
  });

  test("bearer-token and cookie-less calls carry no ambient authority and pass as before", async () => {
    expect(await send("POST", { authorization: "Bearer abcdefghijklmnopqrstuvwxyz" })).toBe(200);
    expect(await send("POST", { cookie, authorization: "Bearer abcdefghijklmnopqrstuvwxyz" })).toBe(200);
    expect(await send("POST", {})).toBe(200);
  });

  test("reads are never refused", async () => {
    for (const m of ["GET", "HEAD", "OPTIONS"])
      expect(await send(m, { cookie, origin: "http://evil.localhost:3000" })).toBe(200);
  });
});
