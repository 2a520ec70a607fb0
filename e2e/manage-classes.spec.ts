import { expect, test } from "@playwright/test";
import { createStudio, signIn, studioUrl, uniqueSlug } from "./support";

test("the owner adds a class, schedules it weekly, is refused a clash, cancels one meeting and changes the price", async ({
  page,
  request,
  browser,
}, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "cls"));
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");

  await page.goto(studioUrl(slug, "/services"));
  await page.getByRole("link", { name: "Add a service" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Evening Flow");
  await page.getByRole("radio", { name: "Class" }).check();
  await page.getByLabel("Length").fill("60");
  await page.getByLabel("Places").fill("12");
  await page.getByLabel("Price in £").fill("12.5");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page).toHaveURL(studioUrl(slug, "/services"));
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Evening Flow" }) });
  await expect(card.getByText("£12.50")).toBeVisible();
  await expect(card.getByText("Book online yourself")).toBeVisible();

  const schedule = async () => {
    await page.goto(studioUrl(slug, "/classes/new"));
    await page.getByLabel("Class", { exact: true }).selectOption({ label: "Evening Flow (60 min)" });
    await page.getByLabel("Instructor").selectOption({ label: "Second Owner (Main)" });
    await page.getByLabel("Day").selectOption({ label: "Wednesday" });
    await page.getByLabel("Starts").fill("18:00");
    await page.getByRole("button", { name: "Schedule class" }).click();
  };
  await schedule();
  await expect(page.getByText(/^The class is scheduled/)).toBeVisible();
  await expect(page).toHaveURL(studioUrl(slug, "/classes?scheduled=1"));

  // The same hour again: the clash is named and nothing is created.
  await schedule();
  await expect(page.getByText("The instructor is busy at some of these times")).toBeVisible();
  await expect(page.getByText(/Evening Flow at Main, Wed \d+ \w+ 18:00–19:00/).first()).toBeVisible();
  await page.goto(studioUrl(slug, "/classes"));
  await expect(page.getByRole("button", { name: /End this series/ })).toHaveCount(1);
  await expect(page.getByText("Wednesdays 18:00–19:00 · Every week")).toBeVisible();

  await page
    .getByRole("link", { name: /^Cancel / })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Cancel this class?" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel this class" }).click();
  await expect(page.getByText("Say why, for the people booked in")).toBeVisible();
  await page.getByLabel("Reason").fill("Teacher unwell");
  await page.getByRole("button", { name: "Cancel this class" }).click();
  await expect(page.getByText("This class is cancelled: Teacher unwell.")).toBeVisible();
  await page.goto(studioUrl(slug, "/classes"));
  // One meeting cancelled; the next ones still run.
  await expect(page.getByText("Cancelled", { exact: true })).toHaveCount(1);
  await expect(page.getByRole("link", { name: /^Cancel / })).toHaveCount(3);

  await page.goto(studioUrl(slug, "/services"));
  await page.getByRole("link", { name: "Edit Evening Flow" }).click();
  await expect(page.getByLabel("Price in £")).toHaveValue("12.50");
  await page.getByLabel("Price in £").fill("14");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByText("£14.00")).toBeVisible();

  const visitor = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const guest = await visitor.newPage();
  await guest.goto(studioUrl(slug, "/services"));
  const offered = guest.getByRole("listitem").filter({ has: guest.getByRole("heading", { name: "Evening Flow" }) });
  await expect(offered.getByText("£14.00")).toBeVisible();
  await expect(guest.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  await expect(guest.getByRole("link", { name: "Add a service" })).toHaveCount(0);
  await visitor.close();
});
