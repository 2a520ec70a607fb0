import { type APIRequestContext, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import { api, signIn, studioUrl, uniqueSlug } from "./support";

/**
 * The front desk's day: a client books a 1:1 session for later today, and the receptionist sees
 * it on Today and on the Calendar, with the client's name, beside the classes.
 */

const PASSWORD = "a-long-password";

test.describe.configure({ timeout: 60_000 });

/**
 * A zone where it is now daytime, so a session can still be booked for later today whenever
 * the suite runs.
 */
function daytimeZone() {
  const zones = ["Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata"];
  return zones.find((zone) => {
    const hour = DateTime.now().setZone(zone).hour;
    return hour >= 6 && hour < 17;
  }) as string;
}

async function createStudioIn(request: APIRequestContext, slug: string, timezone: string) {
  const response = await request.post("/start", {
    form: {
      studioName: `Studio ${slug}`,
      slug,
      ownerName: "Second Owner",
      email: `owner@${slug}.test`,
      password: PASSWORD,
      locationName: "Main",
      addressLine1: "1 Road",
      city: "Leeds",
      postcode: "LS1 1AA",
      timezone,
    },
    headers: { origin: `http://localhost:${PORT}` },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
}

async function get(request: APIRequestContext, slug: string, path: string, token?: string) {
  const response = await request.get(`http://127.0.0.1:${PORT}${path}`, {
    headers: { host: `${slug}.localhost:${PORT}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** Signs in through the login form and returns the session cookie. */
async function formSignIn(request: APIRequestContext, slug: string, email: string) {
  const response = await request.post(`http://127.0.0.1:${PORT}/login`, {
    form: { email, password: PASSWORD },
    headers: { host: `${slug}.localhost:${PORT}`, origin: `http://${slug}.localhost:${PORT}` },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return (response.headers()["set-cookie"] ?? "").split(";")[0] as string;
}

/** Pages and forms as a signed-in browser without JavaScript would fetch and post them. */
function ownerForms(request: APIRequestContext, slug: string, cookie: string) {
  return async (path: string, fields?: Record<string, string>) => {
    const headers = { host: `${slug}.localhost:${PORT}`, origin: `http://${slug}.localhost:${PORT}`, cookie };
    const url = `http://127.0.0.1:${PORT}${path}`;
    const response = fields
      ? await request.post(url, { form: fields, headers, maxRedirects: 0 })
      : await request.get(url, { headers, maxRedirects: 0 });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(400);
    return response;
  };
}

async function screenshots(page: Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
  }
}

test("a session booked for later today is on the receptionist's Today and Calendar, with the client's name", async ({
  page,
  request,
}, testInfo) => {
  const zone = daytimeZone();
  const slug = uniqueSlug(testInfo, "day");
  await createStudioIn(request, slug, zone);
  const owner = await api(request, slug, "/api/auth/login", { email: `owner@${slug}.test`, password: PASSWORD });
  const { locations } = await get(request, slug, "/api/locations", owner.token);
  const locationId = locations[0].id as string;
  // Open around the clock, so that "later today" is inside the hours whenever the suite runs.
  const allDay = { open: "00:00", close: "23:59" };
  const opened = await request.patch(`http://127.0.0.1:${PORT}/api/locations/${locationId}`, {
    data: {
      operatingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    },
    headers: { host: `${slug}.localhost:${PORT}`, authorization: `Bearer ${owner.token}` },
  });
  expect(opened.status(), await opened.text()).toBe(200);
  const service = (fields: Record<string, unknown>) =>
    api(
      request,
      slug,
      "/api/services",
      {
        price_minor: 0,
        requires_credit: false,
        available_at_locations: [locationId],
        booking_mode: "self_booking",
        self_booking_enabled: true,
        ...fields,
      },
      owner.token,
    );
  const chat = await service({ name: "Intro Chat", type: "session", duration_minutes: 30 });
  const flow = await service({ name: "Open Flow", type: "class", duration_minutes: 60, capacity: 8 });
  const today = DateTime.now().setZone(zone);
  await api(
    request,
    slug,
    "/api/class-series",
    { serviceId: flow.service.id, locationId, instructorId: owner.user.id, weekday: today.weekday, startTime: "22:00" },
    owner.token,
  );

  // The owner trains all day today and invites a receptionist at Main: forms posted as their
  // browser would (the journey under test is the receptionist's).
  // Its own context: the session cookie stays out of the API calls below.
  const browserLike = await playwrightRequest.newContext();
  const form = ownerForms(browserLike, slug, await formSignIn(browserLike, slug, `owner@${slug}.test`));
  await form("/availability", {
    intent: "block",
    weekday: String(today.weekday),
    locationId,
    start: "00:00",
    end: "23:45",
    allowsSelfBooking: "on",
  });
  await form("/team/invite", {
    fullName: "Rosa Desk",
    email: `rosa@${slug}.test`,
    role: "receptionist",
    locations: locationId,
  });
  // The invitation, opened from the owner's message log.
  const log = await (await form(`/messages?q=${encodeURIComponent(`rosa@${slug}.test`)}`)).text();
  const invitation = await (await form(log.match(/\/messages\/[0-9a-f-]{36}/)?.[0] ?? "/messages")).text();
  const token = new URL(
    (invitation.match(/https?:\/\/[^\s<"]+\/join\?token=[^\s<"]+/)?.[0] ?? "").replaceAll("&amp;", "&"),
  ).searchParams.get("token");
  await form("/join", { token: token ?? "", fullName: "Rosa Desk", password: PASSWORD, confirmPassword: PASSWORD });
  await browserLike.dispose();
  await signIn(page, slug, `rosa@${slug}.test`, PASSWORD);
  const desk = page;

  // A client signs up and books the first time left today.
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Casey Client",
    email: `casey@${slug}.test`,
    password: PASSWORD,
  });
  const date = today.toISODate() as string;
  const free = await get(request, slug, `/api/services/${chat.service.id}/availability?date=${date}`);
  const slot = free.instructors[0].slots[0];
  expect(slot).toBeDefined();
  const booked = await api(
    request,
    slug,
    "/api/bookings/session",
    { serviceId: chat.service.id, locationId, startTime: slot.startsAt },
    client.token,
  );

  // Today: the session and the class, in time order; the session opens the booking.
  await desk.goto(studioUrl(slug, "/today"));
  await expect(desk.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  const rows = desk.locator(".class-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${slot.localTime}–`);
  await expect(rows.first()).toContainText("Casey Client");
  await expect(rows.first()).toContainText("Intro Chat · Second Owner");
  await expect(rows.last()).toContainText("Open Flow");
  await screenshots(desk, "today-staff");
  await desk.getByRole("link", { name: /Casey Client/ }).click();
  await expect(desk).toHaveURL(new RegExp(`/bookings/${booked.booking.id}$`));
  await expect(desk.getByRole("heading", { name: "Intro Chat" })).toBeVisible();

  // The Calendar: on its day in the week, on the day's page, and counted in the month.
  const views = desk.getByRole("navigation", { name: "View" });
  await desk.goto(studioUrl(slug, "/calendar"));
  await expect(desk.getByRole("region", { name: today.setLocale("en-GB").toFormat("cccc d LLLL") })).toContainText(
    "Casey Client",
  );
  await screenshots(desk, "calendar-week-staff");
  await views.getByRole("link", { name: "Day" }).click();
  await expect(views.getByText("Day")).toHaveAttribute("aria-current", "page");
  await expect(desk.getByRole("link", { name: /Casey Client/ })).toBeVisible();
  await screenshots(desk, "calendar-day-staff");
  await views.getByRole("link", { name: "Month" }).click();
  await expect(desk.locator(".month-day.is-today")).toContainText("1 class, 1 session");
  await screenshots(desk, "calendar-month-staff");
});
