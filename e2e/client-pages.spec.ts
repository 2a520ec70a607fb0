import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { DateTime } from "luxon";
import { api, createStudio, ownerApi, signedIn, studioUrl, uniqueSlug } from "./support";

/**
 * The client's pages as a new client meets them on a 360 px phone: the home page, the header,
 * the schedule's marks and opening day, a restricted client, and the size of every target.
 */

test.use({ viewport: { width: 360, height: 780 } });

const PASSWORD = "a-long-password";

test("a client's home shows the next bookings, the credits and the two ways to book; Classes is in the header", async ({
  page,
}) => {
  await signedIn(page, "demo", "amara@demo.test");
  await page.goto(studioUrl("demo", "/"));
  await expect(page.getByRole("heading", { name: "Hello, Amara", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Book a class" })).toHaveAttribute("href", "/schedule");
  await expect(page.getByRole("link", { name: "Book a session" })).toHaveAttribute("href", "/book");
  const next = page.getByRole("region", { name: "Your next bookings" });
  const first = next.getByRole("listitem").first().getByRole("link");
  await expect(first).toHaveAttribute("href", /^\/bookings\/[0-9a-f-]{36}$/);
  // Date, time, what and where, the studio's way.
  await expect(first).toContainText(/[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+/);
  await expect(first).toContainText(/\d\d:\d\d–\d\d:\d\d/);
  await expect(first).toContainText(/Camden|Shoreditch/);
  const credits = page.getByRole("region", { name: "Your credits" });
  await expect(credits).toContainText(/\d+ credits? left/);
  await expect(credits.getByRole("link", { name: "See my credits" })).toHaveAttribute("href", "/account/credits");

  // Classes sits in the header row itself, and the row fits the phone without wrapping.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Classes" })).toBeVisible();
  const row = await nav.evaluate((el) => ({
    tops: [...el.querySelectorAll(":scope > ul > li")].map((li) => Math.round(li.getBoundingClientRect().top)),
    overflow: el.scrollWidth - el.clientWidth,
  }));
  expect(new Set(row.tops).size).toBe(1);
  expect(row.overflow).toBeLessThanOrEqual(0);

  await page.getByRole("link", { name: "Book a class" }).click();
  await expect(page.getByRole("heading", { name: "Classes", level: 1 })).toBeVisible();
});

/** A fresh studio (London): a one-place class that started early today, and tomorrow one full class and one free. */
async function markedStudio(request: APIRequestContext, slug: string) {
  await createStudio(request, slug);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { locationId } = owner;
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Solo Stretch",
      type: "class",
      duration_minutes: 30,
      capacity: 1,
      requires_credit: false,
      price_minor: 0,
      available_at_locations: [locationId],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const today = DateTime.now().setZone("Europe/London");
  const weekly = (weekday: number, startTime: string) =>
    api(
      request,
      slug,
      "/api/class-series",
      {
        serviceId: service.id,
        locationId,
        instructorId: owner.user.id,
        weekday,
        startTime,
        overrideOpeningHours: true,
      },
      owner.token,
    );
  const tomorrow = today.plus({ days: 1 });
  await weekly(today.weekday, "00:00");
  const full = await weekly(tomorrow.weekday, "12:00");
  await weekly(tomorrow.weekday, "13:00");
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Fay Full",
    email: `fay@${slug}.test`,
    password: PASSWORD,
  });
  await api(request, slug, "/api/bookings/class", { occurrenceId: full.occurrenceIds[0] }, client.token);
  return { today: today.toISODate() as string, tomorrow: tomorrow.setLocale("en-GB").toFormat("cccc d LLLL") };
}

test("the schedule marks started and full classes, and opens on the next day with a place left", async ({
  page,
  request,
}, testInfo) => {
  const slug = uniqueSlug(testInfo, "marks");
  const { today, tomorrow } = await markedStudio(request, slug);
  await page.goto(studioUrl(slug, "/schedule"));
  await expect(page.getByRole("status")).toHaveText(`Nothing left today — showing ${tomorrow}`);
  await expect(page.getByRole("heading", { level: 2 })).toContainText(tomorrow);
  const rows = page.locator(".class-row");
  await expect(rows.nth(0)).toContainText("12:00");
  await expect(rows.nth(0)).toContainText("Full");
  await expect(rows.nth(1)).toContainText("1 spot left");
  // Today stays one tap away, and an explicit date wins.
  await page.getByRole("link", { name: "Today", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`date=${today}`));
  await expect(page.getByText("Nothing left today")).toHaveCount(0);
  await expect(rows.first()).toContainText("Started");
});

test("a restricted client sees one message and no Book button that would be refused", async ({ page }) => {
  await signedIn(page, "demo", "dev@demo.test");
  const message = "Please contact the studio to book.";
  await page.goto(studioUrl("demo", "/"));
  await expect(page.getByRole("alert")).toHaveText(message);
  await expect(page.getByRole("link", { name: /^Book a (class|session)$/ })).toHaveCount(0);

  await page.goto(studioUrl("demo", "/schedule"));
  await expect(page.getByRole("alert")).toHaveText(message);
  const open = page.locator(".class-row:not(.is-started):not(.is-full):not(.is-cancelled) a").first();
  await open.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(message);
  await expect(page.getByRole("button", { name: "Book", exact: true })).toHaveCount(0);

  await page.goto(studioUrl("demo", "/book"));
  await expect(page.getByRole("alert")).toHaveText(message);
  await expect(page.locator("a.pick-card:not(.pick-classes)")).toHaveCount(0);
});

/**
 * Every a, button, input, select and summary a person can reach is at least 44 × 44 px. A
 * checkbox or radio counts with its labels (a tap on either ticks it). Exempt, as WCAG 2.5.8 allows:
 * a link inside a sentence (laid out inline, with words beside it in the same block), and the
 * hidden honeypot field no person sees.
 */
async function smallTargets(page: Page) {
  return page.evaluate(() => {
    const inSentence = (el: Element) =>
      el.tagName === "A" &&
      getComputedStyle(el).display === "inline" &&
      /[\p{L}\p{N}]/u.test((el.parentElement?.textContent ?? "").replace(el.textContent ?? "", ""));
    return [...document.querySelectorAll("a, button, input, select, summary, textarea")]
      .filter((el) => (el as HTMLInputElement).type !== "hidden" && el.checkVisibility())
      .filter((el) => !el.closest("[aria-hidden='true']") && !inSentence(el))
      .map((el) => {
        const input = el as HTMLInputElement;
        const parts = /^(checkbox|radio)$/.test(input.type) ? [el, ...(input.labels ?? [])] : [el];
        const boxes = parts.map((part) => part.getBoundingClientRect());
        const width = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
        const height = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
        const name = (el.textContent || (el as HTMLInputElement).name || el.id).trim().slice(0, 40);
        return {
          target: `${el.tagName.toLowerCase()} "${name}"`,
          width: Math.round(width),
          height: Math.round(height),
        };
      })
      .filter((t) => t.width < 44 || t.height < 44);
  });
}

test("every target on the client's pages is at least 44 × 44 px at 360 px wide", async ({ page }) => {
  // Nineteen pages in one signed-in walk: cheaper than signing in per page, longer than one journey.
  test.setTimeout(120_000);
  const small: Record<string, unknown[]> = {};
  const measure = async (path: string) => {
    if (path !== page.url().replace(/^https?:\/\/[^/]+/, "")) await page.goto(studioUrl("demo", path));
    const found = await smallTargets(page);
    if (found.length > 0) small[path] = found;
  };
  for (const path of ["/login", "/signup", "/forgot-password"]) await measure(path);

  await signedIn(page, "demo", "amara@demo.test");
  const hrefOf = async (path: string, selector: string) => {
    await page.goto(studioUrl("demo", path));
    return (await page.locator(selector).first().getAttribute("href")) as string;
  };
  const booking = await hrefOf("/bookings", "main a[href^='/bookings/']");
  const klass = await hrefOf("/schedule", "main a[href^='/schedule/']");
  const session = await hrefOf("/book", "main a.pick-card[href^='/book?serviceId']");
  const times = `${session}&date=${DateTime.now().setZone("Europe/London").plus({ days: 3 }).toISODate()}`;
  const confirm = await hrefOf(times, "main a[href^='/book/confirm'], main a[href^='/book?']");
  for (const path of [
    "/",
    "/schedule",
    klass,
    "/services",
    "/book",
    times,
    confirm,
    "/bookings",
    booking,
    `${booking}/cancel`,
    `${booking}/reschedule`,
    "/account",
    "/account/credits",
    "/account/edit",
    "/account/health",
    "/account/calendar",
  ])
    await measure(path);
  expect(small).toEqual({});
});
