import { expect, type Page, test } from "@playwright/test";
import { DateTime } from "luxon";
import { bookedSoon, CHECK_IN_PASSWORD } from "./check-in-support";
import { createStudio, signIn, studioUrl, uniqueSlug } from "./support";

// Not a check: pictures of every page at phone and desk widths, for a person to look at.
// Run with `SCREENSHOTS=1 npx playwright test screenshots --project=nojs`; files go to screenshots/.
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to take screenshots");

const pages: { name: string; url: string; as?: string; staff?: boolean }[] = [
  { name: "apex-home", url: "/" },
  { name: "create-studio", url: "/start" },
  { name: "studio-home", url: studioUrl("demo") },
  { name: "sign-in", url: studioUrl("demo", "/login") },
  { name: "sign-in-link", url: studioUrl("demo", "/login/link") },
  { name: "sign-in-link-open", url: studioUrl("demo", "/login/link?token=from-the-email") },
  { name: "verify-email-expired", url: studioUrl("demo", "/verify-email?token=not-a-real-token") },
  { name: "locations", url: studioUrl("demo", "/locations") },
  { name: "unknown-studio", url: studioUrl("nowhere") },
  { name: "not-found", url: studioUrl("demo", "/nothing-here") },
  { name: "home-owner", url: studioUrl("demo"), as: "owner@demo.test", staff: true },
  { name: "dashboard", url: studioUrl("demo", "/dashboard"), as: "owner@demo.test", staff: true },
  { name: "team", url: studioUrl("demo", "/team"), as: "owner@demo.test", staff: true },
  { name: "account-client", url: studioUrl("demo", "/account"), as: "amara@demo.test" },
  { name: "forbidden", url: studioUrl("demo", "/team"), as: "amara@demo.test" },
  { name: "schedule", url: studioUrl("demo", "/schedule") },
  { name: "services", url: studioUrl("demo", "/services") },
  { name: "signup", url: studioUrl("demo", "/signup") },
  { name: "api-docs", url: studioUrl("demo", "/api/docs"), staff: true },
  { name: "clients", url: studioUrl("demo", "/clients"), as: "owner@demo.test", staff: true },
  { name: "settings", url: studioUrl("demo", "/settings"), as: "owner@demo.test", staff: true },
  { name: "settings-payments", url: studioUrl("demo", "/settings/payments"), as: "owner@demo.test", staff: true },
  { name: "export", url: studioUrl("demo", "/export"), as: "owner@demo.test", staff: true },
  { name: "calendar-week", url: studioUrl("demo", "/calendar?view=week"), as: "frontdesk@demo.test", staff: true },
  { name: "today", url: studioUrl("demo", "/today"), as: "frontdesk@demo.test", staff: true },
  { name: "desk", url: studioUrl("demo", "/desk"), as: "frontdesk@demo.test", staff: true },
  { name: "desk-search", url: studioUrl("demo", "/desk?q=a"), as: "frontdesk@demo.test", staff: true },
  { name: "timetable", url: studioUrl("demo", "/classes"), as: "owner@demo.test", staff: true },
  { name: "teaching-week", url: studioUrl("demo", "/teaching?view=week"), as: "priya@demo.test", staff: true },
  { name: "availability", url: studioUrl("demo", "/availability"), as: "tom@demo.test", staff: true },
  { name: "health-check", url: studioUrl("demo", "/account/health"), as: "amara@demo.test" },
  { name: "account", url: studioUrl("demo", "/account"), as: "amara@demo.test" },
  { name: "packages-client", url: studioUrl("demo", "/packages"), as: "amara@demo.test" },
  { name: "packages-visitor", url: studioUrl("demo", "/packages") },
  { name: "account-credits", url: studioUrl("demo", "/account/credits"), as: "ben@demo.test" },
  { name: "packages-owner", url: studioUrl("demo", "/packages"), as: "owner@demo.test", staff: true },
  { name: "package-new", url: studioUrl("demo", "/packages/new"), as: "owner@demo.test", staff: true },
  { name: "intro-visitor", url: studioUrl("demo", "/intro") },
  { name: "intro-signups", url: studioUrl("demo", "/intro-signups"), as: "owner@demo.test", staff: true },
  { name: "requests-client", url: studioUrl("demo", "/requests"), as: "amara@demo.test" },
  { name: "request-new", url: studioUrl("demo", "/requests/new"), as: "amara@demo.test" },
  { name: "requests-queue", url: studioUrl("demo", "/requests/queue"), as: "owner@demo.test", staff: true },
  { name: "teaching-requests", url: studioUrl("demo", "/teaching"), as: "priya@demo.test", staff: true },
  { name: "reports-locations", url: studioUrl("demo", "/reports/locations"), as: "owner@demo.test", staff: true },
  { name: "reports-instructors", url: studioUrl("demo", "/reports/instructors"), as: "owner@demo.test", staff: true },
  { name: "reports-finance", url: studioUrl("demo", "/reports"), as: "finance@demo.test", staff: true },
  {
    name: "reports-revenue-service",
    url: studioUrl("demo", "/reports/revenue?by=service"),
    as: "finance@demo.test",
    staff: true,
  },
  {
    name: "reports-revenue-location",
    url: studioUrl("demo", "/reports/revenue?by=location&from=2026-01-01&to=2026-12-31"),
    as: "owner@demo.test",
    staff: true,
  },
  { name: "reports-credits", url: studioUrl("demo", "/reports/credits"), as: "finance@demo.test", staff: true },
  { name: "reports-payments", url: studioUrl("demo", "/reports/payments"), as: "finance@demo.test", staff: true },
];

for (const shot of pages) {
  test(shot.name, async ({ page }) => {
    if (shot.as) await signIn(page, "demo", shot.as);
    for (const width of shot.staff ? [360, 1280] : [360]) {
      await page.setViewportSize({ width, height: 760 });
      await page.goto(shot.url);
      await expect(page.locator("main")).toBeVisible();
      await page.screenshot({ path: `screenshots/${shot.name}-${width}.png`, fullPage: true });
    }
  });
}

test("create-studio-errors", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 760 });
  await page.goto("/start");
  await page.getByLabel("Web address").fill("www");
  await page.getByRole("button", { name: "Create studio" }).click();
  await expect(page.getByText("That address is reserved; please choose another")).toBeVisible();
  await page.screenshot({ path: "screenshots/create-studio-errors-360.png", fullPage: true });
});

test("client-credits", async ({ page }) => {
  await signIn(page, "demo", "frontdesk@demo.test");
  await page.goto(studioUrl("demo", "/clients?q=Ben"));
  await page.getByRole("link", { name: "Ben Hughes" }).click();
  await page.getByRole("link", { name: "Manage credits" }).click();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Credits" })).toBeVisible();
    await page.screenshot({ path: `screenshots/client-credits-${width}.png`, fullPage: true });
  }
  await page.goto(page.url().replace(/\/credits$/, ""));
  await page.screenshot({ path: "screenshots/client-profile-1280.png", fullPage: true });
});

test("churn", async ({ page, request }, testInfo) => {
  // A studio of its own: the demo studio has nobody at risk.
  const slug = await createStudio(request, uniqueSlug(testInfo, "shot"));
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");
  for (const [name, credits, days] of [
    ["Ada Lovelace", "3", "5"],
    ["Grace Hopper-Montgomery", "1", "12"],
  ] as const) {
    await page.goto(studioUrl(slug, "/clients/new"));
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email").fill(`${name.split(" ")[0]!.toLowerCase()}-${slug}@example.com`);
    await page.getByRole("button", { name: "Add client" }).click();
    await page.getByRole("link", { name: "Manage credits" }).click();
    const give = page.getByRole("region", { name: "Give credits" });
    await give.getByLabel("Credits", { exact: true }).fill(credits);
    await give.getByLabel("Valid for").fill(days);
    await give.getByLabel("Reason").fill("Trial");
    await give.getByRole("button", { name: "Give credits" }).click();
    await expect(page.getByRole("status")).toBeVisible();
  }
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    await page.goto(studioUrl(slug, "/dashboard/churn"));
    await expect(page.getByRole("heading", { level: 1, name: "Clients at risk" })).toBeVisible();
    await page.screenshot({ path: `screenshots/churn-${width}.png`, fullPage: true });
  }
  // A form sent without its reason: the error beside the field, the form left open.
  await page.setViewportSize({ width: 360, height: 760 });
  await page.getByText("Give Ada Lovelace credits").click();
  const form = page.locator("details[open]");
  await form.getByLabel("Credits").fill("2");
  await form.getByLabel("Valid for").fill("30");
  await form.getByRole("button", { name: "Give credits" }).click();
  await expect(page.getByText("Enter a reason")).toBeVisible();
  await page.screenshot({ path: "screenshots/churn-errors-360.png", fullPage: true });
});

/** Walks to a day with free times: the page's own "try …" link when the day is empty. */
async function dayWithTimes(page: Page) {
  const next = page.getByRole("link", { name: /^try / });
  // Wait for the day to show (times or the way forward) before choosing: a look straight after
  // the click can still see the page before.
  await expect(page.locator("a.slot").first().or(next)).toBeVisible();
  if (await next.isVisible()) await next.click();
  await expect(page.locator("a.slot").first()).toBeVisible();
}

test("booking pages", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const shot = async (name: string, width = 360) => {
    await page.setViewportSize({ width, height: 760 });
    await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
  };
  await page.setViewportSize({ width: 360, height: 760 });
  await signIn(page, "demo", "amara@demo.test");
  await page.goto(studioUrl("demo", "/bookings"));
  await shot("bookings-empty");
  await page.goto(studioUrl("demo", "/book"));
  await shot("book-sessions");
  await page.getByRole("link", { name: /Personal Training/ }).click();
  await dayWithTimes(page);
  await shot("book-times");
  const times = page.url().replace(/&date=[^&]*/, "");
  // A day with no free times, to see the way forward.
  await page.goto(`${times}&date=${nextWeekday(6)}`);
  await shot("book-times-empty");

  // A session three days out: far enough to move and cancel in time.
  await page.goto(`${times}&date=${nextWeekday(2)}`);
  await dayWithTimes(page);
  await page.locator("a.slot").first().click();
  await shot("book-confirm");
  await page.getByLabel(/Anything your instructor should know/).fill("Knee injury last year");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("You're booked in.")).toBeVisible();
  await shot("booking-booked");
  const booking = page.url().split("?")[0] as string;
  await page.goto(`${booking}/reschedule`);
  await shot("booking-move");
  await page.locator("a.slot").last().click();
  await shot("booking-move-confirm");
  await page.goto(`${booking}/cancel`);
  await shot("booking-cancel");
  await page.goto(studioUrl("demo", "/bookings"));
  await shot("bookings-client");

  await page.goto(studioUrl("demo", `/schedule?date=${nextWeekday(2)}`));
  await page.locator(".class-row a").first().click();
  await shot("class-client");

  // A new client holds no credits: told before booking, and sent to buy a package.
  const email = `shots-${Date.now()}@example.com`;
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.goto(studioUrl("demo", "/signup"));
  await page.getByLabel("Full name").fill("Noor Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Noor" })).toBeVisible();
  await page.goto(studioUrl("demo", `/schedule?date=${nextWeekday(2)}`));
  await page.locator(".class-row a").first().click();
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await shot("class-no-credits");
  await page.goto(`${times}&date=${nextWeekday(2)}`);
  await page.locator("a.slot").first().click();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await shot("book-no-credits");

  // The front desk and the trainer on the same day.
  const date = nextWeekday(2);
  const staff = await browser.newPage();
  await signIn(staff, "demo", "frontdesk@demo.test");
  for (const width of [360, 1280]) {
    await staff.setViewportSize({ width, height: 760 });
    await staff.goto(studioUrl("demo", `/bookings?date=${date}`));
    await staff.screenshot({ path: `screenshots/bookings-staff-${width}.png`, fullPage: true });
    await staff.goto(studioUrl("demo", "/book"));
    await staff.screenshot({ path: `screenshots/book-pick-client-${width}.png`, fullPage: true });
    await staff.goto(studioUrl("demo", `/schedule?date=${date}`));
    await staff.locator(".class-row a").first().click();
    await expect(staff.getByRole("heading", { name: "Book a client in" })).toBeVisible();
    await staff.screenshot({ path: `screenshots/class-staff-${width}.png`, fullPage: true });
    await staff.goto(studioUrl("demo", "/book"));
    await staff.getByRole("link", { name: /Amara Okafor/ }).click();
    await staff.screenshot({ path: `screenshots/book-for-client-${width}.png`, fullPage: true });
    await staff.goto(studioUrl("demo", "/clients"));
    await staff
      .getByRole("link", { name: /Amara Okafor/ })
      .first()
      .click();
    await staff.screenshot({ path: `screenshots/client-bookings-${width}.png`, fullPage: true });
  }
  await staff.close();
  const trainer = await browser.newPage();
  await signIn(trainer, "demo", "tom@demo.test");
  for (const width of [360, 1280]) {
    await trainer.setViewportSize({ width, height: 760 });
    await trainer.goto(studioUrl("demo", `/teaching?view=day&date=${date}`));
    await trainer.screenshot({ path: `screenshots/teaching-day-${width}.png`, fullPage: true });
  }
  await trainer.close();
});

/** The first date (in London) on an ISO weekday at least `minDays` days ahead. */
function nextWeekday(weekday: number, minDays = 3) {
  let day = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: minDays });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

test("waitlist pages", async ({ page, browser }) => {
  // A class weeks ahead made full, a client in line, then one more place: offered to them.
  const sunday = DateTime.now().setZone("Europe/London").startOf("week").plus({ weeks: 10, days: 6 });
  const owner = await (await browser.newContext()).newPage();
  await Promise.all([signIn(owner, "demo", "owner@demo.test"), signIn(page, "demo", "amara@demo.test")]);
  await page.goto(studioUrl("demo", `/schedule?date=${sunday.toISODate()}`));
  await page.getByRole("link", { name: /Yin Yoga/ }).click();
  const classUrl = page.url();
  const places = async (change: number) => {
    await owner.goto(classUrl);
    const hint = (await owner.locator("#class-capacity-hint").textContent()) ?? "";
    await owner.getByLabel("Places in this class").fill(String(Number(hint.match(/(\d+) booked/)?.[1]) + change));
    await owner.getByRole("button", { name: "Change places" }).click();
  };
  // Someone booked, so the class can be cut to its bookings.
  await owner.goto(classUrl);
  await owner.getByRole("button", { name: "Book for myself" }).click();
  await places(0);
  await page.goto(classUrl);
  await page.setViewportSize({ width: 360, height: 760 });
  await page.screenshot({ path: "screenshots/class-full-360.png", fullPage: true });
  await page.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(page.getByText("You're number 1 in line.")).toBeVisible();
  await page.screenshot({ path: "screenshots/class-waitlisted-360.png", fullPage: true });
  await places(1);
  const offer = owner.getByRole("link", { name: /^A place is free: Yin Yoga/ });
  await expect
    .poll(async () => {
      await owner.goto(studioUrl("demo", "/messages?q=amara%40demo.test"));
      return offer.count();
    })
    .toBeGreaterThan(0);
  await offer.first().click();
  const link = ((await owner.locator(".message-body").textContent()) ?? "").match(
    /https?:\/\/\S+\/offers\/[\w-]+/,
  )?.[0];
  await page.goto(classUrl);
  await page.screenshot({ path: "screenshots/class-offered-360.png", fullPage: true });
  const visitor = await (await browser.newContext({ viewport: { width: 360, height: 760 } })).newPage();
  await visitor.goto(link as string);
  await visitor.screenshot({ path: "screenshots/offer-360.png", fullPage: true });
  await visitor.getByRole("button", { name: "Take the place" }).click();
  await expect(visitor.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await visitor.screenshot({ path: "screenshots/offer-booked-360.png", fullPage: true });
});

// A booking starting in ten minutes: the check-in panel with its button, then (no JavaScript, so
// no position) the answer sending the client to the desk.
test("booking-check-in", async ({ page, request }, testInfo) => {
  const { slug, bookingId, email } = await bookedSoon(request, testInfo);
  await signIn(page, slug, email, CHECK_IN_PASSWORD);
  await page.setViewportSize({ width: 360, height: 760 });
  await page.goto(studioUrl(slug, `/bookings/${bookingId}`));
  await page.screenshot({ path: "screenshots/booking-check-in-360.png", fullPage: true });
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.screenshot({ path: "screenshots/booking-check-in-refused-360.png", fullPage: true });
});

// Attendance: the class page's roster for its instructor while check-in is open (a class in ten
// minutes), the printable roster, and the settings for check-in and no-shows.
test("class-attendance", async ({ page, request }, testInfo) => {
  const { slug, occurrenceId } = await bookedSoon(request, testInfo);
  await signIn(page, slug, `owner@${slug}.test`, CHECK_IN_PASSWORD);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    await page.goto(studioUrl(slug, `/schedule/${occurrenceId}`));
    await page.screenshot({ path: `screenshots/class-roster-${width}.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Check in Cleo Arrives" }).click();
  await expect(page.getByText(/Checked in at/)).toBeVisible();
  await page.screenshot({ path: "screenshots/class-roster-checked-in-1280.png", fullPage: true });
  await page.getByLabel("Class note").fill("Cleo asked for knee-friendly options.\nBring extra blocks.");
  await page.getByRole("button", { name: "Save note" }).click();
  await page.getByRole("link", { name: "Printable roster" }).click();
  await page.screenshot({ path: "screenshots/class-roster-print-1280.png", fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "screenshots/class-roster-print-media-1280.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    await page.goto(studioUrl(slug, "/settings"));
    for (const legend of ["Check-in", "No-shows"]) {
      const section = page.locator(`fieldset:has(> legend:text-is("${legend}"))`);
      await section.screenshot({ path: `screenshots/settings-${legend.toLowerCase()}-${width}.png` });
    }
  }
});
