import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn, studioUrl } from "./support";

test("staff sign in, see the team, and sign out", async ({ page }) => {
  await signIn(page, "demo", "frontdesk@demo.test");
  const nav = page.getByRole("navigation", { name: "Main" });
  // The day's work is in the header; the rest folds under "More", which opens without JS too.
  await expect(nav.getByRole("link", { name: "Today" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Team" })).toBeHidden();
  await nav.getByText("More").click();
  await nav.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Olivia Owens" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(0);
});

test("a wrong password gets one message that does not reveal the account", async ({ page }) => {
  await page.goto(studioUrl("demo", "/login"));
  await page.getByLabel("Email").fill("owner@demo.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match");
  await page.getByLabel("Email").fill("nobody@demo.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match");
});

test("a client has no staff navigation and is refused the team page", async ({ page }) => {
  await signIn(page, "demo", "amara@demo.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" })).toHaveCount(0);
  const response = await page.goto(studioUrl("demo", "/team"));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Amara Okafor")).toBeVisible();
});

test("a signed-out visitor is sent to sign in and back", async ({ page }) => {
  await page.goto(studioUrl("demo", "/account"));
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.getByLabel("Email").fill("ben@demo.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(studioUrl("demo", "/account"));
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByText("ben@demo.test")).toBeVisible();
});

test("a tampered session cookie signs the visitor out instead of failing", async ({ page }) => {
  await signIn(page, "demo", "owner@demo.test");
  const [session] = await page.context().cookies(studioUrl("demo"));
  await page.context().addCookies([{ ...session!, value: `${session!.value.slice(0, -2)}xx` }]);
  const response = await page.goto(studioUrl("demo", "/"));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});
