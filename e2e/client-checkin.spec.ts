import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import { api, createStudio, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

/**
 * A client checks in from their booking page, ten minutes before their class: they see the code
 * and its QR code and press Check in. With JavaScript their browser shares its position (granted
 * here, 60 m from the location) and they are checked in; without, they are told to check in at
 * the desk. A fresh studio per project, in a zone where it is not near midnight, so the class is
 * today whatever the hour.
 */
const PASSWORD = "a-long-password";
const PLACE = { latitude: 51.5407, longitude: -0.1434 };
const zone = ["Europe/London", "Asia/Tokyo", "America/Los_Angeles"].find((z) => {
  const hour = DateTime.now().setZone(z).hour;
  return hour >= 1 && hour < 22;
}) as string;

test("a client checks in from their booking page, with their position or told to go to the desk", async ({
  browser,
  request,
}, testInfo) => {
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  const slug = await createStudio(request, uniqueSlug(testInfo, "ci"), undefined, zone);
  const call = (path: string, data: unknown, token?: string) => api(request, slug, path, data, token);
  const owner = await call("/api/auth/login", { email: `owner@${slug}.test`, password: PASSWORD });
  const auth = { authorization: `Bearer ${owner.token}` };
  const { locations } = await (await studioRequest(request, slug, "/api/locations", { headers: auth })).json();
  const located = await request.patch(`http://127.0.0.1:${PORT}/api/locations/${locations[0].id}`, {
    headers: { host: `${slug}.localhost:${PORT}`, ...auth },
    data: PLACE,
  });
  expect(located.ok()).toBe(true);
  const { service } = await call(
    "/api/services",
    {
      name: "Morning Flow",
      type: "class",
      duration_minutes: 30,
      capacity: 8,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const start = DateTime.now().setZone(zone).plus({ minutes: 10 });
  const { occurrenceIds } = await call(
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: locations[0].id,
      instructorId: owner.user.id,
      weekday: start.weekday,
      startTime: start.toFormat("HH:mm"),
      validFrom: start.toISODate(),
      validUntil: start.toISODate(),
      overrideOpeningHours: true,
    },
    owner.token,
  );
  const client = await call("/api/auth/signup", {
    fullName: "Cleo Arrives",
    email: `cleo@${slug}.test`,
    password: PASSWORD,
  });
  const { booking } = await call(
    "/api/bookings/class",
    { occurrenceId: occurrenceIds[0], clientId: client.user.id },
    owner.token,
  );

  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  if (javaScript) {
    await context.grantPermissions(["geolocation"], { origin: studioUrl(slug, "/").replace(/\/$/, "") });
    await context.setGeolocation({ latitude: PLACE.latitude + 0.0005, longitude: PLACE.longitude, accuracy: 20 });
  }
  const page = await context.newPage();
  await signIn(page, slug, `cleo@${slug}.test`, PASSWORD);
  await page.goto(studioUrl(slug, `/bookings/${booking.id}`));
  const panel = page.getByRole("region", { name: "Check in" });
  await expect(panel.getByRole("img", { name: /^QR code of check-in code [2-9A-Z]{4} [2-9A-Z]{4}$/ })).toBeVisible();
  await expect(panel.getByText(/^[2-9A-Z]{4} [2-9A-Z]{4}$/)).toBeVisible();
  await panel.getByRole("button", { name: "Check in" }).click();
  if (javaScript) {
    await expect(page.getByRole("status")).toContainText("You're checked in.");
    await expect(page.locator(".page-head .badge")).toHaveText("Checked in");
  } else {
    await expect(panel.getByRole("alert")).toHaveText(
      "We could not tell where you are. Check in at the desk when you arrive.",
    );
  }
  await context.close();
});
