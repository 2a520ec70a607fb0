import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import { createStudio, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

/** The Monday at least two days ahead in London: far enough for the studio's notice period. */
function nextMonday() {
  let day = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 2 });
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

// (Booked 1:1 sessions do not exist yet, so the "save anyway" confirmation is covered in vitest.)
test("the owner of a new studio sets their weekly hours and time off, and clients see the slots", async ({
  page,
  request,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "avail"));
  const email = `owner@${slug}.test`;
  await signIn(page, slug, email, "a-long-password");
  await page.goto(studioUrl(slug, "/availability"));
  await expect(page.getByRole("heading", { name: "Your availability" })).toBeVisible();

  const add = page.getByRole("region", { name: "Add weekly hours" });
  await add.getByLabel("Day").selectOption("Monday");
  await add.getByLabel("Location").selectOption({ label: "Main" });
  await add.getByLabel("From").fill("09:10");
  await add.getByLabel("Until").fill("11:00");
  await add.getByRole("button", { name: "Add hours" }).click();
  await expect(add.getByText("Use quarter hours: :00, :15, :30 or :45")).toBeVisible();
  await add.getByLabel("From").fill("09:00");
  await add.getByRole("button", { name: "Add hours" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  const week = page.getByRole("region", { name: "Every week" });
  await expect(week.getByRole("listitem").filter({ hasText: "Monday" })).toContainText("09:00–11:00 Main");

  // The slots are public: a session to book is all the API needs (made here with a token).
  const host = `${slug}.localhost:${PORT}`;
  const login = await request.post(`http://127.0.0.1:${PORT}/api/auth/login`, {
    headers: { host },
    data: { email, password: "a-long-password" },
  });
  const { token, user } = await login.json();
  const locations = await (
    await studioRequest(request, slug, "/api/locations", { headers: { authorization: `Bearer ${token}` } })
  ).json();
  const created = await request.post(`http://127.0.0.1:${PORT}/api/services`, {
    headers: { host, authorization: `Bearer ${token}` },
    data: {
      name: "PT 60",
      type: "session",
      duration_minutes: 60,
      price_minor: 4000,
      available_at_locations: [locations.locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
  });
  expect(created.status()).toBe(201);
  const monday = nextMonday();
  const slots = await studioRequest(request, slug, `/api/instructors/${user.id}/availability?date=${monday}`);
  expect(slots.status()).toBe(200);
  const body = await slots.json();
  expect(body.slots.map((s: { localTime: string }) => s.localTime)).toEqual(["09:00", "09:30", "10:00"]);

  const dates = page.getByRole("region", { name: "Add time off" });
  const dayOff = DateTime.fromISO(monday).plus({ days: 8 });
  await dates.getByLabel("Date").fill(dayOff.toISODate() as string);
  await dates.getByLabel("Note (optional)").fill("Dentist");
  await dates.getByRole("button", { name: "Add time off" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByRole("region", { name: "Dates" })).toContainText(
    `Time off ${dayOff.setLocale("en-GB").toFormat("ccc d LLL yyyy")}, All day`,
  );

  await week.getByRole("button", { name: "Remove Monday 09:00–11:00 at Main" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(week.getByRole("listitem").filter({ hasText: "Monday" })).toContainText("Not available");
});
