import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { insertUser } from "~/models/user.server";
import { signIn } from "~/services/identity/auth.server";
import { bookClassAt, createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { action as signupApi } from "./api.auth.signup";
import * as listApi from "./api.clients";
import * as clientApi from "./api.clients.$id";
import * as clientPage from "./clients.$id";
import * as signupPage from "./signup";

/** Every client belongs to a location the staff can see (issue 12, item 1), over HTTP. */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

let s: Studio;
let shoreditchDesk: User;
const cookies = new Map<string, string>();

beforeAll(async () => {
  s = await createClientsStudio();
  shoreditchDesk = await insertUser(database(), s.tenant, {
    email: `desk-${s.tenant.studio.slug}@example.com`,
    fullName: "Sam Shoreditch",
    role: "receptionist",
    primaryLocationId: s.shoreditch.id,
    accessibleLocations: [s.shoreditch.id],
  });
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
  options: { as?: User; method?: string; json?: unknown; form?: URLSearchParams; params?: Record<string, string> } = {},
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
    body = options.form;
  }
  const request = new Request(`http://${host}${path}`, { method: options.method ?? "GET", headers, body });
  const args = { request, params: options.params ?? {}, context: { requestId: "t", clientIp: "192.0.2.7" } };
  let result: unknown;
  try {
    result = await handler(args as never);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: null, json: {} };
    throw thrown;
  }
  if (result instanceof Response) {
    const json = result.headers.get("content-type")?.includes("json") ? await result.json() : {};
    // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever each route answers
    return { status: result.status, location: result.headers.get("location"), json: json as Record<string, any> };
  }
  const page = result as { init?: { status?: number } | null; data?: unknown; type?: string };
  if (page && page.type === "DataWithResponseInit") {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    return { status: page.init?.status ?? 200, location: null, json: page.data as Record<string, any> };
  }
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return { status: 200, location: null, json: result as Record<string, any> };
}

const search = (as: User, q: string) =>
  call(listApi.loader as Handler, `/api/clients?q=${encodeURIComponent(q)}`, { as }).then((r) =>
    (r.json.clients as { fullName: string }[]).map((c) => c.fullName),
  );

describe("POST /api/auth/signup gives the client a home location", () => {
  test("the desk and manager at that location find them, as the owner does", async () => {
    const signedUp = await call(signupApi as Handler, "/api/auth/signup", {
      method: "POST",
      json: {
        fullName: "Api Shoreditcher",
        email: "api-sh@example.com",
        password: "long enough pw",
        locationId: s.shoreditch.id,
      },
    });
    expect(signedUp.status).toBe(201);
    expect(await search(shoreditchDesk, "Api Shoreditcher")).toEqual(["Api Shoreditcher"]);
    expect(await search(s.staff.manager, "Api Shoreditcher")).toEqual(["Api Shoreditcher"]);
    expect(await search(s.staff.owner, "Api Shoreditcher")).toEqual(["Api Shoreditcher"]);
    expect(await search(s.staff.receptionist, "Api Shoreditcher")).toEqual([]);
  });

  test("without a locationId, the studio's first location: its receptionist finds them", async () => {
    const signedUp = await call(signupApi as Handler, "/api/auth/signup", {
      method: "POST",
      json: { fullName: "Api Camdener", email: "api-cam@example.com", password: "long enough pw" },
    });
    expect(signedUp.status).toBe(201);
    expect(await search(s.staff.receptionist, "Api Camdener")).toEqual(["Api Camdener"]);
  });

  test("another studio's location or a malformed id is a 400 with a code, and no account", async () => {
    const other = await createTestStudio();
    const foreign = await call(signupApi as Handler, "/api/auth/signup", {
      method: "POST",
      json: {
        fullName: "Api Lost",
        email: "api-lost@example.com",
        password: "long enough pw",
        locationId: other.location.id,
      },
    });
    expect(foreign).toMatchObject({ status: 400, json: { code: "UNKNOWN_LOCATION", error: expect.any(String) } });
    const malformed = await call(signupApi as Handler, "/api/auth/signup", {
      method: "POST",
      json: { fullName: "Api Lost", email: "api-lost@example.com", password: "long enough pw", locationId: "main" },
    });
    expect(malformed).toMatchObject({ status: 400, json: { code: "VALIDATION_ERROR" } });
    expect(await search(s.staff.owner, "Api Lost")).toEqual([]);
  });
});

describe("the sign-up page", () => {
  test("offers the open locations, starting on the one in the link", async () => {
    const page = await call(signupPage.loader as Handler, `/signup?locationId=${s.shoreditch.id}`);
    expect(page.json.locations).toEqual({
      options: [
        { id: s.camden.id, name: s.camden.name },
        { id: s.shoreditch.id, name: "Shoreditch" },
      ],
      defaultId: s.shoreditch.id,
    });
  });

  test("the chosen location is the client's home; a forged one is shown as a field error", async () => {
    const fields = { fullName: "Web Client", email: "web-client@example.com", password: "long enough pw" };
    const forged = await call(signupPage.action as Handler, "/signup", {
      method: "POST",
      form: new URLSearchParams({ ...fields, locationId: crypto.randomUUID() }),
    });
    expect(forged.status).toBe(400);
    expect(forged.json.result.error).toEqual({ locationId: ["Choose one of the studio's open locations"] });
    const created = await call(signupPage.action as Handler, "/signup", {
      method: "POST",
      form: new URLSearchParams({ ...fields, locationId: s.shoreditch.id }),
    });
    expect(created).toMatchObject({ status: 302, location: "/" });
    expect(await search(shoreditchDesk, "Web Client")).toEqual(["Web Client"]);
  });
});

describe("a client booked at a location is visible to its staff", () => {
  test("home Camden, booked at Shoreditch: Shoreditch's desk opens them; with no tie, 403", async () => {
    const client = await insertUser(database(), s.tenant, {
      email: `booked-${s.tenant.studio.slug}@example.com`,
      fullName: "Bea Booked",
      role: "client",
      primaryLocationId: s.camden.id,
      accessibleLocations: [s.camden.id],
    });
    const path = `/api/clients/${client.id}`;
    const params = { id: client.id };
    expect((await call(clientApi.loader as Handler, path, { as: shoreditchDesk, params })).status).toBe(403);
    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id);
    expect(await search(shoreditchDesk, "Bea Booked")).toEqual(["Bea Booked"]);
    expect(await call(clientApi.loader as Handler, path, { as: shoreditchDesk, params })).toMatchObject({
      status: 200,
      json: { client: { id: client.id, locations: [{ id: s.camden.id }] } },
    });
    // Amara is Camden's only: nothing ties her to Shoreditch.
    const amara = { id: s.clients.amara.id };
    expect(
      (await call(clientApi.loader as Handler, `/api/clients/${amara.id}`, { as: shoreditchDesk, params: amara }))
        .status,
    ).toBe(403);
    expect(await search(shoreditchDesk, "Amara")).toEqual([]);
  });
});

describe("staff set a client's locations", () => {
  const newClient = (tag: string, locations: string[]) =>
    insertUser(database(), s.tenant, {
      email: `${tag}-${s.tenant.studio.slug}@example.com`,
      fullName: `Homes ${tag}`,
      role: "client",
      primaryLocationId: locations[0] ?? null,
      accessibleLocations: locations,
    });

  test("PATCH /api/clients/:id with locationIds: set, at least one, open ones, own ones", async () => {
    const client = await newClient("api", [s.camden.id]);
    const patch = (as: User, locationIds: unknown) =>
      call(clientApi.action as Handler, `/api/clients/${client.id}`, {
        as,
        method: "PATCH",
        json: { locationIds },
        params: { id: client.id },
      });
    const both = await patch(s.staff.owner, [s.camden.id, s.shoreditch.id]);
    expect(both.status).toBe(200);
    expect(both.json.client.locations.map((l: { id: string }) => l.id)).toEqual([s.camden.id, s.shoreditch.id]);
    expect(await patch(s.staff.owner, [])).toMatchObject({
      status: 400,
      json: { code: "VALIDATION_ERROR", fieldErrors: { locationIds: ["Keep at least one location"] } },
    });
    const other = await createTestStudio();
    expect(await patch(s.staff.owner, [other.location.id])).toMatchObject({
      status: 400,
      json: { code: "VALIDATION_ERROR" },
    });
    // Camden's receptionist cannot take Shoreditch away (not theirs), nor send a malformed id.
    expect(await patch(s.staff.receptionist, [s.camden.id])).toMatchObject({ status: 403 });
    expect(await patch(s.staff.receptionist, ["camden"])).toMatchObject({ status: 400 });
    expect((await findClientById(database(), s.tenant, client.id))?.accessibleLocations).toEqual([
      s.camden.id,
      s.shoreditch.id,
    ]);
  });

  test("the edit page's checkboxes: a receptionist's ticks change only their locations", async () => {
    const client = await newClient("page", [s.camden.id]);
    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id);
    const path = `/clients/${client.id}`;
    const params = { id: client.id };
    const page = await call(clientPage.loader as Handler, path, { as: shoreditchDesk, params });
    expect(page.json).toMatchObject({
      locationChoices: [{ id: s.shoreditch.id, name: "Shoreditch" }],
      fixedLocationIds: [s.camden.id],
    });
    const form = (locationIds: string[]) => {
      const body = new URLSearchParams({
        fullName: client.fullName,
        email: client.email,
        bookingPermissions: "standard",
      });
      for (const id of locationIds) body.append("locationIds", id);
      return body;
    };
    // The form posts Camden (kept, hidden) and the ticked Shoreditch.
    const saved = await call(clientPage.action as Handler, path, {
      as: shoreditchDesk,
      method: "POST",
      form: form([s.camden.id, s.shoreditch.id]),
      params,
    });
    expect(saved).toMatchObject({ status: 302, location: `${path}?saved=1` });
    expect((await findClientById(database(), s.tenant, client.id))?.accessibleLocations).toEqual([
      s.camden.id,
      s.shoreditch.id,
    ]);
    // A tampered form dropping Camden is refused next to the locations, nothing saved.
    const tampered = await call(clientPage.action as Handler, path, {
      as: shoreditchDesk,
      method: "POST",
      form: form([s.shoreditch.id]),
      params,
    });
    expect(tampered.status).toBe(403);
    expect(tampered.json.result.error).toEqual({ locationIds: ["That belongs to a location you do not work at."] });
    // Nothing ticked and nothing kept: at least one must remain.
    const none = await call(clientPage.action as Handler, path, {
      as: s.staff.owner,
      method: "POST",
      form: form([]),
      params,
    });
    expect(none.status).toBe(409);
    expect(none.json.result.error).toEqual({ locationIds: ["Keep at least one location"] });
  });
});
