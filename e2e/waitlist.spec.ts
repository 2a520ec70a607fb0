import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { signIn, studioUrl } from "./support";

/**
 * The waitlist in the demo studio: the owner makes a class full, a client joins its waitlist, a
 * booked client cancels, the worker's fill job emails the first in line an offer, and they take
 * the place from the link without signing in. Each project takes its own Sunday's Yin Yoga (the
 * studio's only one that day, weeks ahead where no other journey books) and its own pair of clients.
 */
// Four browsers (owner, two clients, the link's visitor) on a 2-core runner.
test.describe.configure({ timeout: 120_000 });

test("a place freed in a full class is offered to the first in line, who takes it from the link", async ({
  browser,
  page,
}, testInfo) => {
  const javaScriptEnabled = testInfo.project.name !== "nojs";
  const [booker, waiter] = javaScriptEnabled
    ? ["amara@demo.test", "ella@demo.test"]
    : ["ella@demo.test", "amara@demo.test"];
  const sunday = DateTime.now()
    .setZone("Europe/London")
    .startOf("week")
    .plus({ weeks: javaScriptEnabled ? 7 : 8, days: 6 });

  const ownerContext = await browser.newContext({ javaScriptEnabled });
  const owner = await ownerContext.newPage();
  const waiterContext = await browser.newContext({ javaScriptEnabled });
  const waiting = await waiterContext.newPage();
  await Promise.all([
    signIn(page, "demo", booker),
    signIn(owner, "demo", "owner@demo.test"),
    signIn(waiting, "demo", waiter),
  ]);

  // The booker takes a place; the owner then cuts the places to the number booked.
  await page.goto(studioUrl("demo", `/schedule?date=${sunday.toISODate()}`));
  await page.getByRole("link", { name: /Yin Yoga/ }).click();
  await expect(page.getByRole("heading", { name: "Yin Yoga", level: 1 })).toBeVisible();
  const classUrl = page.url();
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("You're booked in.");

  await owner.goto(classUrl);
  const hint = (await owner.locator("#class-capacity-hint").textContent()) ?? "";
  const booked = hint.match(/(\d+) booked/)?.[1];
  expect(booked).toBeTruthy();
  await owner.getByLabel("Places in this class").fill(booked as string);
  await owner.getByRole("button", { name: "Change places" }).click();
  await expect(owner.getByLabel("Places in this class")).toHaveValue(booked as string);

  // The class is full: the other client joins the waitlist and is first in line.
  await waiting.goto(classUrl);
  await expect(waiting.getByText("This class is full.")).toBeVisible();
  await waiting.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(waiting.getByText("You're number 1 in line.")).toBeVisible();

  // The booker cancels; the fill job offers the place to the first in line by email.
  await page.getByRole("link", { name: "Cancel booking" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this booking?" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this booking?" })).toBeHidden();

  const offer = owner.getByRole("link", { name: /^A place is free: Yin Yoga/ });
  await expect
    .poll(
      async () => {
        await owner.goto(studioUrl("demo", `/messages?q=${encodeURIComponent(waiter)}`));
        return offer.count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await offer.first().click();
  const body = (await owner.locator(".message-body").textContent()) ?? "";
  const link = body.match(/https?:\/\/\S+\/offers\/[\w-]+/)?.[0];
  expect(link).toBeTruthy();

  // Taken from a browser where nobody is signed in; the client then sees the booking.
  const anonymous = await browser.newContext({ javaScriptEnabled });
  const visitor = await anonymous.newPage();
  await visitor.goto(link as string);
  await visitor.getByRole("button", { name: "Take the place" }).click();
  await expect(visitor.getByRole("heading", { name: "You're booked" })).toBeVisible();

  await waiting.goto(classUrl);
  await expect(waiting.getByText("You're booked.")).toBeVisible();
});
