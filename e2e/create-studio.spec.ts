import { expect, test } from "@playwright/test";
import { uniqueSlug } from "./support";

test.describe("a new owner creates a studio on the apex domain", () => {
  test("fills the form and lands signed in on their own subdomain", async ({ page }, testInfo) => {
    const slug = uniqueSlug(testInfo, "new");
    await page.goto("/");
    await page.getByRole("link", { name: "Create your studio" }).click();
    await expect(page.getByRole("heading", { name: "Create your studio" })).toBeVisible();

    await page.getByLabel("Studio name").fill("Riverside <b>Pilates</b>");
    await page.getByLabel("Web address").fill(slug);
    await page.getByLabel("Your name").fill("Jo Rivers");
    await page.getByLabel("Email").fill("jo@example.com");
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByLabel("Location name").fill("Riverside");
    await page.getByLabel("Street address").fill("5 Quay Lane");
    await page.getByLabel("Town or city").fill("Bristol");
    await page.getByLabel("Postcode").fill("BS1 4RN");
    await page.getByLabel("Time zone").selectOption("Europe/London");
    await page.getByRole("button", { name: "Create studio" }).click();

    await page.waitForURL(new RegExp(`^http://${slug}\\.localhost:\\d+/\\?welcome=1$`));
    await expect(page.getByRole("status")).toHaveText("Your studio is ready. Welcome to Wondrous!");
    // Markup in the name is shown as text, never rendered.
    await expect(page.getByRole("link", { name: "Riverside <b>Pilates</b>" })).toBeVisible();
    await expect(page.getByText("Jo Rivers")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hello, Jo" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByText("More").click();
    await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();

    // The handoff link worked once; the session now lives on the studio's host only.
    const cookies = await page.context().cookies(`http://${slug}.localhost`);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([["__session", true, "Lax"]]);
    expect(await page.context().cookies("http://localhost")).toEqual([]);
  });

  test("bad input gets a message next to each field and creates nothing", async ({ page }) => {
    await page.goto("/start");
    await page.getByLabel("Web address").fill("admin");
    await page.getByLabel("Password").fill("short");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create studio" }).click();

    await expect(page.getByText("That address is reserved; please choose another")).toBeVisible();
    await expect(page.getByText("Use at least 10 characters")).toBeVisible();
    await expect(page.getByText("Enter an email address like name@example.com")).toBeVisible();
    await expect(page.getByText("Enter your studio's name")).toBeVisible();
    await expect(page.getByLabel("Web address")).toHaveAttribute("aria-invalid", "true");
    // The password is never sent back to the browser.
    await expect(page.getByLabel("Password")).toHaveValue(/^(short)?$/);
    await expect(page).toHaveURL(/\/start$/);
  });

  test("a subdomain that is taken is refused with a clear message", async ({ page }) => {
    await page.goto("/start");
    await page.getByLabel("Studio name").fill("Another Demo");
    await page.getByLabel("Web address").fill("demo");
    await page.getByLabel("Your name").fill("Sam");
    await page.getByLabel("Email").fill("sam@example.com");
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByLabel("Location name").fill("Main");
    await page.getByLabel("Street address").fill("1 Road");
    await page.getByLabel("Town or city").fill("Leeds");
    await page.getByLabel("Postcode").fill("LS1 1AA");
    await page.getByRole("button", { name: "Create studio" }).click();
    await expect(page.getByText("That address is already taken; please choose another")).toBeVisible();
    await expect(page.getByLabel("Studio name")).toHaveValue("Another Demo");
  });
});
