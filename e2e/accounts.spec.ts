import { expect, type Page, test } from "@playwright/test";
import { createStudio, readMessage, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

const PASSWORD = "my first password";
const NEW_PASSWORD = "my second password";

/** An email no other test, project or run uses. */
function uniqueEmail(testInfo: { project: { name: string }; workerIndex: number }, prefix: string) {
  return `${prefix}-${testInfo.project.name}-${testInfo.workerIndex}-${Date.now().toString(36)}@example.test`;
}

async function signUp(page: Page, email: string) {
  await page.goto(studioUrl("demo", "/"));
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Full name").fill("Nia Walters");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone (optional)").fill("07700 900456");
  await page.getByLabel("Password").fill(PASSWORD);
  await expect(page.getByLabel(/news and offers/)).not.toBeChecked();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(studioUrl("demo", "/"));
  await expect(page.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function expectSignInRefused(page: Page, email: string, password: string, message: string) {
  await page.goto(studioUrl("demo", "/login"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(message);
}

test("a visitor signs up, lands signed in, and signs in again later", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "signup");
  await signUp(page, email);
  // A client's menu folds "My account" under "More" (Packages joined the row).
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByText("More").click();
  await nav.getByRole("link", { name: "My account" }).click();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("Client", { exact: true })).toBeVisible();
  // Booking messages by email only, and news and offers, in one plain form: their drama-range
  // mobile offers SMS too, which they turn down.
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages.getByLabel("Email and text message")).toBeChecked();
  await messages.getByLabel("Email", { exact: true }).check();
  await messages.getByLabel("Send me news and offers").check();
  await messages.getByRole("button", { name: "Save message choices" }).click();
  await expect(page.getByRole("status")).toHaveText("Your message choices are saved.");
  await expect(messages.getByLabel("Email", { exact: true })).toBeChecked();
  await expect(messages.getByLabel("Send me news and offers")).toBeChecked();
  await signOut(page);

  // The same email cannot sign up twice here.
  await page.goto(studioUrl("demo", "/signup"));
  await page.getByLabel("Full name").fill("Nia Again");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText("An account with this email already exists. Sign in or reset your password."),
  ).toBeVisible();

  await signIn(page, "demo", email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();
});

test("a client resets a forgotten password with the emailed link", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "reset");
  await signUp(page, email);
  await signOut(page);

  await page.goto(studioUrl("demo", "/login"));
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "If an account exists for that email, we have sent a link to reset the password.",
  );

  // The owner reads the studio's messages in another browser, where the email waits.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, "demo", "owner@demo.test");
  const body = await readMessage(owner, "demo", "Reset your password", email);
  const link = body.match(/http:\/\/\S+\/reset-password\?token=\S+/)?.[0];
  await ownerContext.close();
  expect(link).toBeTruthy();

  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Type it again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("status")).toHaveText("Your password has been changed and you are signed in.");
  await expect(page.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Send me a new link" })).toBeVisible();

  await signOut(page);
  await expectSignInRefused(page, email, PASSWORD, "That email and password do not match");
  await signIn(page, "demo", email, NEW_PASSWORD);
});

test("a reset link that is unknown gets a clear page, not an error", async ({ page }) => {
  const response = await page.goto(studioUrl("demo", "/reset-password?token=not-a-real-token"));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await page.getByRole("link", { name: "Send me a new link" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
});

test("five wrong passwords lock that email from this address; an emailed link still signs the person in", async ({
  page,
  browser,
  request,
}, testInfo) => {
  // A studio of its own: its failures do not count against the demo studio's shared address.
  const slug = await createStudio(request, uniqueSlug(testInfo, "lock"));
  const email = uniqueEmail(testInfo, "guess");
  await page.goto(studioUrl(slug, "/signup"));
  await page.getByLabel("Full name").fill("Nia Walters");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();
  await signOut(page);

  await page.goto(studioUrl(slug, "/login"));
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    // Each answer must arrive before the next try, or the same message could be the previous one.
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByRole("alert")).toHaveText(
      attempt < 5
        ? "That email and password do not match"
        : "Too many sign-in attempts. Wait 15 minutes, or sign in with a link we email you.",
    );
  }

  await page.getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with an emailed link" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "If an account exists for that email, we have sent it a link to sign in.",
  );

  // The owner reads the studio's messages in another browser, where the email waits.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, slug, `owner@${slug}.test`, "a-long-password");
  const body = await readMessage(owner, slug, "Your sign-in link", email);
  const link = body.match(/http:\/\/\S+\/login\/link\?token=\S+/)?.[0];
  await ownerContext.close();
  expect(link).toBeTruthy();

  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();

  // The link worked once.
  await signOut(page);
  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "That sign-in link has expired or was already used. Ask for a new one.",
  );
});

test("a copied session cookie is refused once its owner signs out", async ({ page, request }) => {
  await signIn(page, "demo", "amara@demo.test");
  const [session] = await page.context().cookies(studioUrl("demo"));
  const asCopy = () =>
    studioRequest(request, "demo", "/api/clients/me", { headers: { cookie: `__session=${session?.value}` } });
  expect((await asCopy()).status()).toBe(200);
  await signOut(page);
  expect((await asCopy()).status()).toBe(401);
});

test("'Sign out everywhere' on My account ends the session in another browser too", async ({
  page,
  browser,
}, testInfo) => {
  const email = uniqueEmail(testInfo, "everywhere");
  await signUp(page, email);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, "demo", email, PASSWORD);
  await page.goto(studioUrl("demo", "/account"));
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await other.goto(studioUrl("demo", "/account"));
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await otherContext.close();
});
