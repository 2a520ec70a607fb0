import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import {
  api,
  createStudio,
  invitationLink,
  invite,
  join,
  ownerApi,
  signIn,
  uniqueSlug,
  zoneAwayFromMidnight,
} from "./support";

/**
 * The front desk: a receptionist finds a client by typing part of their name and checks them
 * in from the result with the keyboard, then scans another client's check-in code (a scanner
 * types it into the search field and presses Enter), and a second scan says "already". A
 * fresh studio with a class starting in ten minutes, so check-in is open whenever this runs.
 */

const PASSWORD = "a-long-password";

test.describe.configure({ timeout: 90_000 });

test("a receptionist checks a client in by name and another by a scanned code", async ({
  browser,
  page,
  request,
}, testInfo) => {
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  // The hour-long class starts in ten minutes and must end today: a zone two hours from midnight.
  const zone = zoneAwayFromMidnight(2);
  const start = DateTime.now().setZone(zone).plus({ minutes: 10 });
  const slug = await createStudio(request, uniqueSlug(testInfo, "desk"), undefined, zone);
  const owner = await ownerApi(request, slug, PASSWORD);
  const { service } = await api(
    request,
    slug,
    "/api/services",
    {
      name: "Desk Flow",
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
      overrideOpeningHours: true,
    },
    owner.token,
  );
  const bookedClient = async (fullName: string) => {
    const email = `${fullName.split(" ")[0]?.toLowerCase()}@${slug}.test`;
    const { token } = await api(request, slug, "/api/auth/signup", { fullName, email, password: PASSWORD });
    const { booking } = await api(request, slug, "/api/bookings/class", { occurrenceId: occurrenceIds[0] }, token);
    return booking as { checkInCode: string; time: string };
  };
  const ada = await bookedClient("Ada Lovelace");
  const grace = await bookedClient("Grace Hopper");

  await signIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await invite(page, slug, { name: "Rosa Desk", email: `rosa@${slug}.test`, role: "Receptionist", at: "Main" });
  const desk = await join(browser, await invitationLink(page, slug), javaScript, "Rosa Desk");

  await desk.getByRole("link", { name: "Desk", exact: true }).first().click();
  await expect(desk.getByRole("heading", { name: "Front desk", level: 1 })).toBeVisible();
  const field = desk.getByLabel("Find a client or scan a code");
  await expect(field).toBeFocused();
  await expect(desk.getByText(`0 of 2 arrived`)).toBeVisible();

  // Part of a name: with JavaScript the result shows as it is typed and Enter checks them in;
  // without, Enter shows the results with the focus on the first one's Check in.
  await field.pressSequentially("lovel");
  const checkInAda = desk.getByRole("button", { name: `Check in Ada Lovelace, Desk Flow ${ada.time}` });
  if (javaScript) await expect(checkInAda).toBeVisible();
  await field.press("Enter");
  if (!javaScript) {
    await expect(checkInAda).toBeFocused();
    await desk.keyboard.press("Enter");
  }
  await expect(desk.getByRole("status")).toHaveText(`Checked in: Ada Lovelace, Desk Flow ${ada.time}.`);
  await expect(desk.getByText(`1 of 2 arrived`)).toBeVisible();

  // A scanner types the code and presses Enter; the field is empty and focused again after each.
  await expect(field).toBeFocused();
  await field.fill(grace.checkInCode);
  await field.press("Enter");
  await expect(desk.getByRole("status")).toHaveText(`Checked in: Grace Hopper, Desk Flow ${grace.time}.`);
  await expect(field).toHaveValue("");
  await field.fill(grace.checkInCode);
  await field.press("Enter");
  await expect(desk.getByRole("status")).toContainText(`Already checked in: Grace Hopper, Desk Flow ${grace.time}`);
  await expect(desk.getByText(`2 of 2 arrived`)).toBeVisible();
  await desk.context().close();
});
