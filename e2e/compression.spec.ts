import { expect, test } from "@playwright/test";
import { studioRequest } from "./support";

// Every text response goes out compressed when the browser asks for it, and as it is when not.
const CLIENT_PAGES = ["/", "/schedule", "/services", "/login", "/signup"];

for (const path of CLIENT_PAGES) {
  test(`${path} is brotli when offered, gzip otherwise, and plain when neither`, async ({ request }) => {
    for (const [offered, expected] of [
      ["br, gzip", "br"],
      ["gzip, deflate", "gzip"],
      ["identity", undefined],
    ] as const) {
      const response = await studioRequest(request, "demo", path, { headers: { "accept-encoding": offered } });
      expect(response.status(), `${path} with ${offered}`).toBe(200);
      expect(response.headers()["content-encoding"], `${path} with ${offered}`).toBe(expected);
      expect(response.headers().vary ?? "").toMatch(/accept-encoding/i);
    }
  });
}

test("the build's scripts and styles are served precompressed, with their immutable caching", async ({ request }) => {
  const page = await (await studioRequest(request, "demo", "/schedule")).text();
  const assets = [...page.matchAll(/(?:href|src)="(\/build\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    const response = await studioRequest(request, "demo", asset, { headers: { "accept-encoding": "gzip, br" } });
    expect(response.status(), asset).toBe(200);
    expect(response.headers()["cache-control"], asset).toContain("immutable");
    const body = await response.body();
    // Assets under a kilobyte are not worth compressing; every larger one is.
    if (body.length >= 1024) expect(response.headers()["content-encoding"], asset).toBe("br");
  }
});
