import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { api, createStudio, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

// One journey, JavaScript on and off (the visitor's page): a studio connected to Stripe (the
// fake) publishes an intro offer; a new visitor signs up on /intro and pays on Checkout; the
// owner matches them from the queue with a free time; the client's first session is booked and
// confirmed by email and SMS.

const PASSWORD = "a-long-password";

/** The Monday at least two days ahead in London: past the studio's notice period. */
function nextMonday() {
  let day = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 2 });
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

test("a new client takes the intro offer, pays, and the owner matches them to a first session", async ({
  page,
  browser,
  request,
}, testInfo) => {
  // Three people's steps in one journey (owner set-up, a visitor paying, the match).
  test.setTimeout(120_000);
  const slug = await createStudio(request, uniqueSlug(testInfo, "intro"));
  const monday = nextMonday();

  // The owner connects Stripe, works Mondays, and publishes a 1:1 session as the intro offer.
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, slug, `owner@${slug}.test`, PASSWORD);
  await owner.goto(studioUrl(slug, "/settings/payments"));
  await owner.getByRole("button", { name: "Connect with Stripe" }).click();
  await owner.getByRole("button", { name: "Agree and submit" }).click();
  await expect(owner.getByText("Charges enabled")).toBeVisible();
  await owner.goto(studioUrl(slug, "/availability"));
  const add = owner.getByRole("region", { name: "Add weekly hours" });
  await add.getByLabel("Day").selectOption("Monday");
  await add.getByLabel("Location").selectOption({ label: "Main" });
  await add.getByLabel("From").fill("09:00");
  await add.getByLabel("Until").fill("17:00");
  await add.getByRole("button", { name: "Add hours" }).click();
  await expect(owner.getByRole("status")).toHaveText("Saved.");
  const login = await api(request, slug, "/api/auth/login", { email: `owner@${slug}.test`, password: PASSWORD });
  const { locations } = await (
    await studioRequest(request, slug, "/api/locations", { headers: { authorization: `Bearer ${login.token}` } })
  ).json();
  await api(
    request,
    slug,
    "/api/services",
    {
      name: "PT 60",
      type: "session",
      duration_minutes: 60,
      price_minor: 5500,
      requires_credit: true,
      available_at_locations: [locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    login.token,
  );
  await owner.goto(studioUrl(slug, "/packages/new"));
  await owner.getByLabel("Name").fill("Intro session");
  await owner.getByLabel("Credits").fill("1");
  await owner.getByLabel("Valid for").fill("60");
  await owner.getByLabel("Price in £").fill("39");
  await owner.getByLabel("PT 60 (1:1 session)").check();
  await owner.getByLabel(/Intro offer: shown on the public intro page/).check();
  await owner.getByRole("button", { name: "Add package" }).click();
  await expect(owner.getByRole("status")).toHaveText("Package added. It is on sale now.");

  // A new visitor signs up on the intro page and pays on Checkout.
  const email = `nadia@${slug}.test`;
  await page.goto(studioUrl(slug, "/"));
  await page.getByRole("link", { name: "Try our Intro session for £39.00" }).click();
  await expect(page.getByRole("heading", { name: "Intro session" })).toBeVisible();
  await page.getByLabel("Full name").fill("Nadia New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mobile phone").fill("07700 900123");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Monday").check();
  await page.getByRole("checkbox", { name: /Morning/ }).check();
  await page.getByLabel(/Anything we should know/).fill("First time in a gym");
  await page.getByRole("button", { name: "Sign up and pay £39.00" }).click();
  await expect(page.getByRole("heading", { name: "Pay GBP 39.00" })).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/payments/"));
  await expect(page.getByText(/1 credit added: Intro session/)).toBeVisible({ timeout: 15_000 });
  await page.goto(studioUrl(slug, "/intro"));
  await expect(page.getByRole("status")).toHaveText(/Paid\. The studio will match you with a trainer/);

  // The owner finds them in the queue, looks at Monday's free times and books one.
  await owner.goto(studioUrl(slug, "/intro-signups"));
  const card = owner.getByRole("listitem").filter({ hasText: "Nadia New" });
  await expect(card).toContainText("Paid £39.00 online");
  await expect(card).toContainText("First time in a gym");
  await card.getByLabel("Free times on").fill(monday);
  await card.getByRole("button", { name: "Show free times" }).click();
  const refreshed = owner.getByRole("listitem").filter({ hasText: "Nadia New" });
  await expect(refreshed.getByText(/Second Owner:.*10:00/)).toBeVisible();
  await refreshed.getByLabel("Date").fill(monday);
  await refreshed.getByLabel("Start time").fill("10:00");
  await refreshed.getByRole("button", { name: /Book the first session/ }).click();
  await expect(owner.getByRole("status")).toHaveText(/Matched\. The first session is booked/);

  // The client's first session: on their intro page and bookings, confirmed by email and SMS.
  await page.goto(studioUrl(slug, "/intro"));
  await expect(page.getByRole("status")).toContainText("Your first session is booked: Monday");
  await page.getByRole("link", { name: "See your booking" }).click();
  await expect(page.getByText("PT 60").first()).toBeVisible();
  await owner.goto(studioUrl(slug, `/messages?q=${encodeURIComponent(email)}`));
  await expect(owner.getByRole("link", { name: /^Booked: PT 60/ })).toBeVisible();
  await owner.goto(studioUrl(slug, `/messages?q=${encodeURIComponent("+447700900123")}`));
  // The text waits for the end of quiet hours when the match is made at night.
  await expect(owner.getByText(/Text to \+447700900123/)).toBeVisible();
  await expect(owner.getByRole("link", { name: "Booking confirmed" })).toBeVisible();
});
