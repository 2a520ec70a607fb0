import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { limitApiRate, rateLimitFrom } from "./rate-limit";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(clock: { now: number }) {
  const app = express();
  app.use(limitApiRate({ burst: 3, perSecond: 0.5 }, "none", () => clock.now));
  app.all("*", (_req, res) => res.json({ ok: true }));
  const server = app.listen(0);
  close = () => server.close();
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
}

describe("the API's rate limit", () => {
  test("a burst is served, the next request is a 429 with Retry-After, and time refills it", async () => {
    const clock = { now: 1_000_000 };
    const get = await serve(clock);
    for (let i = 0; i < 3; i++) expect((await get("/api/services")).status).toBe(200);
    const refused = await get("/api/services");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(await refused.json()).toEqual({ error: "Too many requests. Try again in 2 seconds.", code: "RATE_LIMITED" });
    clock.now += 2_000;
    expect((await get("/api/services")).status).toBe(200);
    expect((await get("/api/services")).status).toBe(429);
  });

  test("each credential has its own bucket, and pages are not limited", async () => {
    const clock = { now: 1_000_000 };
    const get = await serve(clock);
    for (let i = 0; i < 3; i++) await get("/api/services", { authorization: "Bearer aaaaaaaaaaaaaaaaaaaaaaaa" });
    expect((await get("/api/services", { authorization: "Bearer aaaaaaaaaaaaaaaaaaaaaaaa" })).status).toBe(429);
    expect((await get("/api/services", { authorization: "Bearer bbbbbbbbbbbbbbbbbbbbbbbb" })).status).toBe(200);
    expect((await get("/api/services", { cookie: "__session=abc" })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await get("/schedule")).status).toBe(200);
  });

  test("limits come from the environment, and nonsense is refused at start", () => {
    expect(rateLimitFrom({})).toEqual({ burst: 120, perSecond: 10 });
    expect(rateLimitFrom({ API_RATE_BURST: "5", API_RATE_PER_SECOND: "0.5" })).toEqual({ burst: 5, perSecond: 0.5 });
    expect(() => rateLimitFrom({ API_RATE_BURST: "x" })).toThrow();
  });
});
