import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { api, createStudio, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

// One journey, JavaScript on and off: a studio of its own connects Stripe (the fake, beside the
// app), a client buys a package through Checkout, sees the result once the signed webhook
// arrives, and books a class with the new credit.

const PASSWORD = "a-long-password";

test("a studio connects Stripe; a client buys a package through Checkout and books a class with it", async ({
  page,
  browser,
  request,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "pay"));

  // The owner connects the studio's Stripe account through the hosted onboarding.
  await signIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await page.goto(studioUrl(slug, "/settings/payments"));
  await page.getByRole("button", { name: "Connect with Stripe" }).click();
  await page.getByRole("button", { name: "Agree and submit" }).click();
  await page.waitForURL((url) => url.pathname === "/settings/payments");
  await expect(page.getByText("Charges enabled")).toBeVisible();

  // The package on sale, and a class taking credits tomorrow evening (over the API: not what this proves).
  await page.goto(studioUrl(slug, "/packages/new"));
  await page.getByLabel("Name").fill("Five classes");
  await page.getByLabel("Credits").fill("5");
  await page.getByLabel("Valid for").fill("60");
  await page.getByLabel("Price in £").fill("55");
  await page.getByRole("button", { name: "Add package" }).click();
  await expect(page.getByRole("status")).toHaveText("Package added. It is on sale now.");
  const owner = await api(request, slug, "/api/auth/login", { email: `owner@${slug}.test`, password: PASSWORD });
  const { locations } = await (
    await studioRequest(request, slug, "/api/locations", { headers: { authorization: `Bearer ${owner.token}` } })
  ).json();
  const classDay = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 1 });
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Paid Flow",
      type: "class",
      duration_minutes: 60,
      capacity: 8,
      price_minor: 1200,
      requires_credit: true,
      available_at_locations: [locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const { occurrenceIds } = await api(
    request,
    slug,
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: locations[0].id,
      instructorId: owner.user.id,
      weekday: classDay.weekday,
      startTime: "20:00",
      overrideOpeningHours: true,
    },
    owner.token,
  );
  await api(request, slug, "/api/auth/signup", {
    fullName: "Casey Client",
    email: `casey@${slug}.test`,
    password: PASSWORD,
  });

  // The client buys the package: Checkout (the fake's page), Pay, back on the payment's page.
  const client = await (await browser.newContext()).newPage();
  await signIn(client, slug, `casey@${slug}.test`, PASSWORD);
  await client.goto(studioUrl(slug, "/packages"));
  await client.getByRole("button", { name: /Buy for £55\.00/ }).click();
  await expect(client.getByRole("heading", { name: "Pay GBP 55.00" })).toBeVisible();
  await client.getByRole("button", { name: "Pay" }).click();
  await client.waitForURL((url) => url.pathname.startsWith("/payments/"));
  // "Payment processing" reloads itself until the webhook has granted the credits.
  await expect(client.getByRole("heading", { name: /Payment received|Payment processing/ })).toBeVisible();
  await expect(client.getByText(/5 credits added: Five classes, valid until/)).toBeVisible({ timeout: 15_000 });
  await expect(client.getByRole("region", { name: "Receipt" })).toContainText("£55.00");

  // The new credit books tomorrow's class.
  await client.goto(studioUrl(slug, `/schedule/${occurrenceIds[0]}`));
  await client.getByRole("button", { name: "Book", exact: true }).click();
  await expect(client.getByText("You're booked in.")).toBeVisible();
});
