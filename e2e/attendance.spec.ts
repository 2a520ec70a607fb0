import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { zone } from "./check-in-support";
import { api, createStudio, ownerApi, signedIn, studioUrl, uniqueSlug } from "./support";

/**
 * Attendance after a class: the owner, who teaches it, marks two people attended and one a
 * no-show in one form, writes the class note, and the printable roster shows both. Bookings close
 * at the start and marking opens there, and class times are whole minutes: the class starts at
 * the next whole minute, is booked before then, and the journey waits out the rest of that minute.
 */

const PASSWORD = "a-long-password";

test.describe.configure({ timeout: 120_000 });

test("the instructor marks a class's attendance, writes its note and prints the roster", async ({
  page,
  request,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "att"), undefined, zone);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Evening Flow",
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
  const names = ["Ada Lovelace", "Grace Hopper", "Cleo Absent"];
  const clients = await Promise.all(
    names.map((fullName) =>
      api(request, slug, "/api/auth/signup", {
        fullName,
        email: `${fullName.split(" ")[0]?.toLowerCase()}@${slug}.test`,
        password: PASSWORD,
      }),
    ),
  );
  // Five seconds are plenty for the four requests that must come before the start.
  const start = DateTime.now().setZone(zone).plus({ seconds: 5 }).startOf("minute").plus({ minutes: 1 });
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
  const occurrenceId = occurrenceIds[0] as string;
  for (const client of clients)
    await api(request, slug, "/api/bookings/class", { occurrenceId, clientId: client.user.id }, owner.token);

  await signedIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await page.waitForTimeout(Math.max(0, start.toMillis() - Date.now()) + 500);
  await page.goto(studioUrl(slug, `/schedule/${occurrenceId}`));

  await page.getByLabel("Ada Lovelace attended").check();
  await page.getByLabel("Grace Hopper attended").check();
  await page.getByLabel("Cleo Absent did not come").check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect(page.getByRole("row", { name: /Cleo Absent/ })).toContainText("No-show");
  await expect(page.getByRole("row", { name: /Ada Lovelace/ })).toContainText("Attended");

  await page.getByLabel("Class note").fill("Grace asked for knee-friendly options.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status")).toHaveText("Class note saved.");

  await page.getByRole("link", { name: "Printable roster" }).click();
  await expect(page.getByRole("heading", { name: /Evening Flow/, level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ada Lovelace/ })).toContainText("Attended");
  await expect(page.getByRole("row", { name: /Grace Hopper/ })).toContainText("Attended");
  await expect(page.getByRole("row", { name: /Cleo Absent/ })).toContainText("No-show");
  await expect(page.getByText("Grace asked for knee-friendly options.")).toBeVisible();
});
