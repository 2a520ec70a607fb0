import { expect, type Page, test } from "@playwright/test";
import { api, signedIn, studioUrl } from "./support";

// Every client belongs to a location the staff can see (issue 12, item 1). Both projects run in
// parallel on the demo studio (Camden and Shoreditch; the front desk works at Camden, the
// manager at Shoreditch), so each journey creates its own client.

function uniqueTag(project: string) {
  return `${project}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function findClient(page: Page, email: string, fullName: string) {
  await page.goto(studioUrl("demo", "/clients"));
  await page.getByLabel("Search by name, email or phone").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 client", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
}

test("a client signs up at Camden on the web; Camden's front desk finds and opens them", async ({ page }, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  const client = { fullName: `Web Signup ${tag}`, email: `web-${tag}@example.com` };

  await page.goto(studioUrl("demo", "/signup"));
  await page.getByLabel("Full name").fill(client.fullName);
  await page.getByLabel("Email").fill(client.email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByLabel("Your usual location").selectOption({ label: "Camden" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: `Hello, Web` })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  await signedIn(page, "demo", "frontdesk@demo.test");
  await findClient(page, client.email, client.fullName);
  await expect(page.getByRole("group", { name: "Locations" }).getByLabel("Camden")).toBeChecked();
});

test("a Shoreditch class's sign-up link starts the form on Shoreditch", async ({ page }) => {
  await page.goto(studioUrl("demo", "/schedule"));
  await page.getByLabel("Location").selectOption({ label: "Shoreditch" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toContainText("at Shoreditch");
  // Today's classes may all have started (no sign-up on those): from tomorrow, walk forward to a
  // day with some.
  const rows = page.locator(".class-list .class-row");
  const dayHeading = page.getByRole("heading", { level: 2 });
  for (let i = 0; i < 8 && (i === 0 || (await rows.count()) === 0); i++) {
    const shown = (await dayHeading.textContent()) ?? "";
    await page.getByRole("link", { name: "Next day" }).click();
    await expect(dayHeading).not.toHaveText(shown);
  }
  await rows.first().getByRole("link").click();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("Your usual location").locator("option:checked")).toHaveText("Shoreditch");
});

test("the owner adds Shoreditch to a client's locations; Shoreditch's manager then finds them", async ({
  page,
  browser,
  request,
}, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  const client = { fullName: `Api Signup ${tag}`, email: `api-${tag}@example.com` };
  // An app sign-up without a location: the studio's first, Camden.
  await api(request, "demo", "/api/auth/signup", { ...client, password: "a-long-password" });

  await signedIn(page, "demo", "owner@demo.test");
  await findClient(page, client.email, client.fullName);
  const locations = page.getByRole("group", { name: "Locations" });
  await expect(locations.getByLabel("Camden")).toBeChecked();
  await expect(locations.getByLabel("Shoreditch")).not.toBeChecked();

  // Nothing ticked: at least one must remain.
  await locations.getByLabel("Camden").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(locations.getByText("Keep at least one location")).toBeVisible();

  await page.goto(page.url().split("?")[0] as string);
  await page.getByRole("group", { name: "Locations" }).getByLabel("Shoreditch").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByRole("group", { name: "Locations" }).getByLabel("Shoreditch")).toBeChecked();

  const manager = await (await browser.newContext({ javaScriptEnabled: testInfo.project.name === "js" })).newPage();
  await signedIn(manager, "demo", "manager@demo.test");
  await findClient(manager, client.email, client.fullName);
  // The manager works at Shoreditch only: that is the one box they may change.
  const theirs = manager.getByRole("group", { name: "Locations" });
  await expect(theirs.getByLabel("Shoreditch")).toBeChecked();
  await expect(theirs.getByLabel("Camden")).toHaveCount(0);
});
