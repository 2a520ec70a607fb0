import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { createStudio, signIn, studioUrl, uniqueSlug } from "./support";

// A studio of its own per project, so the list holds only this test's client.
test("the owner sees credits about to expire, gives more with a reason and writes to the client", async ({
  page,
  request,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "churn"));
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");
  const client = { fullName: "Ada Lovelace", email: `ada-${slug}@example.com` };

  // A client with 3 credits that expire in 5 days, unused.
  await page.goto(studioUrl(slug, "/clients/new"));
  await page.getByLabel("Full name").fill(client.fullName);
  await page.getByLabel("Email").fill(client.email);
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: client.fullName })).toBeVisible();
  await page.getByRole("link", { name: "Manage credits" }).click();
  const give = page.getByRole("region", { name: "Give credits" });
  await give.getByLabel("Credits", { exact: true }).fill("3");
  await give.getByLabel("Valid for").fill("5");
  await give.getByLabel("Reason").fill("Trial week");
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(page.getByRole("status")).toHaveText("Credits given.");

  // The list says so in words.
  await page.goto(studioUrl(slug, "/dashboard/churn"));
  await expect(page.getByRole("heading", { level: 1, name: "Clients at risk" })).toBeVisible();
  const expires = DateTime.now().setZone("Europe/London").plus({ days: 5 }).setLocale("en-GB").toFormat("cccc d LLLL");
  const item = page.locator(".churn-list > li").filter({ hasText: client.fullName });
  await expect(item).toContainText(`3 credits expire on ${expires} unused`);

  // Two more credits with a reason: a missing reason is refused next to its field first.
  await item.getByText(`Give ${client.fullName} credits`).click();
  const credits = item.locator("details").filter({ hasText: "Give " });
  await credits.getByLabel("Credits").fill("2");
  await credits.getByLabel("Valid for").fill("30");
  await credits.getByRole("button", { name: "Give credits" }).click();
  await expect(credits.getByText("Enter a reason")).toBeVisible();
  await credits.getByLabel("Reason").fill("We miss you");
  await credits.getByRole("button", { name: "Give credits" }).click();
  await expect(page.getByRole("status")).toHaveText(`2 credits given to ${client.fullName}`);

  // A message through Messages.
  const again = page.locator(".churn-list > li").filter({ hasText: client.fullName });
  await again.getByText(`Send ${client.fullName} a message`).click();
  const message = again.locator("details").filter({ hasText: "Send " });
  await message.getByLabel("Subject").fill("Your credits are waiting");
  await message.getByLabel("Message").fill("Three classes are yours this week.");
  await message.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status")).toHaveText(`Message to ${client.fullName} queued`);

  // The message log shows it, to the client, as a staff message.
  await page.goto(studioUrl(slug, `/messages?q=${encodeURIComponent(client.email)}`));
  const logged = page.getByRole("listitem").filter({ hasText: "Your credits are waiting" });
  await expect(logged).toContainText(`Email to ${client.email}`);
  await expect(logged).toContainText("Staff message");
});
