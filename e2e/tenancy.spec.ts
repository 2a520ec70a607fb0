import { expect, test } from "@playwright/test";
import { createStudio, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

test("an unknown subdomain shows a friendly 404", async ({ page }) => {
  const response = await page.goto(studioUrl("no-such-studio"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Studio not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to Wondrous" }).click();
  await expect(page.getByRole("link", { name: "Create your studio" })).toBeVisible();
});

test("an unknown page keeps the studio's chrome", async ({ page }) => {
  const response = await page.goto(studioUrl("demo", "/no-such-page"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wondrous Demo Studio" })).toBeVisible();
});

test("a session cookie from one studio is not accepted by another", async ({ page, request }, testInfo) => {
  const second = await createStudio(request, uniqueSlug(testInfo, "second"));
  await signIn(page, "demo", "owner@demo.test");
  await expect(page.getByText("Olivia Owens")).toBeVisible();
  const [session] = await page.context().cookies(studioUrl("demo"));
  expect(session?.name).toBe("__session");
  // The browser never sends it elsewhere: the cookie is host-only.
  expect(await page.context().cookies(studioUrl(second))).toEqual([]);
  expect(await page.context().cookies("http://localhost")).toEqual([]);
  // Replayed by hand against the second studio, it signs nobody in there.
  const home = await studioRequest(request, second, "/", { headers: { cookie: `__session=${session?.value}` } });
  expect(home.status()).toBe(200);
  const html = await home.text();
  expect(html).toContain(`Studio ${second}`);
  expect(html).not.toContain("Olivia Owens");
  expect(html).toContain('href="/login"');
});

test("/healthz answers with the database state on any host", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: true });
});

test("a cross-studio form post is refused", async ({ request }) => {
  const response = await studioRequest(request, "demo", "/logout", {
    method: "POST",
    headers: { origin: studioUrl("evil").replace(/\/$/, "") },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ error: "Cross-site request refused", code: "CROSS_SITE_REQUEST" });
});
