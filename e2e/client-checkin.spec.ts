import { expect, test } from "@playwright/test";
import { bookedSoon, CHECK_IN_PASSWORD, PLACE } from "./check-in-support";
import { signIn, studioUrl } from "./support";

/**
 * A client checks in from their booking page, ten minutes before their class: they see the code
 * and its QR code and press Check in. With JavaScript their browser shares its position (granted
 * here, 56 m from the location) and they are checked in; without, they are told to check in at
 * the desk. A fresh studio per project.
 */
test("a client checks in from their booking page, with their position or told to go to the desk", async ({
  browser,
  request,
}, testInfo) => {
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  const { slug, bookingId, email } = await bookedSoon(request, testInfo);
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  if (javaScript) {
    await context.grantPermissions(["geolocation"], { origin: studioUrl(slug, "/").replace(/\/$/, "") });
    await context.setGeolocation({ latitude: PLACE.latitude + 0.0005, longitude: PLACE.longitude, accuracy: 20 });
  }
  const page = await context.newPage();
  await signIn(page, slug, email, CHECK_IN_PASSWORD);
  await page.goto(studioUrl(slug, `/bookings/${bookingId}`));
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
