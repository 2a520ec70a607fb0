import { expect, type Page, test } from "@playwright/test";
import { signIn, studioUrl } from "./support";

const rows = (page: Page) => page.locator(".class-list .class-row");

/** Demo classes are planned from today, so walk forward with the page's own links to a day with some. */
async function goToADayWithClasses(page: Page) {
  const dayHeading = page.getByRole("heading", { level: 2 });
  for (let i = 0; i < 8 && (await rows(page).count()) === 0; i++) {
    const shown = (await dayHeading.textContent()) ?? "";
    const next = page.getByRole("link", { name: /^Next classes:/ });
    if (await next.isVisible()) await next.click();
    else await page.getByRole("link", { name: "Next day" }).click();
    // With JavaScript the page changes in place: wait for the new day before looking again, or
    // the next look sees the old day and clicks a link that is about to go.
    await expect(dayHeading).not.toHaveText(shown);
  }
  await expect(rows(page).first()).toBeVisible();
}

test("a visitor browses the class schedule, filters it and opens a class", async ({ page }) => {
  await page.goto(studioUrl("demo", "/schedule"));
  await expect(page.getByRole("heading", { name: "Classes", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toContainText("at Camden");

  await page.getByLabel("Location").selectOption({ label: "Shoreditch" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toContainText("at Shoreditch");

  const before = await page.getByRole("heading", { level: 2 }).textContent();
  await page.getByRole("link", { name: "Next day" }).click();
  await expect(page.getByRole("heading", { level: 2 })).not.toHaveText(before ?? "");
  await goToADayWithClasses(page);

  const instructor = ((await rows(page).first().locator(".class-details").textContent()) ?? "").split(" · ")[0] ?? "";
  await page.getByLabel("Instructor").selectOption({ label: instructor });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/instructorId=/);
  await expect(rows(page).first()).toBeVisible();
  for (const details of await rows(page).locator(".class-details").allTextContents()) {
    expect(details).toContain(instructor);
  }

  const name = (await rows(page).first().locator(".class-name").textContent()) ?? "";
  await rows(page).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText(instructor)).toBeVisible();
  await expect(page.locator(".facts")).toContainText("Shoreditch");
  const book = page.getByRole("link", { name: "Sign in to book" });
  const classPath = new URL(page.url()).pathname;
  await expect(book).toHaveAttribute("href", `/login?redirectTo=${classPath}`);
});

test("the receptionist sees today's classes and the calendar by week and month", async ({ page }) => {
  await signIn(page, "demo", "frontdesk@demo.test");
  await page.getByRole("link", { name: "Today", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByText(/at Camden/)).toBeVisible();

  // Today and Bookings lead the menu; the calendar is under More.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByText("More").click();
  await nav.getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toContainText("Week of");
  await page.getByRole("link", { name: "Next week" }).click();
  // Next week is fully planned whatever today is.
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator(".schedule-day h3")).toHaveCount(7);

  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page).toHaveURL(/view=month/);
  await expect(page.locator(".month-day").first()).toBeAttached();
  await expect(
    page
      .locator(".month-count")
      .filter({ hasText: /\d+ class/ })
      .first(),
  ).toBeVisible();
});

test("an instructor sees a week of teaching at both locations", async ({ page }) => {
  await signIn(page, "demo", "priya@demo.test");
  await page.getByRole("link", { name: "My teaching" }).click();
  await expect(page.getByRole("heading", { name: "My teaching", level: 1 })).toBeVisible();
  // Next week is a whole planned week whatever today is: Priya teaches at Camden and Shoreditch.
  await page.getByRole("link", { name: "Next week" }).click();
  await expect(rows(page).locator(".class-details").filter({ hasText: "Camden" }).first()).toBeVisible();
  await expect(rows(page).locator(".class-details").filter({ hasText: "Shoreditch" }).first()).toBeVisible();

  await page.goto(studioUrl("demo", "/calendar"));
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
