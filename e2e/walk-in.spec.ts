import { type APIRequestContext, type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import {
  api,
  createStudio,
  invitationLink,
  invite,
  join,
  ownerApi,
  signIn,
  studioUrl,
  uniqueSlug,
  zoneAwayFromMidnight,
} from "./support";

/**
 * Staff booking for a client past the client's own limits: the front desk books a walk-in into
 * a session starting within the hour (inside the client's notice), and the owner books a time
 * outside an instructor's published hours after a confirmation naming what it overrides. A
 * fresh studio each, so the two projects (JavaScript on and off) never compete for one hour.
 */

const PASSWORD = "a-long-password";
/** Where the studio is: two hours or more from midnight, so a walk-in's next half hour is today. */
const ZONE = zoneAwayFromMidnight(2);
const studioNow = () => DateTime.now().setZone(ZONE);
const ALL_DAY = { open: "00:00", close: "23:59" };

// Each journey builds its studio, and the desk journey invites a receptionist first.
test.describe.configure({ timeout: 90_000 });

async function walkInStudio(request: APIRequestContext, testInfo: TestInfo) {
  const slug = await createStudio(request, uniqueSlug(testInfo, "wi"), undefined, ZONE);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { locationId } = owner;
  const headers = { host: `${slug}.localhost:${PORT}`, authorization: `Bearer ${owner.token}` };
  // Open round the clock, so that only the instructor's hours decide what is free.
  const hours = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, ALL_DAY]));
  const patched = await request.patch(`http://127.0.0.1:${PORT}/api/locations/${locationId}`, {
    headers,
    data: { operatingHours: hours },
  });
  expect(patched.ok()).toBe(true);
  await api(
    request,
    slug,
    "/api/services",
    {
      name: "Intro Chat",
      type: "session",
      duration_minutes: 30,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [locationId],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  return slug;
}

async function ownerPage(browser: Browser, testInfo: TestInfo, slug: string) {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, slug, `owner@${slug}.test`, PASSWORD);
  return page;
}

/** The owner (who trains clients too) publishes weekly hours on one weekday. */
async function addHours(page: Page, slug: string, day: DateTime, from: string, until: string) {
  await page.goto(studioUrl(slug, "/availability"));
  const add = page.getByRole("region", { name: "Add weekly hours" });
  await add.getByLabel("Day").selectOption(day.setLocale("en-GB").toFormat("cccc"));
  await add.getByLabel("From").fill(from);
  await add.getByLabel("Until").fill(until);
  await add.getByRole("button", { name: "Add hours" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
}

/** Staff add a client at the desk, then start booking a session for them with the owner. */
async function bookFor(page: Page, slug: string, name: string, date: string) {
  await page.goto(studioUrl(slug, "/clients/new"));
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(`${name.split(" ")[0]?.toLowerCase()}-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Add client" }).click();
  await page.waitForURL(/\/clients\/[^/]+\?created=1/);
  const clientId = new URL(page.url()).pathname.split("/")[2] as string;
  await page.goto(studioUrl(slug, `/book?clientId=${clientId}`));
  await page.getByRole("link", { name: /Intro Chat/ }).click();
  const controls = page.getByRole("form", { name: "Choose a day" });
  await controls.getByLabel("Instructor").selectOption({ label: "Second Owner" });
  await controls.getByLabel("Date").fill(date);
  await controls.getByRole("button", { name: "Show times" }).click();
  await expect(page).toHaveURL(new RegExp(`instructorId=[^&]+.*date=${date}|date=${date}.*instructorId=[^&]+`));
}

test("the front desk books a walk-in into a session starting within the hour", async ({
  request,
  browser,
}, testInfo) => {
  const now = studioNow();
  const slug = await walkInStudio(request, testInfo);
  const owner = await ownerPage(browser, testInfo, slug);
  await addHours(owner, slug, now, "00:00", "23:45");
  await invite(owner, slug, { name: "Dan Desk", email: `dan@${slug}.test`, role: "Receptionist", at: "Main" });
  const desk = await join(
    browser,
    await invitationLink(owner, slug),
    testInfo.project.use.javaScriptEnabled ?? true,
    "Dan Desk",
  );

  await bookFor(desk, slug, "Walter Walkin", now.toISODate() as string);
  // The client's own notice is an hour: the desk still sees, and books, the next half hour.
  const first = desk.locator("a.slot").first();
  const time = (await first.textContent())?.trim() ?? "";
  const startsAt = DateTime.fromISO(`${now.toISODate()}T${time}`, { zone: ZONE });
  expect(startsAt.diff(studioNow(), "minutes").minutes).toBeLessThan(60);
  await first.click();
  await expect(desk.getByRole("heading", { name: "Book Walter Walkin in" })).toBeVisible();
  await desk.getByRole("button", { name: "Confirm booking" }).click();
  await desk.waitForURL(/\/bookings\/[^/]+\?booked=1/);
  await expect(desk.getByText("Walter Walkin is booked in.")).toBeVisible();
  await expect(desk.getByText("Confirmed").first()).toBeVisible();
});

test("the owner books outside an instructor's hours after confirming what it overrides", async ({
  request,
  browser,
}, testInfo) => {
  const slug = await walkInStudio(request, testInfo);
  const owner = await ownerPage(browser, testInfo, slug);
  const day = studioNow().startOf("day").plus({ days: 2 });
  await addHours(owner, slug, day, "09:00", "17:00");

  await bookFor(owner, slug, "Olive Early", day.toISODate() as string);
  const offHours = owner.getByRole("region", { name: "Outside published hours" });
  await offHours.getByRole("link", { name: /^07:00,/ }).click();
  const weekday = day.setLocale("en-GB").toFormat("ccc");
  await expect(owner.locator("#override-notice")).toContainText(
    `This time is outside Second's published hours (${weekday} 09:00–17:00).`,
  );
  for (const width of [360, 1280]) {
    await owner.setViewportSize({ width, height: 900 });
    await owner.screenshot({ path: testInfo.outputPath(`walk-in-confirm-${width}.png`), fullPage: true });
  }
  await owner.getByRole("button", { name: "Book anyway" }).click();
  await owner.waitForURL(/\/bookings\/[^/]+\?booked=1/);
  await expect(owner.getByText("Olive Early is booked in.")).toBeVisible();
});
