import { type APIRequestContext, type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import { DateTime } from "luxon";
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
 * Issue 12, items 10 and 11: the front desk takes back a booking made in error (inside the
 * class's cancellation window, where only a manager could cancel it), and the owner books a
 * place for themselves. Each journey has a studio of its own, so the js and nojs projects run
 * side by side.
 */

const PASSWORD = "a-long-password";
const CLIENT = "Casey Client";
const SHOTS = process.env.E2E_SHOTS_DIR;

// Each journey sets up its own studio (an invitation and a class) first.
test.describe.configure({ timeout: 120_000 });

const javaScriptOf = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;

/**
 * Where the studio is: a class placed 45 minutes from now must still end today (a class must end
 * by midnight), so a zone at least two hours from midnight, whatever the hour the spec runs.
 */
const ZONE = zoneAwayFromMidnight(2);

/** A studio, its owner's API token, its one location and a credit-paid class with a 12-hour window. */
async function studioWithClass(request: APIRequestContext, testInfo: TestInfo, prefix: string) {
  const slug = await createStudio(request, uniqueSlug(testInfo, prefix), undefined, ZONE);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { locationId } = owner;
  const created = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Lunch Flow",
      type: "class",
      duration_minutes: 45,
      capacity: 6,
      price_minor: 0,
      requires_credit: true,
      cancellation_window_hours: 12,
      booking_mode: "self_booking",
      available_at_locations: [locationId],
    },
    owner.token,
  );
  /** A weekly class from `start` (the studio's time), taught by `instructorId`; its first date's id. */
  const classAt = async (start: DateTime, instructorId: string) => {
    const series = await api(
      request,
      slug,
      "/api/class-series",
      {
        serviceId: created.service.id,
        locationId,
        instructorId,
        weekday: start.weekday,
        startTime: start.toFormat("HH:mm"),
        validFrom: start.toISODate(),
        // "Starting soon" may fall outside Main's hours at this time of day: the owner confirms.
        overrideOpeningHours: true,
      },
      owner.token,
    );
    return series.occurrenceIds[0] as string;
  };
  return { slug, owner, classAt };
}

/** The owner invites someone at Main; they join in a browser of their own, signed in. */
async function hire(browser: Browser, slug: string, javaScript: boolean, person: { name: string; role: string }) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const ownerPage = await context.newPage();
  await signIn(ownerPage, slug, `owner@${slug}.test`, PASSWORD);
  const email = `${person.name.split(" ")[0]?.toLowerCase()}@${slug}.test`;
  await invite(ownerPage, slug, { name: person.name, email, role: person.role, at: "Main" });
  const id = new URL(ownerPage.url()).pathname.split("/").at(-1) as string;
  const page = await join(browser, await invitationLink(ownerPage, slug), javaScript, person.name);
  await context.close();
  return { id, page };
}

async function shoot(page: Page, testInfo: TestInfo, name: string, widths: number[]) {
  if (!SHOTS || !javaScriptOf(testInfo)) return;
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the front desk undoes a class booking made in error: the place and the credit come back", async ({
  request,
  browser,
}, testInfo) => {
  const javaScript = javaScriptOf(testInfo);
  const s = await studioWithClass(request, testInfo, "undo");
  // Starting in about 40 minutes: deep inside the 12-hour cancellation window.
  const now = DateTime.now().setZone(ZONE);
  const start = now.plus({ minutes: 40 + (5 - (now.minute % 5)) }).startOf("minute");
  const occurrenceId = await s.classAt(start, s.owner.user.id);
  const { page: desk } = await hire(browser, s.slug, javaScript, { name: "Dana Desk", role: "Receptionist" });

  // The desk adds a walk-in client and gives them 3 credits.
  await desk.goto(studioUrl(s.slug, "/clients/new"));
  await desk.getByLabel("Full name").fill(CLIENT);
  await desk.getByLabel("Email").fill(`casey-${s.slug}@example.com`);
  await desk.getByLabel("Home location").selectOption({ label: "Main" });
  await desk.getByRole("button", { name: "Add client" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: CLIENT })).toBeVisible();
  const clientPath = new URL(desk.url()).pathname;
  await desk.goto(studioUrl(s.slug, `${clientPath}/credits`));
  const give = desk.getByRole("region", { name: "Give credits" });
  await give.getByLabel("A number of credits").check();
  await give.getByLabel("Credits", { exact: true }).fill("3");
  await give.getByLabel("Valid for").fill("30");
  await give.getByLabel("Reason").fill("Paid at the desk");
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(desk.getByRole("status")).toHaveText("Credits given.");
  await expect(desk.locator(".balance-line").first()).toContainText("3 credit");

  // She books Casey into the class starting soon: the page she lands on offers the undo.
  await desk.goto(studioUrl(s.slug, `/schedule/${occurrenceId}`));
  await expect(desk.getByText("6 spots left")).toBeVisible();
  await desk.getByLabel("Client", { exact: true }).selectOption({ label: `${CLIENT} (casey-${s.slug}@example.com)` });
  await desk.getByRole("button", { name: "Book client in" }).click();
  await expect(desk.getByText(`${CLIENT} is booked in.`)).toBeVisible();
  const undo = desk.getByRole("button", { name: "Undo booking" });
  await expect(undo).toBeVisible();
  await expect(desk.getByText(/Booked in error\? You can undo it until \d\d:\d\d\./)).toBeVisible();
  // Cancelling is a manager's now; the undo takes its place while it lasts.
  await expect(desk.getByRole("link", { name: "Cancel booking" })).toHaveCount(0);
  await expect(desk.getByText("1 credit", { exact: true })).toBeVisible();
  await shoot(desk, testInfo, "booking-undo", [360, 1280]);

  await undo.click();
  await expect(desk.getByText("Booking undone.")).toBeVisible();
  await expect(desk.getByText("Undone by Dana Desk (booked in error)")).toBeVisible();
  await expect(desk.getByRole("button", { name: "Undo booking" })).toHaveCount(0);

  await desk.goto(studioUrl(s.slug, `/schedule/${occurrenceId}`));
  await expect(desk.getByText("6 spots left")).toBeVisible();
  await desk.goto(studioUrl(s.slug, `${clientPath}/credits`));
  await expect(desk.locator(".balance-line").first()).toContainText("3 credit");
});

test("the owner books a place in a class for themselves, without a credit, and finds it in their bookings", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const javaScript = javaScriptOf(testInfo);
  const s = await studioWithClass(request, testInfo, "own");
  const { id: inesId } = await hire(browser, s.slug, javaScript, { name: "Ines Iyer", role: "Instructor" });
  const start = DateTime.now().setZone(ZONE).plus({ days: 2 }).set({ hour: 18, minute: 0 });
  const occurrenceId = await s.classAt(start.startOf("minute"), inesId);

  await signIn(page, s.slug, `owner@${s.slug}.test`, PASSWORD);
  await page.goto(studioUrl(s.slug, `/schedule/${occurrenceId}`));
  await expect(page.getByRole("heading", { name: "Book a client in" })).toBeVisible();
  await page.getByRole("button", { name: "Book for myself" }).click();
  await expect(page.getByText("You're booked in.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lunch Flow" })).toBeVisible();
  await expect(page.getByText("Ines Iyer", { exact: true })).toBeVisible();
  await expect(page.getByText("None", { exact: true })).toBeVisible();

  await page.goto(studioUrl(s.slug, `/schedule/${occurrenceId}`));
  await expect(page.getByText("You're booked.")).toBeVisible();
  await expect(page.getByText("5 spots left")).toBeVisible();

  await page.goto(studioUrl(s.slug, "/bookings"));
  const mine = page.getByRole("region", { name: "My own bookings" });
  await expect(mine.getByRole("link", { name: /Lunch Flow/ })).toBeVisible();

  // The settings page: undo minutes and the studio's type.
  await page.goto(studioUrl(s.slug, "/settings"));
  await expect(page.getByLabel("Staff may undo a booking they made for")).toHaveValue("10");
  await expect(page.getByRole("radio", { name: /^Both/ })).toBeChecked();
  await page.getByLabel("Staff may undo a booking they made for").fill("200");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a number of minutes from 0 to 120 (0 turns undo off)")).toBeVisible();
  await shoot(page, testInfo, "settings-error", [360, 1280]);
  await page.getByLabel("Staff may undo a booking they made for").fill("5");
  await page.getByRole("radio", { name: /^Classes/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Classes/ })).toBeChecked();
  await shoot(page, testInfo, "settings", [360, 1280]);
});
