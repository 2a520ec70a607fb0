import { expect, test } from "@playwright/test";
import { type ClientPage, clientPages, closeConnections, fetchRaw, signIn, studioTarget } from "../bench/pages-measure";
import { PORT } from "../playwright.config";
import { studioRequest } from "./support";

// Every text response goes out compressed when the browser asks for it, and as it is when not.
// These are HTTP exchanges: the browser's JavaScript setting changes nothing, so one project runs them.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "HTTP only: the js project covers it");

const target = studioTarget(`http://localhost:${PORT}`);
let cookie: string;
let pages: ClientPage[];

test.beforeAll(async () => {
  cookie = await signIn(target);
  pages = await clientPages(target, cookie);
});
test.afterAll(closeConnections);

/** Booking forms carry a fresh idempotency key on every load (in the form and the loader data). */
const sameAcrossLoads = (html: string) => {
  const keys = [...html.matchAll(/idempotencyKey(?:" value="|\\",\\")([0-9a-f-]{36})/g)].map((m) => m[1] as string);
  return keys.reduce((text, key) => text.replaceAll(key, "<key>"), html);
};

test("every client page is brotli when offered, gzip otherwise, plain when neither, and reads the same", async () => {
  for (const page of pages) {
    const bodies: string[] = [];
    for (const [offered, expected] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip, deflate", "gzip"],
      ["identity", undefined],
    ] as const) {
      const response = await fetchRaw(target, page.path, {
        encoding: offered,
        cookie: page.signedIn ? cookie : undefined,
      });
      const what = `${page.name} (${page.path}) with ${offered}`;
      expect(response.status, what).toBe(200);
      expect(response.headers["content-encoding"], what).toBe(expected);
      expect(response.headers.vary ?? "", what).toMatch(/accept-encoding/i);
      if (expected) expect(response.wire.length, what).toBeLessThan(Buffer.byteLength(response.text));
      bodies.push(sameAcrossLoads(response.text));
    }
    expect(bodies[0], `${page.name}: brotli decodes to the plain page`).toBe(bodies[2]);
    expect(bodies[1], `${page.name}: gzip decodes to the plain page`).toBe(bodies[2]);
  }
});

test("the build's scripts and styles are served precompressed, with their immutable caching", async ({ request }) => {
  // Client pages link only the stylesheet now; the front desk's Today still loads Remix's scripts.
  const staff = await signIn(target, { email: "frontdesk@demo.test", password: "demo-password-2026" });
  const page = (await fetchRaw(target, "/today", { cookie: staff })).text;
  const assets = [...page.matchAll(/(?:href|src)="(\/build\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
  expect(assets.filter((asset) => asset.endsWith(".js")).length).toBeGreaterThan(0);
  for (const asset of assets) {
    const response = await studioRequest(request, "demo", asset, { headers: { "accept-encoding": "gzip, br" } });
    expect(response.status(), asset).toBe(200);
    expect(response.headers()["cache-control"], asset).toContain("immutable");
    const body = await response.body();
    // Assets under a kilobyte are not worth compressing; every larger one is.
    if (body.length >= 1024) expect(response.headers()["content-encoding"], asset).toBe("br");
  }
});
