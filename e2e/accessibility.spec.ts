import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import {
  api,
  createStudio,
  invitationLink,
  invite,
  readMessage,
  signIn,
  studioRequest,
  studioUrl,
  uniqueSlug,
} from "./support";

/**
 * axe-core over every page a person can open, signed in as whoever opens it: clients and
 * visitors at phone width, staff at desk width. WCAG 2.0/2.1 A and AA, WCAG 2.2 AA (target size)
 * and axe's best practices; any violation fails, naming the page, the rule and the element.
 *
 * Each page is listed below by its address; a test maps the addresses to app/routes, so a page
 * added to the app and not here fails the suite.
 */

// axe waits on its own timers, which never fire in a context made with JavaScript off, so the
// audit would hang. The server sends the same HTML to both projects and hydration keeps it, so
// the js project's audit covers what a browser without JavaScript shows.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe cannot run with JavaScript off; js audits the same HTML");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const PHONE = { width: 360, height: 760 };
const DESK = { width: 1280, height: 800 };
const UUID = "([0-9a-f-]{36})";

/**
 * The axe-core that @axe-core/playwright ships, put in every page of an audited context by the
 * browser itself: AxeBuilder would otherwise send and run its 550 KB twice per page.
 */
const AXE_SCRIPT = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve(
  "axe-core/axe.min.js",
);

/** Ids of the studio's things, filled in as the pages that link to them are audited. */
type Ids = Record<string, string>;
type Audit = {
  path: string;
  /** On the app's own domain rather than a studio's. */
  apex?: boolean;
  /** At phone width, for a staff page that is also used on a phone. */
  phone?: boolean;
  /** Ids to take from this page's links for the pages after it: the first href matching, or the named link's. */
  find?: Record<string, RegExp | { link: string; href: RegExp }>;
};

const VISITOR: Audit[] = [
  { path: "/", apex: true },
  { path: "/start", apex: true },
  { path: "/" },
  { path: "/login" },
  { path: "/login/link" },
  { path: "/login/link?token=from-the-email" },
  { path: "/signup" },
  { path: "/api/docs" },
  { path: "/intro" },
  { path: "/forgot-password" },
  { path: "/forgot-password?sent" },
  { path: "/reset-password?token=not-a-real-token" },
  { path: "/verify-email?token=not-a-real-token" },
  { path: "/join?token=not-a-real-token" },
  { path: "/requests/00000000-0000-4000-8000-000000000000/proposal/not-a-real-token" },
  { path: "/schedule" },
  { path: "/schedule/{occurrence}" },
  { path: "/services" },
  { path: "/packages" },
  { path: "/locations" },
  { path: "/nothing-here" },
];

const CLIENT: Audit[] = [
  { path: "/" },
  { path: "/bookings", find: { booking: new RegExp(`^/bookings/${UUID}$`) } },
  { path: "/bookings/{booking}" },
  { path: "/bookings/{booking}/cancel" },
  { path: "/bookings/{booking}/reschedule" },
  { path: "/book" },
  { path: "/book?serviceId={session}&date={sessionDate}" },
  { path: "/book/confirm?{slot}" },
  { path: "/schedule" },
  { path: "/schedule/{occurrence}" },
  { path: "/services" },
  { path: "/packages" },
  { path: "/locations" },
  { path: "/account" },
  { path: "/account/edit" },
  { path: "/account/credits" },
  { path: "/account/payments" },
  { path: "/account/health" },
  { path: "/account/calendar" },
  { path: "/requests" },
  { path: "/requests/new" },
  { path: "/intro" },
];

const OWNER_DAY: Audit[] = [
  { path: "/" },
  { path: "/dashboard" },
  { path: "/dashboard", phone: true },
  { path: "/desk" },
  { path: "/desk?q=Amara" },
  { path: "/today" },
  { path: "/bookings" },
  { path: "/book" },
  { path: "/calendar" },
  { path: "/calendar?view=day" },
  { path: "/calendar?view=month" },
  { path: "/teaching" },
  { path: "/teaching?view=week" },
  { path: "/requests/queue", find: { request: new RegExp(`^/requests/${UUID}$`) } },
  { path: "/requests/{request}" },
  { path: "/availability" },
  { path: "/schedule" },
  { path: "/classes", find: { occurrence: new RegExp(`^/classes/${UUID}/cancel$`) } },
  { path: "/classes/new" },
  { path: "/classes/{occurrence}/cancel" },
  { path: "/classes/{occurrence}/substitute" },
  { path: "/schedule/{occurrence}" },
  { path: "/clients", find: { client: { link: "Amara Okafor", href: new RegExp(`^/clients/${UUID}$`) } } },
  { path: "/clients/new" },
  { path: "/clients/{client}", find: { booking: new RegExp(`^/bookings/${UUID}$`) } },
  { path: "/clients/{client}/credits" },
  { path: "/clients/{client}/health" },
  { path: "/clients/{client}/payments/new" },
  { path: "/bookings/{booking}" },
  { path: "/book?clientId={client}" },
  // The front desk's day on a phone too: the list read at a glance.
  { path: "/today", phone: true },
];

/** The owner's other pages: a second test, so that both workers share the owner's pages. */
const OWNER_SETUP: Audit[] = [
  { path: "/team", find: { member: { link: "Tom Baker", href: new RegExp(`^/team/${UUID}$`) } } },
  { path: "/team/invite" },
  { path: "/team/{member}" },
  { path: "/team/{member}/availability" },
  { path: "/team/{member}/deactivate" },
  { path: "/services", find: { service: new RegExp(`^/services/${UUID}/edit$`) } },
  { path: "/services/new" },
  { path: "/services/{service}/edit" },
  { path: "/packages", find: { package: new RegExp(`^/packages/${UUID}/edit$`) } },
  { path: "/packages/new" },
  { path: "/packages/{package}/edit" },
  { path: "/intro-signups" },
  { path: "/locations", find: { location: new RegExp(`^/locations/${UUID}/edit$`) } },
  { path: "/locations/new" },
  { path: "/locations/{location}/edit" },
  { path: "/locations/travel" },
  { path: "/settings" },
  { path: "/settings/payments" },
  { path: "/export" },
  { path: "/export", phone: true },
  { path: "/payments" },
  // Finance managers read the period's totals on a phone too.
  { path: "/payments", phone: true },
  { path: "/dashboard/churn" },
  { path: "/dashboard/churn", phone: true },
  { path: "/reports/locations" },
  { path: "/reports/instructors" },
  // Managers compare their locations on a phone too.
  { path: "/reports/locations", phone: true },
  { path: "/reports" },
  { path: "/reports/revenue?by=service" },
  { path: "/reports/revenue?by=location", phone: true },
  { path: "/reports/credits" },
  { path: "/reports/payments" },
  { path: "/account" },
];

/** Where the receptionist's and the instructor's views differ from the owner's. */
const RECEPTION: Audit[] = [
  { path: "/" },
  { path: "/desk" },
  { path: "/desk", phone: true },
  { path: "/today" },
  { path: "/bookings" },
];
const INSTRUCTOR: Audit[] = [
  { path: "/" },
  { path: "/teaching?view=week", find: { occurrence: new RegExp(`^/schedule/${UUID}`) } },
  { path: "/bookings" },
  { path: "/schedule/{occurrence}" },
];

/** The manager's printable roster (PAR-Q flags and all) for a class at their location. */
const MANAGER: Audit[] = [
  { path: "/dashboard" },
  { path: "/calendar?view=week", find: { occurrence: new RegExp(`^/schedule/${UUID}`) } },
  { path: "/schedule/{occurrence}/roster" },
];

/** A studio made for this test: a client's cancelled booking, and the forms behind emailed links. */
const NEW_VISITOR: Audit[] = [
  { path: "/join?token={invitation}" },
  { path: "/reset-password?token={reset}" },
  { path: "/offers/{offer}" },
];
/** The client waiting for the full class: their place in line, then the place offered to them. */
const NEW_WAITING: Audit[] = [{ path: "/schedule/{full}" }];
const NEW_CLIENT: Audit[] = [{ path: "/bookings" }, { path: "/bookings/{cancelled}" }, { path: "/payments/{payment}" }];
const NEW_OWNER: Audit[] = [
  { path: "/today" },
  { path: "/bookings?date={classDate}" },
  // Its log holds the invitation, the reset email and the bookings' messages.
  { path: "/messages", find: { message: new RegExp(`^/messages/${UUID}$`) } },
  { path: "/messages/{message}" },
  // The client's package payment (bought above): what a refund of it would do.
  { path: "/payments/{payment}/refund" },
];

// Generous for a runner shared with other work; about 20 s each on two free cores.
test.describe.configure({ timeout: 180_000 });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

test("visitor pages", async ({ browser }) => {
  const page = await pageFor(browser, PHONE);
  await audit(page, "visitor", VISITOR, { occurrence: await upcomingClass(page) });
});

test("client pages", async ({ browser }) => {
  const page = await pageFor(browser, PHONE, "amara@demo.test");
  const ids: Ids = { occurrence: await upcomingClass(page) };
  await page.goto(studioUrl("demo", "/book"));
  const training = await page.getByRole("link", { name: /Personal Training/ }).getAttribute("href");
  ids.session = new URL(training ?? "", studioUrl("demo")).searchParams.get("serviceId") ?? "";
  Object.assign(ids, await freeSlot(page, ids.session));
  await audit(page, "client", CLIENT, ids);
});

test("owner pages: the day's work", async ({ browser }) => {
  await audit(await pageFor(browser, DESK, "owner@demo.test"), "owner", OWNER_DAY, {});
});

test("owner pages: setting the studio up", async ({ browser }) => {
  await audit(await pageFor(browser, DESK, "owner@demo.test"), "owner", OWNER_SETUP, {});
});

test("receptionist, instructor and manager pages", async ({ browser }) => {
  await audit(await pageFor(browser, DESK, "frontdesk@demo.test"), "receptionist", RECEPTION, {});
  await audit(await pageFor(browser, DESK, "priya@demo.test"), "instructor", INSTRUCTOR, {});
  await audit(await pageFor(browser, DESK, "manager@demo.test"), "manager", MANAGER, {});
});

test("a new studio: a cancelled booking and the emailed links", async ({ browser, request }, testInfo) => {
  const slug = await createStudio(request, uniqueSlug(testInfo, "axe"));
  const call = (path: string, data: unknown, token?: string) => api(request, slug, path, data, token);
  const owner = await call("/api/auth/login", { email: `owner@${slug}.test`, password: "a-long-password" });
  const { locations } = await (
    await studioRequest(request, slug, "/api/locations", { headers: { authorization: `Bearer ${owner.token}` } })
  ).json();
  const classDay = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 2 });
  const { service } = await call(
    "/api/services",
    {
      name: "Open Flow",
      type: "class",
      duration_minutes: 60,
      // One place: the booked class is full, so a second client waits for it.
      capacity: 1,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const { occurrenceIds } = await call(
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: locations[0].id,
      instructorId: owner.user.id,
      weekday: classDay.weekday,
      startTime: "18:00",
      overrideOpeningHours: true,
    },
    owner.token,
  );
  const client = await call("/api/auth/signup", {
    fullName: "Casey Client",
    email: `casey@${slug}.test`,
    password: "a-long-password",
  });
  const book = (occurrenceId: string) => call("/api/bookings/class", { occurrenceId }, client.token);
  const { booking: cancelled } = await book(occurrenceIds[0]);
  await call(`/api/bookings/${cancelled.id}/cancel`, {}, client.token);
  const { booking: full } = await book(occurrenceIds[1]);
  const waiting = await call("/api/auth/signup", {
    fullName: "Wren Waiting",
    email: `wren@${slug}.test`,
    password: "a-long-password",
  });
  await call(`/api/classes/${occurrenceIds[1]}/waitlist`, {}, waiting.token);

  const visitor = await pageFor(browser, PHONE);
  await visitor.goto(studioUrl(slug, "/forgot-password"));
  await visitor.getByLabel("Email").fill(`owner@${slug}.test`);
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await visitor.waitForURL(/sent/);
  const ownerPage = await pageFor(browser, DESK, `owner@${slug}.test`, slug);
  await invite(ownerPage, slug, { name: "Ivy Newhire", email: `ivy@${slug}.test`, role: "Instructor", at: "Main" });
  const token = (link?: string | null) => new URL(link ?? "http://x/").searchParams.get("token") ?? "";
  const waitingPage = await pageFor(browser, PHONE, `wren@${slug}.test`, slug);
  await audit(waitingPage, "waiting client", NEW_WAITING, { full: occurrenceIds[1] }, slug);
  // Casey's place frees; the worker's fill job offers it to Wren by email.
  await call(`/api/bookings/${full.id}/cancel`, {}, client.token);
  const offerLink = ownerPage.getByRole("link", { name: /^A place is free: Open Flow/ });
  await expect
    .poll(async () => {
      await ownerPage.goto(studioUrl(slug, `/messages?q=wren%40${slug}.test`));
      return offerLink.count();
    })
    .toBeGreaterThan(0);
  await offerLink.first().click();
  const offerBody = (await ownerPage.locator(".message-body").textContent()) ?? "";
  await audit(waitingPage, "offered client", NEW_WAITING, { full: occurrenceIds[1] }, slug);
  const ids: Ids = {
    offer: offerBody.match(/\/offers\/([\w-]+)/)?.[1] ?? "",
    invitation: token(await invitationLink(ownerPage, slug)),
    reset: token((await readMessage(ownerPage, slug, "Reset your password")).match(/https?:\/\/\S+/)?.[0]),
    cancelled: cancelled.id,
    classDate: classDay.toISODate() as string,
  };
  // A payment's page: the studio connects (the fake) Stripe, and the client buys a package through Checkout.
  await ownerPage.goto(studioUrl(slug, "/settings/payments"));
  await ownerPage.getByRole("button", { name: "Connect with Stripe" }).click();
  await ownerPage.getByRole("button", { name: "Agree and submit" }).click();
  await ownerPage.waitForURL((url) => url.pathname === "/settings/payments");
  await ownerPage.goto(studioUrl(slug, "/packages/new"));
  await ownerPage.getByLabel("Name").fill("Five classes");
  await ownerPage.getByLabel("Credits").fill("5");
  await ownerPage.getByLabel("Valid for").fill("60");
  await ownerPage.getByLabel("Price in £").fill("55");
  await ownerPage.getByRole("button", { name: "Add package" }).click();
  await ownerPage.waitForURL((url) => url.searchParams.has("saved"));
  const clientPage = await pageFor(browser, PHONE, `casey@${slug}.test`, slug);
  await clientPage.goto(studioUrl(slug, "/packages"));
  await clientPage.getByRole("button", { name: /Buy for £55\.00/ }).click();
  await clientPage.getByRole("button", { name: "Pay" }).click();
  await clientPage.waitForURL((url) => url.pathname.startsWith("/payments/"));
  ids.payment = new URL(clientPage.url()).pathname.split("/")[2] as string;
  await audit(visitor, "new visitor", NEW_VISITOR, ids, slug);
  await audit(clientPage, "new client", NEW_CLIENT, ids, slug);
  await audit(ownerPage, "new owner", NEW_OWNER, ids, slug);
});

test("every page in app/routes is audited", () => {
  const audits = [
    ...VISITOR,
    ...CLIENT,
    ...OWNER_DAY,
    ...OWNER_SETUP,
    ...RECEPTION,
    ...INSTRUCTOR,
    ...MANAGER,
    ...NEW_VISITOR,
    ...NEW_WAITING,
    ...NEW_CLIENT,
    ...NEW_OWNER,
  ];
  const listed = new Set(audits.map((a) => routeOf(a.path.split("?")[0] as string)));
  const missing = pageRoutes()
    .map((r) => r.file)
    .filter((file) => !listed.has(file));
  expect(missing, "page routes no audit opens: add them to e2e/accessibility.spec.ts").toEqual([]);
});

/**
 * A page in a context of its own with axe-core loaded, signed in as `email` if given. Each
 * person signs in once per run: the session is saved beside the test results for later tests.
 */
async function pageFor(browser: Browser, viewport: typeof PHONE, email?: string, slug = "demo") {
  const saved = path.join(test.info().project.outputDir, "sessions", `${slug}-${email}.json`);
  const signedIn = email !== undefined && existsSync(saved);
  const context = await browser.newContext({ viewport, storageState: signedIn ? saved : undefined });
  contexts.push(context);
  await context.addInitScript({ path: AXE_SCRIPT });
  const page = await context.newPage();
  if (email && !signedIn) {
    await signIn(page, slug, email, slug === "demo" ? undefined : "a-long-password");
    await context.storageState({ path: saved });
  }
  return page;
}

/**
 * Opens each page, checks it is the route its address names (not a redirect elsewhere), runs axe
 * on it and takes the ids later pages need from its links. Violations are reported page by page.
 */
async function audit(page: Page, who: string, audits: Audit[], ids: Ids, slug = "demo") {
  for (const { path: template, apex, phone, find } of audits) {
    const address = template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
      const id = ids[name];
      if (!id) throw new Error(`${who}: no ${name} found for ${template}`);
      return id;
    });
    const viewport = page.viewportSize() ?? DESK;
    if (phone) await page.setViewportSize(PHONE);
    await page.goto(apex ? `http://localhost:${PORT}${address}` : studioUrl(slug, address));
    const landed = new URL(page.url()).pathname;
    expect(routeOf(landed), `${who} ${address} landed on ${landed}`).toBe(routeOf(address.split("?")[0] as string));
    // axe is already in the page (see pageFor): AxeBuilder's own copy would be sent again.
    const { violations } = await new AxeBuilder({ page, axeSource: "void 'axe-core added by the context'" })
      .withTags(TAGS)
      .options({ resultTypes: ["violations"] })
      // The pages have no frames: run axe in the page, without opening a blank page per audit.
      .setLegacyMode()
      .analyze();
    const at = `${who} ${address} at ${page.viewportSize()?.width}px`;
    const found = violations.flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${at}: ${v.id} (${v.impact}) ${v.help}\n    ${node.target.join(" ")}: ${node.html.slice(0, 160)}\n    ` +
          (node.failureSummary ?? "").split("\n").slice(1).join(" ").trim(),
      ),
    );
    expect.soft(found.length, `accessibility violations on ${at}:\n${found.join("\n")}\n`).toBe(0);
    for (const [name, wanted] of Object.entries(find ?? {})) {
      const [links, href] =
        wanted instanceof RegExp
          ? [page.locator("a[href]"), wanted]
          : [page.getByRole("link", { name: wanted.link }), wanted.href];
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const id = hrefs.map((h) => h.match(href)?.[1]).find(Boolean);
      if (!id) throw new Error(`${who}: no link like ${href} on ${address}`);
      ids[name] = id;
    }
    if (phone) await page.setViewportSize(viewport);
  }
}

/** A class still to come in the demo studio: the first on the schedule from tomorrow on. */
async function upcomingClass(page: Page) {
  let day = DateTime.now().setZone("Europe/London").plus({ days: 1 });
  for (let tries = 0; tries < 7; tries++, day = day.plus({ days: 1 })) {
    await page.goto(studioUrl("demo", `/schedule?date=${day.toISODate()}`));
    const classes = page.locator('a[href^="/schedule/"]');
    if ((await classes.count()) > 0)
      return ((await classes.first().getAttribute("href")) ?? "").split(/[/?#]/)[2] ?? "";
  }
  throw new Error("no class in the demo studio's coming week");
}

/** A free time for the session from the day after tomorrow: its date and its confirm link's query. */
async function freeSlot(page: Page, serviceId: string) {
  let day = DateTime.now().setZone("Europe/London").plus({ days: 2 });
  for (let tries = 0; tries < 7; tries++, day = day.plus({ days: 1 })) {
    await page.goto(studioUrl("demo", `/book?serviceId=${serviceId}&date=${day.toISODate()}`));
    const slots = page.locator('a[href^="/book/confirm?"]');
    if ((await slots.count()) > 0) {
      const href = (await slots.first().getAttribute("href")) ?? "";
      return { sessionDate: day.toISODate() as string, slot: href.slice("/book/confirm?".length) };
    }
  }
  throw new Error("no free time for the session in the demo studio's coming week");
}

/** Every route module that renders a page (a default export), with the addresses it answers. */
function pageRoutes() {
  const dir = path.join(import.meta.dirname, "..", "app", "routes");
  return readdirSync(dir)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) => /^export default /m.test(readFileSync(path.join(dir, file), "utf8")))
    .map((file) => {
      const name = file.replace(/\.tsx?$/, "");
      // Remix flat routes: dots are slashes, `$x` a parameter, a lone `$` the rest of the path,
      // `_index` the folder's index and a trailing `_` only leaves the parent's layout.
      const segments = name
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => s.replace(/_$/, ""));
      const splat = segments.at(-1) === "$";
      const pattern = segments.map((s) => (s.startsWith("$") ? "[^/]+" : s));
      const regex = splat
        ? new RegExp(`^/${pattern.slice(0, -1).join("/")}.*$`)
        : new RegExp(`^/${pattern.join("/")}/?$`);
      const score = splat ? -1 : segments.filter((s) => !s.startsWith("$")).length;
      return { file: name, regex, score };
    });
}

let routes: ReturnType<typeof pageRoutes> | undefined;

/** The route module Remix picks for a path: static segments beat parameters beat the catch-all. */
function routeOf(pathname: string) {
  routes ??= pageRoutes();
  const matches = routes.filter((r) => r.regex.test(pathname)).sort((a, b) => b.score - a.score);
  return matches[0]?.file ?? `(no page for ${pathname})`;
}
