import { type APIRequestContext, type Browser, type Cookie, expect, type Page, type TestInfo } from "@playwright/test";
import { DateTime } from "luxon";
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
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
}

/** Session cookies per "slug email", kept for the life of this worker process. */
const sessions = new Map<string, Cookie[]>();

/**
 * Signs `page` in as this person for a journey that is not about signing in: through the form
 * (signIn) the first time in this worker, then with that session's cookie, so the worker signs
 * each person in once. The page is then blank or at home: go where the journey starts. Journeys that sign
 * out, or reset or change this person's password, end the shared session: use signIn there.
 */
export async function signedIn(page: Page, slug: string, email: string, password = DEMO_PASSWORD) {
  const key = `${slug} ${email}`;
  const cookies = sessions.get(key);
  if (cookies) return page.context().addCookies(cookies);
  await signIn(page, slug, email, password);
  sessions.set(key, await page.context().cookies(studioUrl(slug)));
}

/** Creates a studio through the real apex sign-up form (no browser needed). */
export async function createStudio(
  request: APIRequestContext,
  slug: string,
  name = `Studio ${slug}`,
  timezone = "Europe/London",
) {
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
      timezone,
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

/** A JSON POST to a studio's API, optionally with a Bearer token; throws unless it succeeds. */
export async function api(request: APIRequestContext, slug: string, path: string, data: unknown, token?: string) {
  const response = await request.post(`http://127.0.0.1:${PORT}${path}`, {
    headers: { host: `${slug}.localhost:${PORT}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data,
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** A new studio's owner over the API: their bearer token, their user and the studio's first (only) location. */
export async function ownerApi(request: APIRequestContext, slug: string, password: string) {
  const owner = await api(request, slug, "/api/auth/login", { email: `owner@${slug}.test`, password });
  const response = await studioRequest(request, slug, "/api/locations", {
    headers: { authorization: `Bearer ${owner.token}` },
  });
  const { locations } = await response.json();
  return { token: owner.token as string, user: owner.user as { id: string }, locationId: locations[0].id as string };
}

/** The owner (or a manager) invites someone from the team page; the page shows them as invited. */
export async function invite(
  page: Page,
  slug: string,
  person: { name: string; email: string; role: string; at: string },
) {
  await page.goto(studioUrl(slug, "/team"));
  await page.getByRole("link", { name: "Invite someone" }).click();
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Role").selectOption({ label: person.role });
  await page.getByRole("group", { name: "Works at" }).getByLabel(person.at).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: person.name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Invitation sent");
}

/**
 * The text of the newest message with this subject (to `to`, if given), opened where the owner
 * reads the studio's messages: the owner alone may read one-time links there.
 */
export async function readMessage(page: Page, slug: string, subject: string, to?: string) {
  await page.goto(studioUrl(slug, to ? `/messages?q=${encodeURIComponent(to)}` : "/messages"));
  await page.getByRole("link", { name: subject, exact: true }).first().click();
  await expect(page.getByRole("heading", { name: subject, exact: true })).toBeVisible();
  return (await page.locator(".message-body").textContent()) ?? "";
}

/** The link in the newest invitation email, read where the owner reads the studio's messages. */
export async function invitationLink(page: Page, slug: string) {
  const body = await readMessage(page, slug, `Join Studio ${slug} on Wondrous`);
  const link = body.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no link in: ${body}`);
  return link;
}

/** The invitee, in a browser of their own, follows the link and joins. */
export async function join(browser: Browser, link: string, javaScript: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByLabel("Full name")).toHaveValue(name);
  await page.getByLabel("Password", { exact: true }).fill("my-own-password");
  await page.getByLabel("Password again").fill("my-own-password");
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

/**
 * One of three zones far apart where it is past 01:00 and at least `hoursLeft` hours before
 * midnight: a spec that places classes that long after now still has them end today.
 */
export function zoneAwayFromMidnight(hoursLeft: number): string {
  return ["Europe/London", "Asia/Tokyo", "America/Los_Angeles"].find((z) => {
    const hour = DateTime.now().setZone(z).hour;
    return hour >= 1 && hour < 24 - hoursLeft;
  }) as string;
}
