import { expect, test } from "@playwright/test";
import { createStudio, signedIn, signIn, studioRequest, studioUrl, uniqueSlug } from "./support";

test("the owner of a new studio adds a second location, and fixes what the form refuses", async ({
  page,
  request,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "loc"));
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");
  await page.goto(studioUrl(slug, "/locations"));
  await page.getByRole("link", { name: "Add a location" }).click();
  await expect(page.getByRole("heading", { name: "Add a location" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("main");
  await page.getByLabel("Street address").fill("9 Wharf Street");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS2 7EE");
  const monday = page.getByRole("group", { name: "Monday" });
  await monday.getByLabel("Opens").fill("18:00");
  await monday.getByLabel("Closes").fill("07:00");
  await page.getByRole("button", { name: "Add location" }).click();
  await expect(monday.getByText("Closing time must be after opening time")).toBeVisible();

  await monday.getByLabel("Opens").fill("07:00");
  await monday.getByLabel("Closes").fill("18:00");
  await page.getByRole("group", { name: "Sunday" }).getByLabel("Closed").check();
  await page.getByRole("button", { name: "Add location" }).click();
  // The name is the studio's own first location's, whatever its case.
  await expect(page.getByText("Another location already has this name")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Wharf");
  await page.getByRole("button", { name: "Add location" }).click();
  await expect(page).toHaveURL(studioUrl(slug, "/locations"));
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Wharf" }) });
  await expect(card.getByText("9 Wharf Street, Leeds, LS2 7EE")).toBeVisible();
  await expect(card.getByRole("row", { name: "Mon 07:00–18:00" })).toBeVisible();
  await expect(card.getByRole("row", { name: "Sun Closed" })).toBeVisible();

  // Closing it keeps it, out of the clients' sight, ready to open again.
  await card.getByRole("link", { name: "Edit Wharf" }).click();
  await expect(page.getByLabel("Street address")).toHaveValue("9 Wharf Street");
  await page.getByRole("checkbox", { name: /Open: clients see it/ }).uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Closed locations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Wharf" })).toHaveCount(0);
  await page.getByRole("link", { name: "Edit Wharf" }).click();
  await expect(page.getByRole("group", { name: "Sunday" }).getByLabel("Closed")).toBeChecked();
});

test("a manager may edit only their own location: another's edit page is a 403", async ({ page, request }) => {
  await signedIn(page, "demo", "manager@demo.test");
  await page.goto(studioUrl("demo", "/locations"));
  await expect(page.getByRole("link", { name: "Add a location" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit Shoreditch" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit Camden" })).toHaveCount(0);
  await page.getByRole("link", { name: "Edit Shoreditch" }).click();
  await expect(page.getByRole("heading", { name: "Edit Shoreditch" })).toBeVisible();

  const [session] = await page.context().cookies(studioUrl("demo"));
  const response = await studioRequest(request, "demo", "/api/locations", {
    headers: { cookie: `__session=${session?.value}` },
  });
  const { locations } = (await response.json()) as { locations: { id: string; name: string }[] };
  const camden = locations.find((l) => l.name === "Camden");
  const refused = await page.goto(studioUrl("demo", `/locations/${camden?.id}/edit`));
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("You can only change the locations you manage.")).toBeVisible();
});

test("visitors see no editing links", async ({ page }) => {
  await page.goto(studioUrl("demo", "/locations"));
  await expect(page.getByRole("heading", { name: "Camden" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Add a location" })).toHaveCount(0);
});
