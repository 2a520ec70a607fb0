import { expect, test } from "@playwright/test";
import { createStudio, readMessage, signIn, studioUrl, uniqueSlug } from "./support";

const OWNER_PASSWORD = "a-long-password";

/**
 * A studio that requires confirmed addresses: a new client is told to confirm before booking,
 * opens the emailed link, presses Confirm, and may then book. Run with JavaScript on and off.
 */
test("a new client confirms their email address before booking", async ({ page, browser, request }, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "verify"));
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, slug, `owner@${slug}.test`, OWNER_PASSWORD);
  await owner.goto(studioUrl(slug, "/settings"));
  await owner.getByLabel("Clients must confirm their email address before booking").check();
  await owner.getByRole("button", { name: "Save settings" }).click();
  await expect(owner.getByRole("status")).toBeVisible();
  await expect(owner.getByLabel("Clients must confirm their email address before booking")).toBeChecked();

  const email = `nia-${testInfo.project.name}-${Date.now().toString(36)}@example.test`;
  await page.goto(studioUrl(slug, "/signup"));
  await page.getByLabel("Full name").fill("Nia Walters");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("my first password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(studioUrl(slug, "/"));
  // Refused before: the message beside where the Book buttons would be, with the way forward.
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("Please confirm your email address before booking");
  await refusal.getByRole("link", { name: "Send me a new link" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByText("Not confirmed yet")).toBeVisible();

  const body = await readMessage(owner, slug, "Confirm your email address", email);
  const link = body.match(/http:\/\/\S+\/verify-email\?token=\S+/)?.[0];
  await ownerContext.close();
  expect(link).toBeTruthy();

  // Opening the link uses nothing up (a mail scanner may open it); the button confirms.
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await page.goto(link!);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();

  // Allowed after: the refusal is gone from the home page and My account.
  await page.goto(studioUrl(slug, "/"));
  await expect(page.getByText("Please confirm your email address before booking")).toHaveCount(0);
  await page.goto(studioUrl(slug, "/account"));
  await expect(page.getByText("Not confirmed yet")).toHaveCount(0);

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();
});
