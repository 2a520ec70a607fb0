import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { api, createStudio, invitationLink, invite, join, ownerApi, signIn, studioUrl, uniqueSlug } from "./support";

/**
 * A finance manager reads the money: the owner takes a cash payment at the desk and invites a
 * finance manager, who opens the reports, sees only the money ones, reads revenue by location
 * (chart and table), downloads it as CSV, and is refused the people reports and the dashboard.
 * A fresh studio per project, so the figures are exactly this payment's.
 */

const PASSWORD = "a-long-password";

test.describe.configure({ timeout: 120_000 });

test("a finance manager reads revenue by location and downloads it", async ({ browser, page, request }, testInfo) => {
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  const slug = await createStudio(request, uniqueSlug(testInfo, "money"));
  await ownerApi(request, slug, PASSWORD);
  const client = await api(request, slug, "/api/auth/signup", {
    fullName: "Casey Client",
    email: `casey@${slug}.test`,
    password: PASSWORD,
  });

  await signIn(page, slug, `owner@${slug}.test`, PASSWORD);
  await page.goto(studioUrl(slug, `/clients/${client.user.id}/payments/new`));
  await page.getByRole("radio", { name: "Something else" }).check();
  await page.getByLabel("What it is for").fill("Mat hire");
  await page.getByLabel("Amount").fill("12.50");
  await page.getByRole("radio", { name: "Cash", exact: true }).check();
  await page.getByLabel("Reason").fill("Paid in cash at the desk");
  await page.getByRole("button", { name: "Take payment" }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}/);
  await invite(page, slug, { name: "Felix Money", email: `felix@${slug}.test`, role: "Finance manager", at: "Main" });
  const finance = await join(browser, await invitationLink(page, slug), javaScript, "Felix Money");

  await finance.goto(studioUrl(slug, "/reports"));
  await expect(finance.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(finance.getByRole("heading", { name: "Money" })).toBeVisible();
  await expect(finance.getByRole("heading", { name: "People and classes" })).toHaveCount(0);
  await expect(finance.getByRole("link", { name: "Instructor performance" })).toHaveCount(0);
  await expect(finance.getByRole("link", { name: "Dashboard" })).toHaveCount(0);

  await finance.getByRole("link", { name: "Revenue by location" }).click();
  await expect(finance.getByRole("heading", { name: "Revenue by location", level: 1 })).toBeVisible();
  await expect(finance.getByRole("img", { name: /Net revenue by location/ })).toBeVisible();
  const row = finance.locator("#revenue-groups tbody tr").first();
  await expect(row.getByRole("rowheader")).toHaveText("Main");
  await expect(row.getByRole("cell")).toHaveText(["1", "£12.50", "0", "£0.00", "£12.50"]);
  await expect(finance.getByRole("img", { name: /Net revenue per day/ })).toBeVisible();

  const month = DateTime.now().setZone("Europe/London");
  const [from, to] = [month.startOf("month").toISODate(), month.endOf("month").toISODate()];
  const download = finance.waitForEvent("download");
  await finance.getByRole("link", { name: "Download as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`revenue-by-location-${from}-to-${to}.csv`);
  const text = await readFile((await file.path()) as string, "utf8");
  expect(text).toBe("\uFEFFLocation,Payments,Taken,Refunds,Refunded,Net,Currency\r\nMain,1,12.50,0,0.00,12.50,GBP\r\n");

  // Refused on the server, not just left out of the index: the people reports and the dashboard.
  for (const path of ["/reports/instructors", "/dashboard"]) {
    // Those pages come from other branches of this issue; until they are merged there is nothing to refuse.
    if ((await page.goto(studioUrl(slug, path)))?.status() === 404) {
      testInfo.annotations.push({ type: "not checked", description: `${path} does not exist here yet` });
      continue;
    }
    expect((await finance.goto(studioUrl(slug, path)))?.status()).toBe(403);
  }
  await finance.context().close();
});
