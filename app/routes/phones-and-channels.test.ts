import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { findStudioSettings, updateStudioSettings } from "~/models/studio-settings.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as accountPage from "./account";
import * as editOwnPage from "./account_.edit";
import { action as signupApi } from "./api.auth.signup";
import * as clientApi from "./api.clients.$id";
import * as ownApi from "./api.clients.me";
import * as clientList from "./clients._index";
import * as clientPage from "./clients.$id";
import * as newClientPage from "./clients.new";
import * as settingsPage from "./settings";
import * as signupPage from "./signup";

/**
 * Every form and API body that writes a phone number stores E.164, read with the studio's
 * country; a number that is not one is a message next to its field (pages) or a 400 with
 * `code: "INVALID_PHONE"` (API), and nothing is written. Clients choose how they hear about
 * their bookings at /account; staff see where those messages go; the owner sets the studio's
 * message settings.
 */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

const NOT_UK = "That is not a valid United Kingdom phone number; for another country's, start with + and its code";

let s: Studio;
const cookies = new Map<string, string>();

beforeAll(async () => {
  s = await createClientsStudio();
});

async function cookieFor(user: User) {
  if (!cookies.has(user.id)) {
    const response = await signIn(s.tenant, user);
    cookies.set(user.id, (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "");
  }
  return cookies.get(user.id) as string;
}

/** A loader or action called the way Remix calls it; JSON or a page's `data(...)` read back. */
async function call(
  handler: Handler,
  path: string,
  options: {
    as?: User;
    method?: string;
    json?: unknown;
    form?: Record<string, string>;
    params?: Record<string, string>;
  },
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (options.as) headers.cookie = await cookieFor(options.as);
  let body: string | URLSearchParams | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form);
  }
  const request = new Request(`http://${host}${path}`, { method: options.method ?? "POST", headers, body });
  const args = { request, params: options.params ?? {}, context: { requestId: "t", clientIp: "192.0.2.8" } };
  let result: unknown;
  try {
    result = await handler(args as never);
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("location"), json: {} };
    throw thrown;
  }
  if (result instanceof Response) {
    const json = result.headers.get("content-type")?.includes("json") ? await result.json() : {};
    // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever each route answers
    return { status: result.status, location: result.headers.get("location"), json: json as Record<string, any> };
  }
  const page = result as { init?: { status?: number } | null; data?: unknown; type?: string };
  const json = page.type === "DataWithResponseInit" ? page.data : page;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return { status: page.init?.status ?? 200, location: null, json: json as Record<string, any> };
}

const stored = async (id: string) => findClientById(database(), s.tenant, id);

describe("pages: a bad number is a message next to its field; a good one is stored in E.164", () => {
  test("sign-up", async () => {
    const form = { fullName: "Nia Walters", email: "nia@example.com", password: "long enough pw" };
    const bad = await call(signupPage.action as Handler, "/signup", { form: { ...form, phone: "07911 12345" } });
    expect(bad).toMatchObject({ status: 400, json: { result: { error: { phone: [NOT_UK] } } } });
    expect(await findUserByEmail(database(), s.tenant, "nia@example.com")).toBeUndefined();
    const good = await call(signupPage.action as Handler, "/signup", { form: { ...form, phone: "07700 900456" } });
    expect(good.status).toBe(302);
    expect((await findUserByEmail(database(), s.tenant, "nia@example.com"))?.phone).toBe("+447700900456");
  });

  test("the client's own details, phone and emergency contact", async () => {
    const { ben } = s.clients;
    const form = { fullName: "Ben Hughes", phone: "07911 123456", emergencyContactName: "Sam" };
    const bad = await call(editOwnPage.action as Handler, "/account/edit", {
      as: ben,
      form: { ...form, emergencyContactPhone: "020 7946 000" },
    });
    expect(bad).toMatchObject({ status: 400, json: { result: { error: { emergencyContactPhone: [NOT_UK] } } } });
    expect((await stored(ben.id))?.phone).toBe("+447700900102");
    const good = await call(editOwnPage.action as Handler, "/account/edit", {
      as: ben,
      form: { ...form, emergencyContactPhone: "020 7946 0000" },
    });
    expect(good).toMatchObject({ status: 302, location: "/account?saved=1" });
    expect(await stored(ben.id)).toMatchObject({ phone: "+447911123456", emergencyContactPhone: "+442079460000" });
  });

  test("staff add a client", async () => {
    const form = { fullName: "Desk Added", email: "desk.added@example.com", locationId: s.camden.id };
    const as = s.staff.receptionist;
    const bad = await call(newClientPage.action as Handler, "/clients/new", {
      as,
      form: { ...form, phone: "+1 555 0100" },
    });
    expect(bad).toMatchObject({
      status: 400,
      json: {
        result: { error: { phone: ["That is not a valid phone number; check the country code and the digits"] } },
      },
    });
    expect(await findUserByEmail(database(), s.tenant, form.email)).toBeUndefined();
    const good = await call(newClientPage.action as Handler, "/clients/new", {
      as,
      form: { ...form, phone: "07911 123457" },
    });
    expect(good.status).toBe(302);
    expect((await findUserByEmail(database(), s.tenant, form.email))?.phone).toBe("+447911123457");
  });

  test("staff edit a client; the stored number typed the national way is no change", async () => {
    const { amara } = s.clients;
    const form = {
      fullName: "Amara Okafor",
      email: amara.email,
      bookingPermissions: "standard",
      locationIds: s.camden.id,
    };
    const params = { id: amara.id };
    const as = s.staff.receptionist;
    const bad = await call(clientPage.action as Handler, "/x", { as, params, form: { ...form, phone: "07911 12345" } });
    expect(bad).toMatchObject({ status: 400, json: { result: { error: { phone: [NOT_UK] } } } });
    const same = await call(clientPage.action as Handler, "/x", {
      as,
      params,
      form: { ...form, phone: "07700 900101" },
    });
    expect(same.status).toBe(302);
    expect((await stored(amara.id))?.phone).toBe("+447700900101");
    const good = await call(clientPage.action as Handler, "/x", {
      as,
      params,
      form: { ...form, phone: "07700 900101", emergencyContactPhone: "+44 (0)20 7946 0001" },
    });
    expect(good.status).toBe(302);
    expect((await stored(amara.id))?.emergencyContactPhone).toBe("+442079460001");
  });
});

describe("API bodies: a bad number is a 400 INVALID_PHONE naming the field", () => {
  test("sign-up, the client's own details and staff's PATCH", async () => {
    const signUp = { fullName: "Api Phone", email: "api.phone@example.com", password: "long enough pw" };
    const bad = await call(signupApi as Handler, "/api/auth/signup", { json: { ...signUp, phone: "07911 12345" } });
    expect(bad).toMatchObject({
      status: 400,
      json: { code: "INVALID_PHONE", error: NOT_UK, fieldErrors: { phone: [NOT_UK] } },
    });
    const good = await call(signupApi as Handler, "/api/auth/signup", { json: { ...signUp, phone: "07911 111222" } });
    expect(good.status).toBe(201);
    expect((await findUserByEmail(database(), s.tenant, signUp.email))?.phone).toBe("+447911111222");

    const { chloe } = s.clients;
    const own = await call(ownApi.action as Handler, "/api/clients/me", {
      as: chloe,
      method: "PATCH",
      json: { emergencyContactPhone: "020 7946 000" },
    });
    expect(own).toMatchObject({
      status: 400,
      json: { code: "INVALID_PHONE", fieldErrors: { emergencyContactPhone: [NOT_UK] } },
    });
    const ownGood = await call(ownApi.action as Handler, "/api/clients/me", {
      as: chloe,
      method: "PATCH",
      json: { phone: "+44 7911 123458" },
    });
    expect(ownGood).toMatchObject({ status: 200, json: { client: { phone: "+447911123458" } } });

    const staff = await call(clientApi.action as Handler, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      params: { id: chloe.id },
      json: { phone: "07911 12345" },
    });
    expect(staff).toMatchObject({ status: 400, json: { code: "INVALID_PHONE" } });
    expect((await stored(chloe.id))?.phone).toBe("+447911123458");
  });
});

test("a studio in the United States reads national numbers as American", async () => {
  const us = await createClientsStudio();
  await updateStudioSettings(database(), us.tenant, { country: "US" });
  const before = s;
  s = us;
  try {
    const { ella } = us.clients;
    const changed = await call(ownApi.action as Handler, "/api/clients/me", {
      as: ella,
      method: "PATCH",
      json: { phone: "(201) 555-0123" },
    });
    expect(changed).toMatchObject({ status: 200, json: { client: { phone: "+12015550123" } } });
  } finally {
    s = before;
  }
});

describe("/account: email, SMS or both for booking messages, and news and offers apart", () => {
  test("a client with a mobile chooses email only and news, with JS off (a plain POST)", async () => {
    const { ella } = s.clients;
    const page = await call(accountPage.loader as Handler, "/account", { as: ella, method: "GET" });
    expect(page.json.messages).toEqual({ messageChannels: "both", marketingConsent: false, noTexts: null });
    const saved = await call(accountPage.action as Handler, "/account", {
      as: ella,
      form: { messageChannels: "email", marketingConsent: "on" },
    });
    expect(saved).toMatchObject({ status: 302, location: "/account?saved=messages" });
    expect(await stored(ella.id)).toMatchObject({ messageChannels: "email", marketingConsent: true });
    // Unticked, news and offers is a no; booking messages go on regardless.
    await call(accountPage.action as Handler, "/account", { as: ella, form: { messageChannels: "sms" } });
    expect(await stored(ella.id)).toMatchObject({ messageChannels: "sms", marketingConsent: false });
    const junk = await call(accountPage.action as Handler, "/account", { as: ella, form: { messageChannels: "fax" } });
    expect(junk).toMatchObject({
      status: 400,
      json: { result: { error: { messageChannels: ["Choose email, text messages or both"] } } },
    });
  });

  test("a client whose phone is a landline is offered email only and told why; SMS is refused", async () => {
    const landline = await insertUser(database(), s.tenant, {
      email: "landline@example.com",
      fullName: "Lena Landline",
      role: "client",
      phone: "+442079460000",
      primaryLocationId: s.camden.id,
      accessibleLocations: [s.camden.id],
    });
    const noTexts = "Your phone number is not a mobile, so we email you. Add a mobile to get texts.";
    const page = await call(accountPage.loader as Handler, "/account", { as: landline, method: "GET" });
    expect(page.json.messages).toEqual({ messageChannels: "email", marketingConsent: false, noTexts });
    // The list marks a phone that cannot be texted, next to it.
    const list = await call(clientList.loader as Handler, "/clients?q=Lena", { as: s.staff.owner, method: "GET" });
    expect(list.json.clients).toMatchObject([
      { fullName: "Lena Landline", emailOnly: "Email only — not a mobile number" },
    ]);
    const ben = await call(clientList.loader as Handler, "/clients?q=Ben", { as: s.staff.owner, method: "GET" });
    expect(ben.json.clients).toMatchObject([{ fullName: "Ben Hughes", emailOnly: null }]);
    const refused = await call(accountPage.action as Handler, "/account", {
      as: landline,
      form: { messageChannels: "both" },
    });
    expect(refused).toMatchObject({ status: 400, json: { result: { error: { messageChannels: [noTexts] } } } });
    expect((await stored(landline.id))?.messageChannels).toBe("both");
    const api = await call(ownApi.action as Handler, "/api/clients/me", {
      as: landline,
      method: "PATCH",
      json: { messageChannels: "sms" },
    });
    expect(api).toMatchObject({ status: 400, json: { code: "NO_MOBILE", error: noTexts } });
    // A mobile sent with the choice is the one that counts.
    const withMobile = await call(ownApi.action as Handler, "/api/clients/me", {
      as: landline,
      method: "PATCH",
      json: { messageChannels: "sms", phone: "07911 111223" },
    });
    expect(withMobile).toMatchObject({ status: 200, json: { client: { messageChannels: "sms", noTexts: null } } });

    const staffView = await call(clientPage.loader as Handler, "/x", {
      as: s.staff.receptionist,
      method: "GET",
      params: { id: s.clients.ben.id },
    });
    expect(staffView.json.client.messages).toBe("Email and SMS");
  });

  test("staff see why a client gets email only", async () => {
    const none = await insertUser(database(), s.tenant, {
      email: "nophone@example.com",
      fullName: "Noor Nophone",
      role: "client",
      primaryLocationId: s.camden.id,
      accessibleLocations: [s.camden.id],
    });
    const view = await call(clientPage.loader as Handler, "/x", {
      as: s.staff.receptionist,
      method: "GET",
      params: { id: none.id },
    });
    expect(view.json.client.messages).toBe("Email only — no phone number");
    const api = await call(clientApi.loader as Handler, "/x", {
      as: s.staff.owner,
      method: "GET",
      params: { id: none.id },
    });
    expect(api.json.client.messages).toBe("Email only — no phone number");
  });

  test("staff have no message choices of their own here, and a visitor is sent to sign in", async () => {
    const page = await call(accountPage.loader as Handler, "/account", { as: s.staff.owner, method: "GET" });
    expect(page.json.messages).toBeNull();
    const post = await call(accountPage.action as Handler, "/account", {
      as: s.staff.owner,
      form: { messageChannels: "email" },
    });
    expect(post.status).toBe(403);
    const visitor = await call(accountPage.action as Handler, "/account", { form: { messageChannels: "email" } });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
  });
});

describe("/settings: the owner's message settings", () => {
  const form = {
    receptionistRefundLimit: "50",
    maxSpotsPerBooking: "1",
    undoMinutes: "10",
    studioType: "hybrid",
    country: "IE",
    quietHoursStart: "22:00",
    quietHoursEnd: "07:30",
  };

  test("saved over a plain POST; bad times and countries are messages next to their fields", async () => {
    const as = s.staff.owner;
    const page = await call(settingsPage.loader as Handler, "/settings", { as, method: "GET" });
    expect(page.json).toMatchObject({
      country: "GB",
      smsReminders: true,
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
    });
    const badTime = await call(settingsPage.action as Handler, "/settings", {
      as,
      form: { ...form, quietHoursEnd: "7:30" },
    });
    expect(badTime).toMatchObject({
      status: 400,
      json: { result: { error: { quietHoursEnd: ["Enter a time on the 24-hour clock, like 21:00"] } } },
    });
    const badCountry = await call(settingsPage.action as Handler, "/settings", {
      as,
      form: { ...form, country: "XX" },
    });
    expect(badCountry).toMatchObject({
      status: 400,
      json: { result: { error: { country: ["Choose a country from the list"] } } },
    });
    const saved = await call(settingsPage.action as Handler, "/settings", { as, form });
    expect(saved).toMatchObject({ status: 302, location: "/settings?saved=1" });
    expect(await findStudioSettings(database(), s.tenant)).toMatchObject({
      country: "IE",
      smsReminders: false,
      quietHoursStart: "22:00",
      quietHoursEnd: "07:30",
    });
    await updateStudioSettings(database(), s.tenant, { country: "GB", smsReminders: true });
  });

  test("managers and the front desk may not change them", async () => {
    for (const as of [s.staff.manager, s.staff.receptionist]) {
      const refused = await call(settingsPage.action as Handler, "/settings", {
        as,
        form: { ...form, smsReminders: "on" },
      });
      expect(refused.status).toBe(403);
    }
    expect((await findStudioSettings(database(), s.tenant)).country).toBe("GB");
  });
});
