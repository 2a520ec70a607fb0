import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { createStudio, signIn, studioUrl, uniqueSlug } from "./support";

// JavaScript on and off: the owner leaves with all of the studio's data in one click from
// Settings, and what arrives is a ZIP of CSV files with a README.

test("the owner downloads all of the studio's data from Settings", async ({ page, request }, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "exp"));
  await signIn(page, slug, `owner@${slug}.test`, "a-long-password");

  await page.goto(studioUrl(slug, "/settings"));
  await page.getByRole("link", { name: "Download all your data" }).click();
  await page.waitForURL((url) => url.pathname === "/export");
  await expect(page.getByRole("heading", { level: 1, name: "Download all your data" })).toBeVisible();
  await expect(page.getByText("bookings.csv")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download all your data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${slug}-export-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const files = unzipSync(new Uint8Array(await readFile(await file.path())));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["README.txt", "bookings.csv", "clients.csv"]));
  // UTF-8 with a byte-order mark (the decoder drops it), then the header.
  expect([...files["bookings.csv"]!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(strFromU8(files["bookings.csv"]!)).toMatch(/^id,client_id,client,/);
  expect(strFromU8(files["README.txt"]!)).toContain(`Studio ${slug}: all of the studio's data`);
  expect(strFromU8(files["team.csv"]!)).toContain("Second Owner");
});
