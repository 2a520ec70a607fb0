import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { SIGN_IN_LIMITS, signInWithPassword } from "../app/services/identity/sign-in.server";
import { createTestStudio, TEST_PASSWORD } from "../test/factories";
import { clientAddress, type ProxyTrust, parseProxyTrust, trustProxy } from "./client-address";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** The sign-in service behind the same address logic as the app, over real HTTP. */
async function serve(trust: ProxyTrust, studio: Studio) {
  const app = express();
  trustProxy(app, trust);
  app.post("/login", express.json(), async (req, res) => {
    const outcome = await signInWithPassword(studio.tenant, req.body, clientAddress(req, trust));
    res.json({ ip: clientAddress(req, trust), outcome: outcome.ok ? "ok" : outcome.reason });
  });
  server = app.listen(0);
  await new Promise((resolve) => server!.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return (body: unknown, headers: Record<string, string> = {}) =>
    new Promise<{ ip: string; outcome: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/login",
          agent: false,
          headers: { "content-type": "application/json", ...headers },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve(JSON.parse(text)));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
}

const forged = (i: number) => ({ "x-forwarded-for": `192.0.2.${i % 250}, 198.51.100.${i % 250}` });

describe("the sign-in limits under a forged X-Forwarded-For", () => {
  test("with no proxy trusted (the default), rotating X-Forwarded-For does not escape the per-address limit", async () => {
    const studio = await createTestStudio({ ownerEmail: "rotate@example.com" });
    const login = await serve(parseProxyTrust("none"), studio);
    const answers = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 1; i++) {
      answers.push(await login({ email: `guess-${i}@example.com`, password: "wrong password" }, forged(i)));
    }
    expect(new Set(answers.map((a) => a.ip)).size).toBe(1);
    expect(answers.at(-1)?.outcome).toBe("throttled");
    expect((await login({ email: "rotate@example.com", password: TEST_PASSWORD }, forged(999))).outcome).toBe(
      "throttled",
    );
  });

  test("on Fly, the edge's Fly-Client-IP names the client and X-Forwarded-For is ignored", async () => {
    const studio = await createTestStudio();
    const login = await serve(parseProxyTrust("fly"), studio);
    const seen = await login(
      { email: "x@example.com", password: "wrong password" },
      { "fly-client-ip": "203.0.113.9", ...forged(1) },
    );
    expect(seen.ip).toBe("203.0.113.9");
  });

  test("behind one trusted proxy hop, the address that proxy saw counts, not what the client claimed", async () => {
    const studio = await createTestStudio();
    const login = await serve(parseProxyTrust("1"), studio);
    const seen = await login({ email: "x@example.com", password: "wrong password" }, forged(7));
    expect(seen.ip).toBe("198.51.100.7");
  });
});
