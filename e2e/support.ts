import { type APIRequestContext, expect, type Page, type TestInfo } from "@playwright/test";
import { PORT } from "../playwright.config";

export const DEMO_PASSWORD = "demo-password-2026";

export function studioUrl(slug: string, path = "/") {
  return `http://${slug}.localhost:${PORT}${path}`;
}

/** A slug no other test or project in this run uses. */
export function uniqueSlug(testInfo: TestInfo, prefix = "e2e") {
  return `${prefix}-${testInfo.project.name}-${testInfo.workerIndex}-${Date.now().toString(36)}`.slice(0, 30);
}

export async function signIn(page: Page, slug: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(studioUrl(slug, "/login"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Creates a studio through the real apex sign-up form (no browser needed). */
export async function createStudio(request: APIRequestContext, slug: string, name = `Studio ${slug}`) {
  const response = await request.post("/start", {
    form: {
      studioName: name,
      slug,
      ownerName: "Second Owner",
      email: `owner@${slug}.test`,
      password: "a-long-password",
      locationName: "Main",
      addressLine1: "1 Road",
      city: "Leeds",
      postcode: "LS1 1AA",
      timezone: "Europe/London",
    },
    headers: { origin: `http://localhost:${PORT}` },
    maxRedirects: 0,
  });
  if (response.status() !== 302) throw new Error(`studio ${slug} not created: ${response.status()}`);
  return slug;
}

/**
 * Node (unlike Chromium) cannot resolve *.localhost, so requests made outside the browser go
 * to the loopback address and name the studio in the Host header.
 */
export function studioRequest(
  request: APIRequestContext,
  slug: string,
  path: string,
  options: { method?: "GET" | "POST"; headers?: Record<string, string> } = {},
) {
  return request.fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: options.method ?? "GET",
    headers: { host: `${slug}.localhost:${PORT}`, ...options.headers },
    maxRedirects: 0,
  });
}
