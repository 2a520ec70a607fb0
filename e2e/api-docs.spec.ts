import { expect, test } from "@playwright/test";
import { studioRequest, studioUrl } from "./support";

// An integrator reads the API's reference on the studio's own address, script or none.
test("the API reference is a page to read, and the same document as OpenAPI 3.1", async ({ page, request }) => {
  await page.goto(studioUrl("demo", "/api/docs"));
  await expect(page.getByRole("heading", { level: 1, name: "Wondrous studio API" })).toBeVisible();
  await expect(page.getByText("Every POST that creates or spends takes an")).toBeVisible();

  await page
    .getByRole("navigation", { name: "Operations" })
    .getByRole("link", { name: "Bookings", exact: true })
    .click();
  await expect(page).toHaveURL(/#tag-Bookings$/);
  await page.getByRole("link", { name: "POST /api/bookings", exact: true }).click();
  const operation = page.locator("section#postBookings");
  await expect(operation.getByRole("heading", { level: 3 })).toHaveText("POST /api/bookings");
  await expect(operation.getByText("Idempotency-Key (header)")).toBeVisible();
  await expect(operation.getByText("VALIDATION_ERROR", { exact: false }).first()).toBeVisible();

  const answer = await studioRequest(request, "demo", "/api/openapi.json");
  expect(answer.status()).toBe(200);
  const document = await answer.json();
  expect(document.openapi).toBe("3.1.0");
  expect(document.servers[0].url).toBe(`http://demo.localhost:${new URL(studioUrl("demo")).port}`);
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/api/bookings", "/api/docs", "/api/auth/verify"]),
  );
  expect(document.paths["/api/bookings"].post.operationId).toBe("postBookings");
});
