import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import {
  api,
  createStudio,
  invitationLink,
  invite,
  join,
  ownerApi,
  signedIn,
  studioRequest,
  studioUrl,
  uniqueSlug,
  zoneAwayFromMidnight,
} from "./support";

/**
 * The people reports: an owner with two locations runs a class at Main that two clients booked
 * (one came, one did not) and has a later class booked at Harbour; the locations compared and
 * instructor performance show those figures, their charts and a CSV of the same. Harbour's
 * manager sees Harbour only. Attendance is marked from a class's start, and class times are
 * whole minutes: the class starts at the next whole minute and the journey waits for it.
 */

const PASSWORD = "a-long-password";
// The second class starts two hours after the first, and each lasts one: both end today.
const zone = zoneAwayFromMidnight(4);
const open = { open: "00:00", close: "23:59" };
const always = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open };

test.describe.configure({ timeout: 180_000 });

test("an owner compares locations and instructors; a manager sees their location only", async ({
  page,
  request,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "ppl"), undefined, zone);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { location: harbour } = await api(
    request,
    slug,
    "/api/locations",
    {
      name: "Harbour",
      address: { line1: "2 Quay", city: "Leeds", postcode: "LS2 2AA", country: "GB" },
      timezone: zone,
      operatingHours: always,
    },
    owner.token,
  );
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
      available_at_locations: [owner.locationId, harbour.id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const [came, missed] = await Promise.all(
    ["Ada Came", "Bo Missed"].map((fullName) =>
      api(request, slug, "/api/auth/signup", {
        fullName,
        email: `${fullName.split(" ")[0]?.toLowerCase()}@${slug}.test`,
        password: PASSWORD,
      }),
    ),
  );
  const classAt = async (locationId: string, start: DateTime) => {
    const { occurrenceIds } = await api(
      request,
      slug,
      "/api/class-series",
      {
        serviceId: service.id,
        locationId,
        instructorId: owner.user.id,
        weekday: start.weekday,
        startTime: start.toFormat("HH:mm"),
        validFrom: start.toISODate(),
        validUntil: start.toISODate(),
        overrideOpeningHours: true,
      },
      owner.token,
    );
    return occurrenceIds[0] as string;
  };
  // Five seconds are plenty for the requests that must come before the start.
  const start = DateTime.now().setZone(zone).plus({ seconds: 5 }).startOf("minute").plus({ minutes: 1 });
  const atMain = await classAt(owner.locationId, start);
  const atHarbour = await classAt(harbour.id, start.plus({ hours: 2 }));
  for (const client of [came, missed])
    await api(request, slug, "/api/bookings/class", { occurrenceId: atMain, clientId: client.user.id }, owner.token);
  await api(request, slug, "/api/bookings/class", { occurrenceId: atHarbour, clientId: came.user.id }, owner.token);

  await page.waitForTimeout(Math.max(0, start.toMillis() - Date.now()) + 500);
  await api(
    request,
    slug,
    `/api/classes/${atMain}/attendance`,
    { attendees: [came.user.id], absent: [missed.user.id] },
    owner.token,
  );

  await signedIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await page.goto(studioUrl(slug, "/reports/locations"));
  await expect(page.getByRole("heading", { name: "Locations compared", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: "Net revenue by location" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Class utilisation by location" })).toBeVisible();
  const visits = page.locator("#locations-visits");
  // Location, bookings made, cancellations, attended, no-shows, attendance, utilisation, new, active.
  await expect(visits.getByRole("row", { name: /^Main / })).toContainText(
    /^Main\s*2\s*0 \(0 late\)\s*1\s*1\s*50%\s*25% \(2 of 8\)/,
  );
  await expect(visits.getByRole("row", { name: /^Harbour / })).toContainText(
    /^Harbour\s*1\s*0 \(0 late\)\s*0\s*0\s*–\s*12\.5% \(1 of 8\)/,
  );

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV" }).click();
  const csv = readFileSync((await (await download).path()) as string, "utf8");
  expect(csv).toContain("\r\nMain,0.00,0.00,0.00,2,0,0,1,1,50,2,8,25,");
  expect(csv).toContain("\r\nHarbour,0.00,0.00,0.00,1,0,0,0,0,,1,8,12.5,");

  await page.goto(studioUrl(slug, "/reports/instructors"));
  await expect(page.getByRole("img", { name: "Attendance rate by instructor" })).toBeVisible();
  await expect(page.locator("#instructors-table").getByRole("row", { name: /^Second Owner/ })).toContainText(
    /^Second Owner\s*0\s*1\s*2 of 8\s*1\s*1\s*50%\s*0\s*0\s*0% \(0 of 1\)$/,
  );
  const instructorsJson = await studioRequest(request, slug, "/api/reports/instructors", {
    headers: { authorization: `Bearer ${owner.token}` },
  });
  expect(await instructorsJson.json()).toMatchObject({
    instructors: [{ name: "Second Owner", classes: 1, attended: 1, noShows: 1, attendanceRate: 0.5 }],
  });

  await invite(page, slug, {
    name: "Hana Harbour",
    email: `hana@${slug}.test`,
    role: "Location manager",
    at: "Harbour",
  });
  const manager = await join(browser, await invitationLink(page, slug), javaScriptEnabled ?? true, "Hana Harbour");
  await manager.goto(studioUrl(slug, "/reports/locations"));
  await expect(manager.locator("#locations-visits").getByRole("row", { name: /^Harbour / })).toBeVisible();
  await expect(manager.getByRole("row", { name: /^Main / })).toHaveCount(0);
  await manager.context().close();
});
