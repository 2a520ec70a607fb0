import { type Browser, expect, type Page, test } from "@playwright/test";
import { readMessage, signedIn, studioUrl } from "./support";

// Both projects (JS on and off) run in parallel on the shared demo studio: each test makes its
// own package and its own client, so balances are exactly what this test did.

const PASSWORD = "a-long-client-password";

function uniqueTag(project: string) {
  return `${project}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** A client the front desk adds sets a password through the emailed reset link (read from the studio's messages). */
async function setClientPassword(browser: Browser, email: string) {
  const page = await newPage(browser);
  await page.goto(studioUrl("demo", "/forgot-password"));
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const owner = await newPage(browser);
  await signedIn(owner, "demo", "owner@demo.test");
  const body = await readMessage(owner, "demo", "Reset your password", email);
  const link = body.match(/http:\/\/\S+\/reset-password\?token=\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Type it again").fill(PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

async function balanceIs(page: Page, credits: number) {
  await expect(page.locator(".balance-line").first()).toContainText(`${credits} credit`);
}

test("owner sells a package; the front desk gives and adjusts it; the client sees the balance", async ({
  page,
  browser,
}, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  const packName = `Desk pack ${tag}`;

  // The owner adds a package; a bad number is refused next to its field first.
  await signedIn(page, "demo", "owner@demo.test");
  await page.goto(studioUrl("demo", "/packages"));
  await page.getByRole("link", { name: "New package" }).click();
  await page.getByLabel("Name").fill(packName);
  await page.getByLabel("Credits").fill("0");
  await page.getByLabel("Valid for").fill("45");
  await page.getByLabel("Price in £").fill("96");
  await page.getByRole("button", { name: "Add package" }).click();
  await expect(page.getByText("At least 1 credit")).toBeVisible();
  await page.getByLabel("Credits").fill("8");
  await page.getByRole("button", { name: "Add package" }).click();
  await expect(page.getByRole("status")).toHaveText("Package added. It is on sale now.");
  const card = page.getByRole("listitem").filter({ hasText: packName });
  await expect(card).toContainText("£96.00");
  await expect(card).toContainText("45 days from purchase");
  await expect(card).toContainText("Every location");

  // The front desk adds a walk-in client and gives them the package.
  const desk = await newPage(browser);
  await signedIn(desk, "demo", "frontdesk@demo.test");
  const client = { fullName: `Pack Client ${tag}`, email: `pack-${tag}@example.com` };
  await desk.goto(studioUrl("demo", "/clients/new"));
  await desk.getByLabel("Full name").fill(client.fullName);
  await desk.getByLabel("Email").fill(client.email);
  await desk.getByLabel("Home location").selectOption({ label: "Camden" });
  await desk.getByRole("button", { name: "Add client" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: client.fullName })).toBeVisible();
  await desk.getByRole("link", { name: "Manage credits" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: "Credits" })).toBeVisible();
  await balanceIs(desk, 0);

  const give = desk.getByRole("region", { name: "Give credits" });
  await give.getByLabel(new RegExp(`^${packName}`)).check();
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(give.getByText("Enter a reason")).toBeVisible();
  await give.getByLabel(new RegExp(`^${packName}`)).check();
  await give.getByLabel("Reason").fill("Paid by card at the desk");
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(desk.getByRole("status")).toHaveText("Credits given.");
  await balanceIs(desk, 8);

  // A goodwill credit: a number of credits rather than a package.
  await give.getByLabel("A number of credits").check();
  await give.getByLabel("Credits", { exact: true }).fill("2");
  await give.getByLabel("Valid for").fill("10");
  await give.getByLabel("Name (optional)").fill("Welcome credits");
  await give.getByLabel("Reason").fill("New member");
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(desk.getByRole("status")).toHaveText("Credits given.");
  await balanceIs(desk, 10);

  // Taking away more than the grant holds is refused; a correction with a reason is kept.
  const adjust = desk.getByRole("region", { name: "Adjust credits" });
  await adjust.getByLabel("Which credits").selectOption({ label: (await optionFor(adjust, packName)) ?? "" });
  await adjust.getByLabel("Change").fill("-9");
  await adjust.getByLabel("Reason").fill("Too many");
  await adjust.getByRole("button", { name: "Adjust credits" }).click();
  await expect(adjust.getByText("That would take away more credits than the client has.")).toBeVisible();
  await adjust.getByLabel("Which credits").selectOption({ label: (await optionFor(adjust, packName)) ?? "" });
  await adjust.getByLabel("Change").fill("-3");
  await adjust.getByLabel("Reason").fill("Sold twice by mistake");
  await adjust.getByRole("button", { name: "Adjust credits" }).click();
  await expect(desk.getByRole("status")).toHaveText("Credits adjusted.");
  await balanceIs(desk, 7);
  const history = desk.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").first()).toContainText("-3");
  await expect(history.getByRole("listitem").first()).toContainText("Sold twice by mistake");
  await expect(history.getByRole("listitem").first()).toContainText("Rosa Lindqvist");
  await expect(history).toContainText("Paid by card at the desk");

  // The client signs in and sees what they hold, and how to buy more.
  const own = await setClientPassword(browser, client.email);
  await own.goto(studioUrl("demo", "/account"));
  await own.getByRole("link", { name: "See my credits" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "My credits" })).toBeVisible();
  await balanceIs(own, 7);
  const grants = own.getByRole("region", { name: "Your credits" });
  await expect(grants.getByRole("listitem").filter({ hasText: packName })).toContainText("5 left");
  await expect(grants.getByRole("listitem").filter({ hasText: "Welcome credits" })).toContainText("2 left");
  await expect(own.getByRole("region", { name: "Recent changes" })).toContainText("Sold twice by mistake");

  const nav = own.getByRole("navigation", { name: "Main" });
  await nav.getByText("More").click();
  await nav.getByRole("link", { name: "Packages" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "Packages" })).toBeVisible();
  await balanceIs(own, 7);
  await expect(own.getByRole("region", { name: "How to buy" })).toContainText("at the front desk");
  await expect(own.getByRole("listitem").filter({ hasText: packName })).toContainText("£96.00");
  await expect(own.getByRole("link", { name: "New package" })).toHaveCount(0);
});

/** The adjust form's option text for a grant (its remaining count and date change as we go). */
async function optionFor(form: ReturnType<Page["getByRole"]>, name: string) {
  return form.locator("option").filter({ hasText: name }).first().textContent();
}

test("the owner edits and archives a package; clients and the front desk cannot manage packages", async ({
  page,
  browser,
}, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  await signedIn(page, "demo", "owner@demo.test");
  await page.goto(studioUrl("demo", "/packages/new"));
  await page.getByLabel("Name").fill(`Short pack ${tag}`);
  await page.getByLabel("Credits").fill("3");
  await page.getByLabel("Valid for").fill("20");
  await page.getByLabel("Price in £").fill("40.50");
  await page.getByLabel("Camden").check();
  await page.getByRole("button", { name: "Add package" }).click();
  await page.getByRole("link", { name: `Edit Short pack ${tag}` }).click();
  await expect(page.getByLabel("Price in £")).toHaveValue("40.50");
  await expect(page.getByLabel("Camden")).toBeChecked();
  await page.getByLabel("Price in £").fill("45");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved.");
  const card = page.getByRole("listitem").filter({ hasText: `Short pack ${tag}` });
  await expect(card).toContainText("£45.00");
  await expect(card).toContainText("Camden");
  await card.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("status")).toContainText("Package archived");
  const heading = { name: `Short pack ${tag}` };
  await expect(page.getByRole("region", { name: "Archived" }).getByRole("heading", heading)).toBeVisible();
  await expect(page.getByRole("region", { name: "On sale" }).getByRole("heading", heading)).toHaveCount(0);

  for (const email of ["ben@demo.test", "frontdesk@demo.test"]) {
    const other = await newPage(browser);
    await signedIn(other, "demo", email);
    const response = await other.goto(studioUrl("demo", "/packages/new"));
    expect(response?.status()).toBe(403);
    await other.goto(studioUrl("demo", "/packages"));
    await expect(other.getByRole("link", { name: "New package" })).toHaveCount(0);
    await expect(other.getByRole("button", { name: "Archive" })).toHaveCount(0);
  }
});
