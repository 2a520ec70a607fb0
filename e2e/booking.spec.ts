import { type APIRequestContext, type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import { api, createStudio, ownerApi, signedIn, signIn, studioUrl, uniqueSlug } from "./support";

/**
 * Booking journeys on a fresh studio each (the projects run side by side, so no two tests
 * compete for one instructor's time): an owner who trains 08:00–17:00 on the weekday two days
 * from now, a free 30-minute session, a free class and a class that needs a credit that day,
 * and a new client.
 */

const PASSWORD = "a-long-password";
const inTwoDays = () => DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 2 });

// Each journey sets up its own studio first.
test.describe.configure({ timeout: 60_000 });

async function bookingStudio(request: APIRequestContext, browser: Browser, testInfo: TestInfo, { hours = true } = {}) {
  const slug = await createStudio(request, uniqueSlug(testInfo, "bk"));
  const owner = await ownerApi(request, slug, PASSWORD);
  const { locationId } = owner;
  const service = (fields: Record<string, unknown>) =>
    api(
      request,
      slug,
      "/api/services",
      {
        price_minor: 0,
        available_at_locations: [locationId],
        booking_mode: "self_booking",
        self_booking_enabled: true,
        cancellation_window_hours: 12,
        ...fields,
      },
      owner.token,
    );
  await service({ name: "Intro Chat", type: "session", duration_minutes: 30, requires_credit: false });
  const free = await service({
    name: "Open Flow",
    type: "class",
    duration_minutes: 60,
    capacity: 8,
    requires_credit: false,
  });
  const paid = await service({
    name: "Power Hour",
    type: "class",
    duration_minutes: 60,
    capacity: 8,
    price_minor: 1500,
  });
  const day = inTwoDays();
  for (const [created, startTime] of [
    [free, "18:00"],
    [paid, "19:15"],
  ] as const) {
    await api(
      request,
      slug,
      "/api/class-series",
      {
        serviceId: created.service.id,
        locationId,
        instructorId: owner.user.id,
        weekday: day.weekday,
        startTime,
        // Two days from now may be a weekend, when Main closes early: the owner confirms.
        overrideOpeningHours: true,
      },
      owner.token,
    );
  }

  if (hours) {
    // Weekly hours have no API: the owner adds that weekday's on their availability page.
    const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
    const ownerPage = await context.newPage();
    await signIn(ownerPage, slug, `owner@${slug}.test`, PASSWORD);
    await ownerPage.goto(studioUrl(slug, "/availability"));
    const add = ownerPage.getByRole("region", { name: "Add weekly hours" });
    await add.getByLabel("Day").selectOption(day.setLocale("en-GB").toFormat("cccc"));
    await add.getByLabel("From").fill("08:00");
    await add.getByLabel("Until").fill("17:00");
    await add.getByRole("button", { name: "Add hours" }).click();
    await expect(ownerPage.getByRole("status")).toHaveText("Saved.");
    await context.close();
  }

  const clientEmail = `client-${slug}@example.com`;
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Casey Client",
    email: clientEmail,
    password: PASSWORD,
  });
  return { slug, clientEmail, clientId: client.user.id as string, date: day.toISODate() as string };
}

/** A form post as the signed-in browser would send it (Node cannot resolve *.localhost). */
async function postAs(page: Page, slug: string, path: string, form: Record<string, string>) {
  const cookies = await page.context().cookies(studioUrl(slug));
  return page.request.post(`http://127.0.0.1:${PORT}${path}`, {
    form,
    headers: {
      host: `${slug}.localhost:${PORT}`,
      origin: `http://${slug}.localhost:${PORT}`,
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
    },
    maxRedirects: 0,
  });
}

/** The class on that day, opened from the schedule like a client would. */
async function openClass(page: Page, slug: string, date: string, name: string, query = "") {
  await page.goto(studioUrl(slug, `/schedule?date=${date}${query}`));
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("a client books a session in three steps, moves it, sees it in My bookings and cancels it", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const s = await bookingStudio(request, browser, testInfo);
  await signIn(page, s.slug, s.clientEmail, PASSWORD);
  // The home page offers both ways to book.
  await page.getByRole("link", { name: "Book a session" }).click();
  await expect(page.getByRole("heading", { name: "Book a session" })).toBeVisible();

  // 1: the session; 2: a day two days out and its first time; 3: confirm.
  await page.getByRole("link", { name: /Intro Chat/ }).click();
  const label = (date: DateTime) => date.setLocale("en-GB").toFormat("cccc d LLLL");
  const day = label(DateTime.fromISO(s.date));
  await page.getByRole("link", { name: "Next day →" }).click();
  await expect(page.getByRole("heading", { name: label(DateTime.fromISO(s.date).minus({ days: 1 })) })).toBeVisible();
  await page.getByRole("link", { name: "Next day →" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(day) })).toBeVisible();
  await page.getByRole("link", { name: `08:00, ${day}` }).click();
  await expect(page.getByRole("heading", { name: "Confirm your booking" })).toBeVisible();
  await expect(page.getByText(`${day}, 08:00–08:30`)).toBeVisible();
  await expect(page.getByText("Any available instructor")).toBeVisible();
  await expect(page.getByText(/No credit is used/)).toBeVisible();

  // The same submission sent twice (a phone on a weak signal) makes one booking.
  const form = page.locator("form[method=post]");
  const fields = Object.fromEntries(
    await form
      .locator("input[type=hidden]")
      .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
  );
  await page.getByLabel(/Anything your instructor should know/).fill("First time here");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("You're booked in.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Intro Chat" })).toBeVisible();
  await expect(page.getByText("First time here")).toBeVisible();
  const bookingUrl = new URL(page.url()).pathname;
  const again = await postAs(page, s.slug, "/book/confirm", fields);
  expect(again.status()).toBe(302);
  expect(again.headers().location).toBe(`${bookingUrl}?booked=1`);

  // Move it to a later time the same day.
  await page.getByRole("link", { name: "Move to another time" }).click();
  await expect(page.getByRole("heading", { name: "Move this booking" })).toBeVisible();
  await page.getByRole("link", { name: `10:00, ${day}` }).click();
  await expect(page.getByRole("heading", { name: /Move to .*10:00\?/ })).toBeVisible();
  await page.getByRole("button", { name: "Move booking" }).click();
  await expect(page.getByText(/Booking moved/)).toBeVisible();
  await expect(page.getByText(`${day}, 10:00–10:30`)).toBeVisible();

  await page.getByRole("link", { name: "My bookings" }).first().click();
  const upcoming = page.getByRole("region", { name: "Coming up" });
  await expect(upcoming.getByRole("link", { name: /Intro Chat/ })).toHaveCount(1);
  await expect(upcoming).toContainText("10:00–10:30");
  await upcoming.getByRole("link", { name: /Intro Chat/ }).click();

  await page.getByRole("link", { name: "Cancel booking" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this booking?" })).toBeVisible();
  await expect(page.getByText("No credit was used for this booking, so nothing is charged.")).toBeVisible();
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByText("Booking cancelled.")).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "My bookings" }).first().click();
  await expect(page.getByRole("region", { name: "Coming up" })).toContainText("Nothing booked yet.");
  await expect(page.getByRole("region", { name: "Cancelled" })).toContainText("Intro Chat");
});

test("a client books a class from the schedule; one without credits is sent to buy a package", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const s = await bookingStudio(request, browser, testInfo, { hours: false });
  await signIn(page, s.slug, s.clientEmail, PASSWORD);

  await openClass(page, s.slug, s.date, "Open Flow");
  await expect(page.getByText("8 spots left")).toBeVisible();
  // One place per booking in this studio: no places to choose.
  await expect(page.getByLabel("Places")).toHaveCount(0);
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByText("You're booked in.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Open Flow" })).toBeVisible();
  await page.getByRole("link", { name: "About this class" }).click();
  await expect(page.getByText("You're booked.")).toBeVisible();
  await expect(page.getByText("7 spots left")).toBeVisible();
  await expect(page.getByRole("button", { name: "Book", exact: true })).toHaveCount(0);

  await openClass(page, s.slug, s.date, "Power Hour");
  await expect(page.getByText("You have no credits for this class.")).toBeVisible();
  await page.getByRole("button", { name: "Book", exact: true }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("You have no credits that cover this. Buy a package to book.");
  await expect(alert.getByRole("link", { name: "Buy a package" })).toHaveAttribute("href", "/packages");

  await page.getByRole("link", { name: "My bookings" }).first().click();
  await expect(page.getByRole("region", { name: "Coming up" }).getByRole("link")).toHaveCount(1);
});

test("the studio books a client into a class and a session from the client's page", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const s = await bookingStudio(request, browser, testInfo);
  await signIn(page, s.slug, `owner@${s.slug}.test`, PASSWORD);
  await page.goto(studioUrl(s.slug, `/clients/${s.clientId}`));
  await expect(page.getByText("Casey Client has nothing booked.")).toBeVisible();

  await page.getByRole("link", { name: "Book a class" }).click();
  await expect(page.getByText("Booking for Casey Client")).toBeVisible();
  await openClass(page, s.slug, s.date, "Open Flow", `&clientId=${s.clientId}`);
  const bookIn = page.getByRole("region", { name: "Book a client in" });
  await expect(bookIn.getByLabel("Client", { exact: true })).toHaveValue(s.clientId);
  await bookIn.getByRole("button", { name: "Book client in" }).click();
  await expect(page.getByText("Casey Client is booked in.")).toBeVisible();
  // The owner teaches it: a booking by its instructor.
  await expect(page.getByText("By the instructor")).toBeVisible();
  await page.getByRole("link", { name: "About this class" }).click();
  const roster = page.getByRole("region", { name: /Booked in/ });
  await expect(roster).toContainText("1 of 8");
  await expect(roster.getByRole("link", { name: "Casey Client" })).toBeVisible();

  await page.goto(studioUrl(s.slug, `/clients/${s.clientId}`));
  await page.getByRole("link", { name: "Book a session" }).click();
  await expect(page.getByRole("heading", { name: "Book a session for Casey Client" })).toBeVisible();
  await page.getByRole("link", { name: /Intro Chat/ }).click();
  // Today and tomorrow are not worked: the page offers the first day that is.
  await page.getByRole("link", { name: /^try / }).click();
  await page.locator("a.slot").first().click();
  await expect(page.getByRole("heading", { name: "Book Casey Client in" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("Casey Client is booked in.")).toBeVisible();

  await page.goto(studioUrl(s.slug, `/clients/${s.clientId}`));
  const coming = page.getByRole("region", { name: "Coming up" });
  await expect(coming.getByRole("link", { name: /Intro Chat/ })).toBeVisible();
  await expect(coming.getByRole("link", { name: /Open Flow/ })).toBeVisible();

  // The owner teaches both: their day lists the session with the client's name.
  await page.goto(studioUrl(s.slug, `/teaching?view=week&date=${s.date}`));
  await expect(page.getByRole("link", { name: /Casey Client.*Intro Chat/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Open Flow.*1\/8 booked/ })).toBeVisible();
});

test("a tampered booking link or form gets a clear page, never an error", async ({ page }) => {
  await signedIn(page, "demo", "chloe@demo.test");
  await page.goto(studioUrl("demo", "/bookings/not-a-booking"));
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto(studioUrl("demo", "/bookings/00000000-0000-4000-8000-000000000000/cancel"));
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto(studioUrl("demo", "/book/confirm?serviceId=nope&startsAt=yesterday"));
  await expect(page.getByRole("heading", { name: "This booking link is not complete" })).toBeVisible();
  const response = await postAs(page, "demo", "/book/confirm", {
    serviceId: "x",
    locationId: "y",
    startsAt: "soon",
    idempotencyKey: "again",
  });
  expect(response.status()).toBe(400);
});
