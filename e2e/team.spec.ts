import { expect, type Page, test } from "@playwright/test";
import {
  createStudio,
  invitationLink,
  invite,
  join,
  signedIn,
  signIn,
  studioRequest,
  studioUrl,
  uniqueSlug,
} from "./support";

const OWNER_PASSWORD = "a-long-password";

/** Changes the header's location switcher on the team page: by itself with JavaScript, with "Switch" without. */
async function switchLocation(page: Page, name: string, javaScript: boolean) {
  await page.getByLabel("Location", { exact: true }).selectOption({ label: name });
  if (!javaScript) await page.getByRole("button", { name: "Switch" }).click();
  await expect(
    page.getByText(`At ${name === "All locations" ? "all locations" : name}`, { exact: true }),
  ).toBeVisible();
}

async function addLocation(page: Page, slug: string, name: string) {
  await page.goto(studioUrl(slug, "/locations/new"));
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Street address").fill("9 Wharf Street");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS2 7EE");
  await page.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("an owner adds a location, invites an instructor there, and the team follows the switcher", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const javaScript = testInfo.project.name === "js";
  const slug = await createStudio(request, uniqueSlug(testInfo, "team"));
  await signIn(page, slug, `owner@${slug}.test`, OWNER_PASSWORD);
  await addLocation(page, slug, "Riverside");
  await invite(page, slug, { name: "Ines Iyer", email: `ines@${slug}.test`, role: "Instructor", at: "Riverside" });
  await expect(page.getByText("Invited, not joined yet")).toBeVisible();

  const link = await invitationLink(page, slug);
  expect(new URL(link).pathname).toBe("/join");
  const ines = await join(browser, link, javaScript, "Ines Iyer");
  await expect(ines.getByRole("heading", { name: "Hello, Ines" })).toBeVisible();
  await expect(ines.getByRole("banner")).toContainText("Ines Iyer · Instructor");
  // The link worked once.
  const again = await ines.goto(link);
  expect(again?.status()).toBe(410);
  await expect(ines.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await ines.context().close();

  await page.goto(studioUrl(slug, "/team"));
  await switchLocation(page, "Main", javaScript);
  await expect(page.getByRole("heading", { name: "Second Owner" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ines Iyer" })).toHaveCount(0);
  await switchLocation(page, "Riverside", javaScript);
  await expect(page.getByRole("heading", { name: "Ines Iyer" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Second Owner" })).toBeVisible();
  await switchLocation(page, "All locations", javaScript);
  await expect(page.getByRole("heading", { name: "Ines Iyer" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Ines Iyer" })).toContainText("Active");

  // The owner sends Ines to Main as well (§6: assign an instructor to more locations).
  await page.getByRole("link", { name: "Ines Iyer" }).click();
  await page.getByRole("group", { name: "Works at" }).getByLabel("Main").check();
  await page.getByRole("button", { name: "Save locations" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.goto(studioUrl(slug, "/team"));
  await switchLocation(page, "Main", javaScript);
  await expect(page.getByRole("heading", { name: "Ines Iyer" })).toBeVisible();
});

test("deactivating someone takes a confirmation and signs them out at once", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const javaScript = testInfo.project.name === "js";
  const slug = await createStudio(request, uniqueSlug(testInfo, "off"));
  await signIn(page, slug, `owner@${slug}.test`, OWNER_PASSWORD);
  await invite(page, slug, { name: "Dan Desk", email: `dan@${slug}.test`, role: "Receptionist", at: "Main" });
  const dan = await join(browser, await invitationLink(page, slug), javaScript, "Dan Desk");

  await page.goto(studioUrl(slug, "/team"));
  await page.getByRole("link", { name: "Dan Desk" }).click();
  await page.getByRole("link", { name: "Deactivate…" }).click();
  await expect(page.getByRole("heading", { name: "Deactivate Dan Desk?" })).toBeVisible();
  await page.getByRole("button", { name: "Deactivate Dan Desk" }).click();
  await expect(page.getByRole("status")).toHaveText("Deactivated. They can no longer sign in.");
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await dan.reload();
  await expect(dan.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await dan.goto(studioUrl(slug, "/login"));
  await dan.getByLabel("Email").fill(`dan@${slug}.test`);
  await dan.getByLabel("Password").fill("my-own-password");
  await dan.getByRole("button", { name: "Sign in" }).click();
  await expect(dan.getByRole("alert")).toHaveText("That email and password do not match");
  await dan.context().close();

  // The owner's own page offers no way to lock themselves out.
  await page.goto(studioUrl(slug, "/team"));
  await page.getByRole("link", { name: "Second Owner" }).click();
  await expect(page.getByRole("link", { name: "Deactivate…" })).toHaveCount(0);
});

test("a location manager invites only floor staff, only to their locations", async ({ page }) => {
  await signedIn(page, "demo", "manager@demo.test");
  await page.goto(studioUrl("demo", "/team/invite"));
  await expect(page.getByLabel("Role").locator("option")).toHaveText([
    "Choose a role",
    "Instructor",
    "Trainer",
    "Receptionist",
  ]);
  const where = page.getByRole("group", { name: "Works at" });
  await expect(where.getByRole("checkbox")).toHaveCount(1);
  await expect(where.getByLabel("Shoreditch")).toBeChecked();
  // A client's email never quietly becomes a staff account.
  await page.getByLabel("Full name").fill("Amara Okafor");
  await page.getByLabel("Email").fill("amara@demo.test");
  await page.getByLabel("Role").selectOption({ label: "Trainer" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("A client of the studio has this email")).toBeVisible();
});

test("an unknown invitation link gets a clear page", async ({ page, request }) => {
  const response = await page.goto(studioUrl("demo", "/join?token=not-a-real-token"));
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  const bare = await studioRequest(request, "demo", "/join");
  expect(bare.status()).toBe(410);
});
