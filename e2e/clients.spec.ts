import { expect, type Page, test } from "@playwright/test";
import { signedIn, signIn, studioUrl } from "./support";

// Both projects (JS on and off) run every journey in parallel on the shared demo studio, so each
// test works on a client it creates itself, or on a demo client no other test touches.

function uniqueTag(project: string) {
  return `${project}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function addClient(page: Page, client: { fullName: string; email: string; phone: string }) {
  await page.goto(studioUrl("demo", "/clients/new"));
  await page.getByLabel("Full name").fill(client.fullName);
  await page.getByLabel("Email").fill(client.email);
  await page.getByLabel("Phone (optional)").fill(client.phone);
  await page.getByLabel("Home location").selectOption({ label: "Camden" });
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: client.fullName })).toBeVisible();
}

test("the front desk adds, finds and edits a client, and cannot change the discount", async ({ page }, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  const client = { fullName: `Desk Client ${tag}`, email: `desk-${tag}@example.com`, phone: "+44 7700 900500" };
  await signedIn(page, "demo", "frontdesk@demo.test");
  await addClient(page, client);

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByText("More").click();
  await nav.getByRole("link", { name: "Clients" }).click();
  await page.getByLabel("Search by name, email or phone").fill(client.email.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 client", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: client.fullName }).click();

  await page.getByLabel("Phone", { exact: true }).first().fill("+44 20 7946 0123");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  // Stored in E.164 (issue 14): a fresh look shows it so.
  await page.reload();
  await expect(page.getByLabel("Phone", { exact: true }).first()).toHaveValue("+442079460123");

  // A forged discount: an input the receptionist's form never has. Works with JS off too.
  await page.evaluate(() => {
    const save = [...document.querySelectorAll("button")].find((b) => b.textContent === "Save changes");
    const form = save?.form as HTMLFormElement;
    const input = document.createElement("input");
    input.name = "discountPercent";
    input.value = "50";
    input.type = "hidden";
    form.append(input);
  });
  await page.getByLabel("Notes").fill("Should not be saved");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#discount")).toContainText("Only a manager or the owner can change financial details.");

  // A fresh GET (a reload after a post without JS would post the form again).
  await page.goto(page.url());
  await expect(page.locator("#discount")).toContainText("0%");
  await expect(page.getByLabel("Notes")).toHaveValue("");
});

test("a client answers the PAR-Q; the owner reads it, the front desk cannot", async ({ browser }, testInfo) => {
  // Submissions are append-only, so re-running on the same client is safe.
  const client =
    testInfo.project.name === "js"
      ? { email: "amara@demo.test", fullName: "Amara Okafor" }
      : { email: "ella@demo.test", fullName: "Ella Novak" };
  const clientPage = await (await browser.newContext()).newPage();
  await signIn(clientPage, "demo", client.email);
  await clientPage.goto(studioUrl("demo", "/account"));
  await clientPage.getByRole("link", { name: /Fill it in|See or update your answers/ }).click();
  await expect(clientPage.getByRole("heading", { name: "Health check (PAR-Q)" })).toBeVisible();

  // Leaving a question unanswered and a wrong name are both refused.
  await clientPage.getByLabel("Type your full name").fill("Somebody Else");
  await clientPage.getByRole("button", { name: "Send my answers" }).click();
  await expect(clientPage.getByText("Answer yes or no").first()).toBeVisible();
  const questions = clientPage.getByRole("group", { name: /^\d\./ });
  await expect(questions).toHaveCount(7);
  for (let i = 0; i < 7; i++) {
    await questions
      .nth(i)
      .getByLabel(i === 3 ? "Yes" : "No")
      .check();
  }
  await clientPage.getByRole("button", { name: "Send my answers" }).click();
  await expect(clientPage.getByText("Type your full name exactly as it is on your account")).toBeVisible();
  for (let i = 0; i < 7; i++) {
    await questions
      .nth(i)
      .getByLabel(i === 3 ? "Yes" : "No")
      .check();
  }
  await clientPage.getByLabel("Type your full name").fill(client.fullName.toLowerCase());
  await clientPage.getByRole("button", { name: "Send my answers" }).click();
  await expect(clientPage.getByText("Thank you, your answers are saved.")).toBeVisible();
  await expect(clientPage.getByRole("list").filter({ hasText: "Needs review" }).first()).toBeVisible();

  const owner = await (await browser.newContext()).newPage();
  await signedIn(owner, "demo", "owner@demo.test");
  await owner.goto(studioUrl("demo", `/clients?q=${encodeURIComponent(client.fullName)}`));
  const row = owner.getByRole("listitem").filter({ hasText: client.fullName });
  await expect(row.getByText("Health check needs review")).toBeVisible();
  await row.getByRole("link", { name: client.fullName }).click();
  await owner.getByRole("link", { name: "Read the answers" }).click();
  await expect(owner.getByRole("heading", { name: "Latest answers" })).toBeVisible();
  const answers = owner.locator(".parq-answers li");
  await expect(answers.nth(3)).toContainText("dizziness");
  await expect(answers.nth(3)).toContainText("Yes");
  const healthUrl = owner.url();

  const desk = await (await browser.newContext()).newPage();
  await signedIn(desk, "demo", "frontdesk@demo.test");
  const response = await desk.goto(healthUrl);
  expect(response?.status()).toBe(403);
  await expect(desk.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(desk.getByText("dizziness")).toHaveCount(0);
});

test("clients are refused the staff client pages", async ({ page }) => {
  await signedIn(page, "demo", "ben@demo.test");
  const response = await page.goto(studioUrl("demo", "/clients"));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
