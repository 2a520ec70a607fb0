import { expect, test } from "@playwright/test";
import { signIn, studioUrl } from "./support";

// Not a check: pictures of every page at phone and desk widths, for a person to look at.
// Run with `SCREENSHOTS=1 npx playwright test screenshots --project=nojs`; files go to screenshots/.
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to take screenshots");

const pages: { name: string; url: string; as?: string; staff?: boolean }[] = [
  { name: "apex-home", url: "/" },
  { name: "create-studio", url: "/start" },
  { name: "studio-home", url: studioUrl("demo") },
  { name: "sign-in", url: studioUrl("demo", "/login") },
  { name: "locations", url: studioUrl("demo", "/locations") },
  { name: "unknown-studio", url: studioUrl("nowhere") },
  { name: "not-found", url: studioUrl("demo", "/nothing-here") },
  { name: "home-owner", url: studioUrl("demo"), as: "owner@demo.test", staff: true },
  { name: "team", url: studioUrl("demo", "/team"), as: "owner@demo.test", staff: true },
  { name: "account-client", url: studioUrl("demo", "/account"), as: "amara@demo.test" },
  { name: "forbidden", url: studioUrl("demo", "/team"), as: "amara@demo.test" },
  { name: "schedule", url: studioUrl("demo", "/schedule") },
  { name: "services", url: studioUrl("demo", "/services") },
  { name: "signup", url: studioUrl("demo", "/signup") },
  { name: "clients", url: studioUrl("demo", "/clients"), as: "owner@demo.test", staff: true },
  { name: "settings", url: studioUrl("demo", "/settings"), as: "owner@demo.test", staff: true },
  { name: "calendar-week", url: studioUrl("demo", "/calendar?view=week"), as: "frontdesk@demo.test", staff: true },
  { name: "today", url: studioUrl("demo", "/today"), as: "frontdesk@demo.test", staff: true },
  { name: "timetable", url: studioUrl("demo", "/classes"), as: "owner@demo.test", staff: true },
  { name: "teaching-week", url: studioUrl("demo", "/teaching?view=week"), as: "priya@demo.test", staff: true },
  { name: "availability", url: studioUrl("demo", "/availability"), as: "tom@demo.test", staff: true },
  { name: "health-check", url: studioUrl("demo", "/account/health"), as: "amara@demo.test" },
  { name: "account", url: studioUrl("demo", "/account"), as: "amara@demo.test" },
  { name: "packages-client", url: studioUrl("demo", "/packages"), as: "amara@demo.test" },
  { name: "packages-visitor", url: studioUrl("demo", "/packages") },
  { name: "account-credits", url: studioUrl("demo", "/account/credits"), as: "ben@demo.test" },
  { name: "packages-owner", url: studioUrl("demo", "/packages"), as: "owner@demo.test", staff: true },
  { name: "package-new", url: studioUrl("demo", "/packages/new"), as: "owner@demo.test", staff: true },
];

for (const shot of pages) {
  test(shot.name, async ({ page }) => {
    if (shot.as) await signIn(page, "demo", shot.as);
    for (const width of shot.staff ? [360, 1280] : [360]) {
      await page.setViewportSize({ width, height: 760 });
      await page.goto(shot.url);
      await expect(page.locator("main")).toBeVisible();
      await page.screenshot({ path: `screenshots/${shot.name}-${width}.png`, fullPage: true });
    }
  });
}

test("create-studio-errors", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 760 });
  await page.goto("/start");
  await page.getByLabel("Web address").fill("www");
  await page.getByRole("button", { name: "Create studio" }).click();
  await expect(page.getByText("That address is reserved; please choose another")).toBeVisible();
  await page.screenshot({ path: "screenshots/create-studio-errors-360.png", fullPage: true });
});

test("client-credits", async ({ page }) => {
  await signIn(page, "demo", "frontdesk@demo.test");
  await page.goto(studioUrl("demo", "/clients?q=Ben"));
  await page.getByRole("link", { name: "Ben Hughes" }).click();
  await page.getByRole("link", { name: "Manage credits" }).click();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Credits" })).toBeVisible();
    await page.screenshot({ path: `screenshots/client-credits-${width}.png`, fullPage: true });
  }
  await page.goto(page.url().replace(/\/credits$/, ""));
  await page.screenshot({ path: "screenshots/client-profile-1280.png", fullPage: true });
});
