import { expect, test } from "@playwright/test";
import { signedIn, studioRequest, studioUrl } from "./support";

test("an instructor subscribes to their schedule with a private calendar link", async ({ page, request }, testInfo) => {
  // One instructor per project: each run makes a new link, which retires the other project's.
  const email = testInfo.project.name === "js" ? "priya@demo.test" : "tom@demo.test";
  await signedIn(page, "demo", email);
  await page.goto(studioUrl("demo", "/account"));
  await page.getByRole("link", { name: "Add my schedule to my calendar" }).click();
  await page.getByRole("button", { name: /^(Create my calendar link|Make a new link)/ }).click();
  await expect(page.getByRole("status")).toContainText("Your new link");
  const link = await page.getByRole("textbox", { name: "Calendar link" }).inputValue();
  expect(link).toMatch(/^http:\/\/demo\.localhost:\d+\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);

  const feed = await studioRequest(request, "demo", new URL(link).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const ics = await feed.text();
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(ics).toContain("BEGIN:VEVENT");

  await page.getByRole("button", { name: "Turn off my calendar link" }).click();
  await expect(page.getByRole("button", { name: "Create my calendar link" })).toBeVisible();
  expect((await studioRequest(request, "demo", new URL(link).pathname)).status()).toBe(404);
});
