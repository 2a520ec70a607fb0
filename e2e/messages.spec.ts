import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT, SMS_INBOUND_SECRET } from "../playwright.config";
import { api, createStudio, ownerApi, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

/**
 * The studio's message log and a client's CANCEL reply, on a fresh studio (the projects run
 * side by side): a client books a class, the owner finds the confirmation on /messages, the
 * client texts back " Cancel " and the booking is cancelled by the engine, whose cancellation
 * text then shows in the log too.
 */
/** Offsets at most five hours apart: one of them always has 09:00-19:00 on its clock. */
const DAYTIME_ZONES = [
  "Europe/London",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Pacific/Auckland",
  "Pacific/Honolulu",
  "America/Los_Angeles",
  "America/New_York",
];

test("a booking's confirmation is in the message log, and a CANCEL reply cancels the booking", async ({
  page,
  request,
}, testInfo) => {
  // Texts wait out the studio's quiet hours (21:00-08:00 on the location's clock): the studio
  // is where it is day now, so the confirmation goes at once whenever the test runs.
  const zone = DAYTIME_ZONES.find((z) => {
    const hour = DateTime.now().setZone(z).hour;
    return hour >= 9 && hour < 19;
  });
  const slug = await createStudio(request, uniqueSlug(testInfo, "msg"), undefined, zone);
  const owner = await ownerApi(request, slug, "a-long-password");
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Open Flow",
      type: "class",
      duration_minutes: 60,
      capacity: 8,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [owner.locationId],
      booking_mode: "self_booking",
      self_booking_enabled: true,
      cancellation_window_hours: 12,
    },
    owner.token,
  );
  const day = DateTime.now().setZone(zone).startOf("day").plus({ days: 2 });
  const { occurrenceIds } = await api(
    request,
    slug,
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: owner.locationId,
      instructorId: owner.user.id,
      weekday: day.weekday,
      startTime: "18:00",
      overrideOpeningHours: true,
    },
    owner.token,
  );

  // A number of their own (replies find their studio by it) among Ofcom's drama mobiles, above
  // the demo clients' 101-105.
  const phone = `+447700900${200 + Math.floor(Math.random() * 800)}`;
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Casey Client",
    email: `casey@${slug}.test`,
    password: "a-long-password",
    phone,
  });
  const { booking } = await api(request, slug, "/api/bookings/class", { occurrenceId: occurrenceIds[0] }, client.token);

  // The owner finds the confirmation text; the worker has handled it (and noted which studio
  // texted the number) once its status is final: a few seconds after the server starts, while
  // the worker sends the demo studio's seeded messages.
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");
  await page.goto(studioUrl(slug, "/messages"));
  await page.getByLabel("Sent by").selectOption("sms");
  await page.getByLabel("To (email or phone)").fill(phone);
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL((url) => url.searchParams.get("channel") === "sms");
  const texts = page.getByRole("listitem").filter({ hasText: phone });
  await expect(async () => {
    await page.reload();
    await expect(texts.filter({ hasText: "Booking confirmed" })).toContainText("Not sent: no provider", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 40_000 });
  await screenshots(page, "messages");
  await texts.getByRole("link", { name: "Booking confirmed" }).click();
  await expect(page.getByRole("heading", { name: `Text to ${phone}` })).toBeVisible();
  await expect(page.locator(".message-body")).toContainText("Open Flow");
  await screenshots(page, "message");

  // The client replies through Infobip, which calls the platform's address.
  const reply = await request.post(`http://127.0.0.1:${PORT}/api/sms/inbound?secret=${SMS_INBOUND_SECRET}`, {
    headers: { host: `localhost:${PORT}` },
    data: {
      results: [{ messageId: `e2e-${booking.id}`, from: phone.slice(1), to: "447860099999", text: " Cancel " }],
    },
  });
  expect(await reply.json()).toEqual({ results: [{ messageId: `e2e-${booking.id}`, outcome: "cancelled" }] });

  const read = await studioRequest(request, slug, `/api/bookings/${booking.id}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  expect((await read.json()).booking.status).toBe("cancelled");
  await page.goto(studioUrl(slug, `/messages?channel=sms&q=${encodeURIComponent(phone)}`));
  await expect(texts.filter({ hasText: "Booking cancelled" })).toBeVisible();
});

async function screenshots(page: import("@playwright/test").Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
  }
}
