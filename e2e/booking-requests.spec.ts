import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { signIn, studioUrl } from "./support";

/**
 * Instructor-led booking requests in the demo studio: a client asks Priya for a Reformer Pilates
 * Private at Shoreditch; Priya proposes another time (her Thursday hours there, which clients
 * cannot book themselves, so no other journey competes for them); the client accepts from the link in
 * their email, without signing in; both see the confirmed session. Each project takes its own hour.
 */
// Four browsers (client, instructor, owner, the link's visitor) on a 2-core runner.
test.describe.configure({ timeout: 120_000 });

test("a client asks for a session, the instructor proposes a time, the client books it from the link", async ({
  browser,
  page,
}, testInfo) => {
  const javaScriptEnabled = testInfo.project.name !== "nojs";
  // The projects run side by side: each its own client (both hold PT credits) and hour.
  const hour = javaScriptEnabled ? "10:00" : "12:00";
  const client = javaScriptEnabled
    ? { email: "amara@demo.test", name: "Amara Okafor" }
    : { email: "ben@demo.test", name: "Ben Hughes" };
  const thursday = DateTime.now().setZone("Europe/London").startOf("week").plus({ weeks: 6, days: 3 });
  const asked = `${thursday.minus({ days: 1 }).toISODate()}T${hour}`;

  // Each role signs in once, side by side.
  const staff = await browser.newContext({ javaScriptEnabled });
  const priya = await staff.newPage();
  const ownerContext = await browser.newContext({ javaScriptEnabled });
  const owner = await ownerContext.newPage();
  await Promise.all([
    signIn(page, "demo", client.email),
    signIn(priya, "demo", "priya@demo.test"),
    signIn(owner, "demo", "owner@demo.test"),
  ]);

  // The client finds the request form where the booking flow names the instructor-led session.
  await page.goto(studioUrl("demo", "/book"));
  await page.getByRole("link", { name: "Ask an instructor for a session" }).click();
  await page.getByLabel("Session", { exact: true }).selectOption({ label: "Reformer Pilates Private (55 min)" });
  await page.getByLabel("Location", { exact: true }).selectOption({ label: "Shoreditch" });
  await page.getByLabel("Instructor", { exact: true }).selectOption({ label: "Priya Shah" });
  await page.getByLabel("First choice").fill(asked);
  await page.getByLabel("Anything your instructor should know? (optional)").fill(`Request ${hour}`);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("Your request is sent");

  // The instructor finds it on /teaching and proposes her Thursday hour instead.
  await priya.goto(studioUrl("demo", "/teaching"));
  await priya
    .getByRole("region", { name: "Session requests" })
    .getByRole("link", { name: new RegExp(client.name) })
    .first()
    .click();
  await expect(priya.getByText(`Request ${hour}`)).toBeVisible();
  await priya.getByLabel("Time (Shoreditch clock)").fill(`${thursday.toISODate()}T${hour}`);
  await priya.getByRole("button", { name: "Propose this time" }).click();
  await expect(priya.getByText("Another time proposed")).toBeVisible();

  // The owner reads the email the client got (one-time links show only to the owner).
  await owner.goto(studioUrl("demo", `/messages?q=${encodeURIComponent(client.email)}`));
  await owner
    .getByRole("link", { name: /Priya Shah proposes/ })
    .first()
    .click();
  const body = (await owner.locator(".message-body").textContent()) ?? "";
  const link = body.match(/https?:\/\/\S+\/proposal\/\S+/)?.[0];
  expect(link).toBeTruthy();

  // The client opens it in a browser where nobody is signed in, and books in one tap.
  const anonymous = await browser.newContext({ javaScriptEnabled });
  const visitor = await anonymous.newPage();
  await visitor.goto(link as string);
  await visitor.getByRole("button", { name: "Accept and book this time" }).click();
  await expect(visitor.getByRole("status")).toContainText("Booked: Reformer Pilates Private with Priya Shah");

  // Both sides see the confirmed session.
  await page.goto(studioUrl("demo", "/requests"));
  await expect(page.getByText("Booked").first()).toBeVisible();
  await page.getByRole("link", { name: "See the booking" }).first().click();
  await expect(page.getByText("Confirmed").first()).toBeVisible();
  await priya.goto(studioUrl("demo", `/teaching?view=week&date=${thursday.toISODate()}`));
  await expect(priya.getByRole("link", { name: new RegExp(client.name) }).first()).toBeVisible();
  await Promise.all([staff.close(), ownerContext.close(), anonymous.close()]);
});
