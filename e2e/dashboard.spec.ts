import { expect, type Page, test } from "@playwright/test";
import { DateTime } from "luxon";
import {
  api,
  createStudio,
  invitationLink,
  invite,
  join,
  ownerApi,
  signedIn,
  studioUrl,
  uniqueSlug,
  zoneAwayFromMidnight,
} from "./support";

/**
 * The owner of two locations (Main, and Harbour in New York) takes £12.50 in cash at
 * Main's desk and books a client into a class there starting in a few minutes; the dashboard
 * shows it for the whole studio and for Main, and nothing for Harbour, as the header's location
 * switcher moves between them. Harbour's manager sees Harbour alone, whatever the address asks.
 */

const PASSWORD = "a-long-password";
const hours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };

test.describe.configure({ timeout: 120_000 });

/** The figure a period's panel shows for a heading ("Net revenue"). */
const figure = (page: Page, period: string, name: string) =>
  page
    .getByRole("region", { name: period, exact: true })
    .locator("dl > div")
    .filter({ has: page.getByText(name, { exact: true }) })
    .locator("dd")
    .first();

async function switchLocation(page: Page, name: string, javaScript: boolean) {
  await page.getByLabel("Location", { exact: true }).selectOption({ label: name });
  if (!javaScript) await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.locator(".page-head .muted")).toHaveText(name === "All locations" ? /^All locations/ : name);
}

test("the owner's dashboard counts the desk's cash and a booking, location by location; a manager sees theirs", async ({
  page,
  browser,
  request,
  javaScriptEnabled,
}, testInfo) => {
  // Main's hour-long class starts in a few minutes and must end today: a zone two hours from midnight.
  const zone = zoneAwayFromMidnight(2);
  const slug = await createStudio(request, uniqueSlug(testInfo, "dash"), undefined, zone);
  const owner = await ownerApi(request, slug, PASSWORD);
  await api(
    request,
    slug,
    "/api/locations",
    {
      name: "Harbour",
      address: { line1: "10 Pier Street", city: "New York", postcode: "10004", country: "US" },
      timezone: "America/New_York",
      operatingHours: hours,
    },
    owner.token,
  );
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Sunrise Flow",
      type: "class",
      duration_minutes: 60,
      capacity: 8,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [owner.locationId],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const start = DateTime.now().setZone(zone).plus({ minutes: 3 }).startOf("minute");
  const { occurrenceIds } = await api(
    request,
    slug,
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: owner.locationId,
      instructorId: owner.user.id,
      weekday: start.weekday,
      startTime: start.toFormat("HH:mm"),
      validFrom: start.toISODate(),
      validUntil: start.toISODate(),
      overrideOpeningHours: true,
    },
    owner.token,
  );
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Dana Client",
    email: `dana@${slug}.test`,
    password: PASSWORD,
  });
  await api(
    request,
    slug,
    "/api/bookings/class",
    { occurrenceId: occurrenceIds[0], clientId: client.user.id },
    owner.token,
  );

  // Cash at the desk, taken at Main.
  await signedIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await page.goto(studioUrl(slug, `/clients/${client.user.id}/payments/new`));
  await page.getByRole("radio", { name: "Something else" }).check();
  await page.getByLabel("What it is for").fill("Mat hire");
  await page.getByLabel("Amount").fill("12.50");
  await page.getByRole("radio", { name: "Cash", exact: true }).check();
  await page.getByLabel("Reason").fill("Paid in cash at the desk");
  await page.getByRole("radio", { name: "Main" }).check();
  await page.getByRole("button", { name: "Take payment" }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}\?from=desk$/);

  // The whole studio: today's takings and booking, and this month side by side.
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(figure(page, "Today", "Net revenue")).toHaveText("£12.50");
  await expect(figure(page, "Today", "Bookings made")).toHaveText("1");
  await expect(figure(page, "This month", "Net revenue")).toHaveText("£12.50");
  const byLocation = page.getByRole("table", { name: "This month by location" });
  await expect(byLocation.getByRole("row", { name: /^Main/ })).toContainText("£12.50");
  await expect(byLocation.getByRole("row", { name: /^Harbour/ })).toContainText("£0.00");
  await expect(page.getByRole("img", { name: /Net revenue this month by location/ })).toBeVisible();
  const mainToday = page.getByRole("region", { name: /^Today at Main/ });
  await expect(mainToday.getByRole("row", { name: /Sunrise Flow/ })).toContainText("1 of 8");

  // The header's switcher: Harbour has taken nothing; Main has it all.
  await switchLocation(page, "Harbour", javaScriptEnabled);
  await expect(figure(page, "Today", "Net revenue")).toHaveText("£0.00");
  await expect(figure(page, "Today", "Bookings made")).toHaveText("0");
  await expect(page.getByRole("table", { name: "This month by location" })).toHaveCount(0);
  await switchLocation(page, "Main", javaScriptEnabled);
  await expect(figure(page, "Today", "Net revenue")).toHaveText("£12.50");
  await expect(figure(page, "Today", "Bookings made")).toHaveText("1");

  // Harbour's manager: Harbour only, even when the address names Main.
  await invite(page, slug, {
    name: "Hana Manager",
    email: `hana@${slug}.test`,
    role: "Location manager",
    at: "Harbour",
  });
  const manager = await join(browser, await invitationLink(page, slug), javaScriptEnabled, "Hana Manager");
  await manager.goto(studioUrl(slug, `/dashboard?location=${owner.locationId}`));
  await expect(manager.locator(".page-head .muted")).toHaveText("Harbour");
  await expect(figure(manager, "Today", "Net revenue")).toHaveText("£0.00");
  await expect(manager.getByRole("region", { name: /^Today at Main/ })).toHaveCount(0);
  await manager.context().close();
});
