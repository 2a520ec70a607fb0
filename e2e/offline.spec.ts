import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn, studioUrl } from "./support";

// A client's bookings stay readable without a signal (docs/decisions/0011): the offline worker
// keeps the last copy of their own booking pages and drops it at sign-out or for anyone else.
test.skip(
  ({ javaScriptEnabled }) => !javaScriptEnabled,
  "the offline worker is JavaScript: without it nothing changes",
);
test.use({ viewport: { width: 360, height: 780 } });

const OFFLINE_NOTE = /You're offline — this is your copy as of \d\d:\d\d, \w+day \d{1,2} \w+ \d{4}/;

const NOTHING_KEPT = /net::ERR_(INTERNET_DISCONNECTED|FAILED)/;

/** Whether the worker holds a copy of this path (asked from a page of the studio). */
const kept = (page: Page, path: string) =>
  page.evaluate(async (p) => Boolean(await (await caches.open("offline-copies")).match(p)), path);

/**
 * The first visit may have come before the worker was there: once it is active, a reload goes
 * through it. Waiting for `clients.claim()` to take the first page instead was flaky under load
 * (the controller came late); a navigation waits for an activating worker, so the reload is
 * controlled.
 */
async function reloadThroughWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** A client opens My bookings and their first coming booking, online; returns that booking's path. */
async function readMyBookings(page: Page) {
  await page.goto(studioUrl("demo", "/bookings"));
  await reloadThroughWorker(page);
  await expect.poll(() => kept(page, "/bookings")).toBe(true);
  await page.getByRole("region", { name: "Coming up" }).getByRole("link").first().click();
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await expect.poll(() => kept(page, path)).toBe(true);
  return path;
}

/** Offline, the page fails to load: the browser's own error, or the worker's when it has no copy. */
async function unreachable(context: BrowserContext, path: string) {
  await context.setOffline(true);
  // A tab of its own, closed after: Chromium's error page reloads itself once back online.
  const tab = await context.newPage();
  await expect(tab.goto(studioUrl("demo", path)), `${path} offline`).rejects.toThrow(NOTHING_KEPT);
  await tab.close();
  await context.setOffline(false);
}

test("a client's bookings read offline with their time; gone after sign-out and for the next person", async ({
  browser,
}, testInfo) => {
  // Three people sign in on one browser, with offline checks between: 20-40 s on a quiet runner.
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "demo", "amara@demo.test");
  const booking = await readMyBookings(page);
  const title = await page.getByRole("heading", { level: 1 }).textContent();
  await expect(page.getByText(OFFLINE_NOTE)).toBeHidden();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: OFFLINE_NOTE })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title ?? "");
  await page.screenshot({ path: testInfo.outputPath("offline-booking-360.png"), fullPage: true });
  await page.goto(studioUrl("demo", "/bookings?from=a-link"));
  await expect(page.getByRole("heading", { name: "My bookings" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: OFFLINE_NOTE })).toBeVisible();
  // Only her booking pages: any other page, hers or the studio's, is not kept.
  await context.setOffline(false);
  await unreachable(context, "/account");

  // Her session ends without a sign-out (it expired); Ben signs in on the same phone.
  await context.clearCookies();
  await signIn(page, "demo", "ben@demo.test");
  await unreachable(context, "/bookings");
  await unreachable(context, booking);

  // Ben reads his bookings, then signs out: the browser drops the worker and its copies
  // (Clear-Site-Data; localStorage is touched by nothing of ours, so its emptying shows the
  // header itself was honoured).
  const his = await readMyBookings(page);
  await page.evaluate(() => localStorage.setItem("probe", "kept"));
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(studioUrl("demo", "/"));
  expect(await page.evaluate(() => localStorage.getItem("probe"))).toBeNull();
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  await unreachable(context, his);

  // The front desk on the same browser: their pages are never kept, and neither is anyone's.
  await signIn(page, "demo", "frontdesk@demo.test");
  await page.goto(studioUrl("demo", "/bookings"));
  await page.goto(studioUrl("demo", "/today"));
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  await unreachable(context, "/bookings");
  await unreachable(context, "/today");
  await context.close();
});
