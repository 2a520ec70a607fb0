import { type APIRequestContext, expect, test } from "@playwright/test";
import { PORT } from "../playwright.config";
import { DEMO_PASSWORD, studioRequest, studioUrl } from "./support";

// The JavaScript budget (docs/decisions/0011): client pages go to visitors and clients without
// Remix's scripts; staff pages keep them. Plain requests, so one project is enough.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "requests only: the js project covers it");

const REMIX = /<script[^>]*type="module"|rel="modulepreload"/;

async function signedIn(request: APIRequestContext, email: string) {
  const response = await request.fetch(`http://127.0.0.1:${PORT}/login`, {
    method: "POST",
    headers: { host: `demo.localhost:${PORT}`, origin: `http://demo.localhost:${PORT}` },
    form: { email, password: DEMO_PASSWORD, redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign in as ${email}`).toBe(302);
  const cookie = response.headers()["set-cookie"]?.split(";")[0];
  if (!cookie) throw new Error(`no session for ${email}`);
  return async (path: string) => {
    const page = await studioRequest(request, "demo", path, { headers: { cookie } });
    expect(page.status(), path).toBe(200);
    return { html: await page.text(), headers: page.headers() };
  };
}

const visitor = (request: APIRequestContext) => async (path: string) => {
  const page = await studioRequest(request, "demo", path);
  expect(page.status(), path).toBe(200);
  return { html: await page.text(), headers: page.headers() };
};

function expectLean(path: string, html: string) {
  expect(html, `${path} links Remix's modules`).not.toMatch(REMIX);
  expect(html, `${path} hydrates`).not.toContain("window.__remixContext =");
  // The one script left: the enhancement, inline.
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  expect(scripts, path).toHaveLength(1);
  expect(Buffer.byteLength(scripts[0]?.[1] ?? ""), `${path}'s enhancement script`).toBeLessThan(1536);
}

test("client pages carry no Remix scripts for a visitor or a client; staff pages keep them", async ({ request }) => {
  const asVisitor = visitor(request);
  const schedule = (await asVisitor("/schedule")).html;
  const classPage = schedule.match(/href="(\/schedule\/[0-9a-f-]{36})"/)?.[1];
  expect(classPage, "a class on the demo schedule").toBeTruthy();
  for (const path of [
    "/",
    "/schedule",
    classPage as string,
    "/services",
    "/locations",
    "/login",
    "/login/link",
    "/forgot-password",
    "/signup",
  ])
    expectLean(path, (await asVisitor(path)).html);

  const asClient = await signedIn(request, "amara@demo.test");
  const bookings = (await asClient("/bookings")).html;
  const booking = bookings.match(/href="(\/bookings\/[0-9a-f-]{36})"/)?.[1];
  expect(booking, "one of Amara's bookings").toBeTruthy();
  for (const path of [
    "/",
    "/schedule",
    classPage as string,
    "/services",
    "/book",
    "/bookings",
    booking as string,
    `${booking}/cancel`,
    `${booking}/reschedule`,
    "/packages",
    "/account",
    "/account/edit",
    "/account/credits",
    "/account/payments",
    "/account/calendar",
    "/account/health",
  ])
    expectLean(path, (await asClient(path)).html);

  const asDesk = await signedIn(request, "frontdesk@demo.test");
  for (const path of ["/today", "/bookings", "/schedule", "/"]) {
    const { html } = await asDesk(path);
    expect(html, `${path} for the front desk`).toMatch(REMIX);
    expect(html, path).toContain("window.__remixContext =");
  }
});

test("only a client's own booking pages are marked for the offline worker, which sign-out clears", async ({
  request,
}) => {
  const asClient = await signedIn(request, "amara@demo.test");
  const list = await asClient("/bookings");
  const key = list.headers["x-offline-copy"];
  expect(key, "a client's list is marked").toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(list.html).toMatch(
    /data-offline-note="true" hidden="">You(?:'|&#x27;)re offline — this is your copy as of \d\d:\d\d, /,
  );
  const booking = list.html.match(/href="(\/bookings\/[0-9a-f-]{36})"/)?.[1] as string;
  expect((await asClient(booking)).headers["x-offline-copy"], "their own booking, with its key").toBe(key);
  // A one-off notice is not the copy to keep, and nothing else a client opens is marked.
  for (const path of [`${booking}?booked=1`, "/account", "/schedule", "/"])
    expect((await asClient(path)).headers["x-offline-copy"], path).toBeUndefined();

  const other = await signedIn(request, "ben@demo.test");
  expect((await other("/bookings")).headers["x-offline-copy"], "another client's own key").not.toBe(key);

  // The owner sees every location's bookings, Amara's included.
  const asOwner = await signedIn(request, "owner@demo.test");
  for (const path of ["/bookings", booking, "/today"]) {
    const { headers, html } = await asOwner(path);
    expect(headers["x-offline-copy"], `staff ${path}`).toBeUndefined();
    expect(html, `staff ${path}`).not.toContain(`data-copy-key="`);
  }

  const worker = await studioRequest(request, "demo", "/sw.js");
  expect(worker.status()).toBe(200);
  expect(worker.headers()["cache-control"]).toBe("no-cache");
  expect(worker.headers()["content-type"]).toContain("javascript");

  const signOut = await request.fetch(`http://127.0.0.1:${PORT}/logout`, {
    method: "POST",
    headers: { host: `demo.localhost:${PORT}`, origin: `http://demo.localhost:${PORT}` },
    form: {},
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(302);
  expect(signOut.headers()["clear-site-data"]).toBe('"cache", "storage"');
});

test("without Remix, a filter still applies as soon as it is chosen", async ({ page }) => {
  await page.goto(studioUrl("demo", "/schedule"));
  await page.getByLabel("Location").selectOption({ label: "Shoreditch" });
  await page.waitForURL(/locationId=/);
  await expect(page.getByRole("heading", { level: 2 })).toContainText("at Shoreditch");
});
