import { type APIRequestContext, type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import { DateTime } from "luxon";
import { api, createStudio, invitationLink, invite, join, ownerApi, signIn, studioUrl, uniqueSlug } from "./support";

/**
 * The booking rules a person meets after booking: a session the studio books on an
 * instructor-led service waits for its instructor, and cancelling inside the cancellation
 * window costs the client their credit unless staff give it back. Each journey has a studio of
 * its own (the js and nojs projects run side by side): the owner, an instructor who works
 * 07:00–21:00 on the days the journeys book (so there are free times whatever the hour), a
 * client holding 3 credits, an instructor-led "Coaching" session and a self-booked "Personal
 * Training" session with a 48-hour cancellation window.
 */

const PASSWORD = "a-long-password";
const INSTRUCTOR = "Ines Iyer";
const CLIENT = "Casey Client";

/**
 * Both journeys book tomorrow (in London), and the day after covers a journey that crosses
 * midnight: hours on those two days only, two forms rather than seven.
 */
function bookedWeekdays() {
  const tomorrow = DateTime.now().setZone("Europe/London").plus({ days: 1 });
  return [tomorrow, tomorrow.plus({ days: 1 })].map((day) => day.setLocale("en-GB").toFormat("cccc"));
}

// Each journey sets up its own studio (an invitation and two days of hours) first.
test.describe.configure({ timeout: 120_000 });

async function policyStudio(request: APIRequestContext, browser: Browser, testInfo: TestInfo) {
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  const slug = await createStudio(request, uniqueSlug(testInfo, "bp"));
  const owner = await ownerApi(request, slug, PASSWORD);
  const { locationId } = owner;
  const session = (fields: Record<string, unknown>) =>
    api(
      request,
      slug,
      "/api/services",
      { type: "session", duration_minutes: 60, price_minor: 0, available_at_locations: [locationId], ...fields },
      owner.token,
    );
  await session({ name: "Coaching", booking_mode: "instructor_led", cancellation_window_hours: 24 });
  await session({ name: "Personal Training", booking_mode: "self_booking", cancellation_window_hours: 48 });
  const clientEmail = `client-${slug}@example.com`;
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: CLIENT,
    email: clientEmail,
    password: PASSWORD,
  });
  const clientId = client.user.id as string;

  // The owner invites the instructor, sets her hours and gives the client credits at the desk.
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const desk = await context.newPage();
  await signIn(desk, slug, `owner@${slug}.test`, PASSWORD);
  await invite(desk, slug, { name: INSTRUCTOR, email: `ines@${slug}.test`, role: "Instructor", at: "Main" });
  const memberPath = new URL(desk.url()).pathname;
  const instructor = await join(browser, await invitationLink(desk, slug), javaScript, INSTRUCTOR);

  await desk.goto(studioUrl(slug, memberPath));
  await desk.getByRole("link", { name: "Hours for 1:1 sessions" }).click();
  const add = desk.getByRole("region", { name: "Add weekly hours" });
  for (const day of bookedWeekdays()) {
    await add.getByLabel("Day").selectOption(day);
    await add.getByLabel("From").fill("07:00");
    await add.getByLabel("Until").fill("21:00");
    await add.getByRole("button", { name: "Add hours" }).click();
    await expect(desk.getByRole("status")).toHaveText("Saved.");
  }

  await desk.goto(studioUrl(slug, `/clients/${clientId}/credits`));
  const give = desk.getByRole("region", { name: "Give credits" });
  await give.getByLabel("A number of credits").check();
  await give.getByLabel("Credits", { exact: true }).fill("3");
  await give.getByLabel("Valid for").fill("30");
  await give.getByLabel("Reason").fill("Paid at the desk");
  await give.getByRole("button", { name: "Give credits" }).click();
  await expect(desk.getByRole("status")).toHaveText("Credits given.");
  await context.close();

  return { slug, clientEmail, clientId, instructor };
}

/** Tomorrow's first free time (tomorrow is always within 48 hours), picked on the times step. */
async function pickTomorrowsFirstTime(page: Page) {
  await page.getByRole("link", { name: "Next day →" }).click();
  await expect(page.getByRole("link", { name: "← Previous day" })).toBeVisible();
  await page.locator("a.slot").first().click();
}

async function balanceIs(page: Page, slug: string, credits: number) {
  await page.goto(studioUrl(slug, "/account/credits"));
  await expect(page.getByRole("heading", { level: 1, name: "My credits" })).toBeVisible();
  await expect(page.getByText(`${credits} ${credits === 1 ? "credit" : "credits"} to book with`)).toBeVisible();
}

/** The client books Personal Training for tomorrow's first free time with one of their credits. */
async function clientBooksTomorrow(page: Page, slug: string) {
  await page.goto(studioUrl(slug, "/book"));
  await page.getByRole("link", { name: /Personal Training/ }).click();
  await pickTomorrowsFirstTime(page);
  await expect(page.getByRole("heading", { name: "Confirm your booking" })).toBeVisible();
  await expect(
    page.getByText("This is inside the 48-hour cancellation window: if you cancel, the credit is used."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("You're booked in.")).toBeVisible();
  await expect(page.getByText("1 credit", { exact: true })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a session the studio books for an instructor-led service waits until the instructor confirms it", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const s = await policyStudio(request, browser, testInfo);
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;

  // The owner books the client in with Ines: a studio booking of an instructor-led session.
  await signIn(page, s.slug, `owner@${s.slug}.test`, PASSWORD);
  await page.goto(studioUrl(s.slug, `/clients/${s.clientId}`));
  await page.getByRole("link", { name: "Book a session" }).click();
  await expect(page.getByRole("heading", { name: `Book a session for ${CLIENT}` })).toBeVisible();
  await page.getByRole("link", { name: /Coaching/ }).click();
  await page.getByLabel("Instructor").selectOption({ label: INSTRUCTOR });
  if (!javaScript) await page.getByRole("button", { name: "Show times" }).click();
  await page.waitForURL(/instructorId=/);
  await pickTomorrowsFirstTime(page);
  await expect(page.getByRole("heading", { name: `Book ${CLIENT} in` })).toBeVisible();
  await expect(page.getByText("The booking waits for the instructor (or the studio) to confirm it.")).toBeVisible();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("Booking made.")).toBeVisible();
  await expect(page.getByText("It waits for confirmation; we'll let you know.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coaching" })).toBeVisible();
  await expect(page.getByText("Waiting for confirmation", { exact: true })).toBeVisible();
  await expect(page.getByText("By the studio")).toBeVisible();
  await expect(page.getByText(INSTRUCTOR, { exact: true })).toBeVisible();
  // It is Ines's decision: the owner may confirm in her place, but only saying why.
  const override = page.getByRole("form", { name: `Confirm in ${INSTRUCTOR}'s place` });
  await override.getByRole("button", { name: "Confirm booking" }).click();
  await expect(override.getByText("say why you are confirming it in their place")).toBeVisible();
  await expect(page.getByText("Waiting for confirmation", { exact: true })).toBeVisible();

  // Ines finds it on her teaching page and confirms it.
  const ines = s.instructor;
  await ines.goto(studioUrl(s.slug, "/teaching"));
  const waiting = ines.getByRole("region", { name: "Waiting for you to confirm" });
  await waiting.getByRole("link", { name: `${CLIENT} · Coaching` }).click();
  await expect(ines.getByRole("heading", { name: "Coaching" })).toBeVisible();
  await expect(ines.getByText("Waiting for confirmation", { exact: true })).toBeVisible();
  await ines.getByRole("button", { name: "Confirm booking" }).click();
  await expect(ines.getByText("Booking confirmed.")).toBeVisible();
  await expect(ines.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(ines.getByRole("button", { name: "Confirm booking" })).toHaveCount(0);

  await ines.goto(studioUrl(s.slug, "/teaching"));
  await expect(ines.getByRole("heading", { name: "My teaching" })).toBeVisible();
  await expect(ines.getByRole("region", { name: "Waiting for you to confirm" })).toHaveCount(0);

  // The client sees it confirmed.
  const client = await (await browser.newContext({ javaScriptEnabled: javaScript })).newPage();
  await signIn(client, s.slug, s.clientEmail, PASSWORD);
  await client.goto(studioUrl(s.slug, "/bookings"));
  await client
    .getByRole("region", { name: "Coming up" })
    .getByRole("link", { name: /Coaching/ })
    .click();
  await expect(client.getByText("Confirmed", { exact: true })).toBeVisible();
  await client.context().close();
  await ines.context().close();
});

test("cancelling inside the window: the client loses the credit; the owner may give it back", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const s = await policyStudio(request, browser, testInfo);
  await s.instructor.context().close();
  await signIn(page, s.slug, s.clientEmail, PASSWORD);
  await balanceIs(page, s.slug, 3);

  // The client cancels late: told first that the credit is not returned, and it is not.
  const first = await clientBooksTomorrow(page, s.slug);
  await balanceIs(page, s.slug, 2);
  await page.goto(studioUrl(s.slug, first));
  await page.getByRole("link", { name: "Cancel booking" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this booking?" })).toBeVisible();
  await expect(
    page.getByText("You're cancelling after the 48-hour window: your credit will not be returned."),
  ).toBeVisible();
  await expect(page.getByLabel("Keep the credit as a late-cancel fee")).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByText("Booking cancelled. 1 credit kept as a late-cancel fee.")).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await balanceIs(page, s.slug, 2);

  // Booked again; this time the owner cancels it late and chooses not to keep the credit.
  const second = await clientBooksTomorrow(page, s.slug);
  expect(second).not.toBe(first);
  await balanceIs(page, s.slug, 1);

  const owner = await (
    await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false })
  ).newPage();
  await signIn(owner, s.slug, `owner@${s.slug}.test`, PASSWORD);
  await owner.goto(studioUrl(s.slug, `/clients/${s.clientId}`));
  await owner
    .getByRole("region", { name: "Coming up" })
    .getByRole("link", { name: /Personal Training/ })
    .click();
  await owner.getByRole("link", { name: "Cancel booking" }).click();
  await expect(owner.getByRole("heading", { name: "Cancel this booking?" })).toBeVisible();
  await expect(
    owner.getByText(
      `This is after the 48-hour window. The credit goes back to ${CLIENT} unless you keep it as a late-cancel fee.`,
    ),
  ).toBeVisible();
  const keep = owner.getByLabel("Keep the credit as a late-cancel fee");
  await expect(keep).toBeVisible();
  await expect(keep).not.toBeChecked();
  await owner.getByLabel("Reason (optional)").fill("Instructor unwell");
  await owner.getByRole("button", { name: "Cancel booking" }).click();
  await expect(owner.getByText("Booking cancelled. Nothing charged.")).toBeVisible();
  expect(new URL(owner.url()).pathname).toBe(second);
  await owner.context().close();

  await balanceIs(page, s.slug, 2);
});
