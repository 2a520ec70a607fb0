import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as listRoute from "./api.clients";
import * as clientRoute from "./api.clients.$id";
import * as bookingsRoute from "./api.clients.$id.bookings";
import * as creditsRoute from "./api.clients.$id.credits";
import * as parqRoute from "./api.clients.$id.parq";
import * as meRoute from "./api.clients.me";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<Response>;

let s: Studio;
let other: Studio;
const cookies = new Map<string, string>();

async function cookieFor(studio: Studio, user: User) {
  const key = `${studio.tenant.studio.id}:${user.id}`;
  if (!cookies.has(key)) {
    const response = await signIn(studio.tenant, user);
    cookies.set(key, (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "");
  }
  return cookies.get(key)!;
}

/** Calls a route module's loader or action the way Remix would, and reads the JSON answer. */
async function call(
  handler: Handler,
  path: string,
  options: {
    as?: User;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, ...options.headers };
  if (options.as) headers.cookie = await cookieFor(s, options.as);
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://${host}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler({ request, params: options.params ?? {}, context: {} } as never);
  // The answer unread, for `expectDocumented`.
  const unread = response.clone();
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON each route answers
  return { status: response.status, json: (await response.json()) as Record<string, any>, response: unread };
}

beforeAll(async () => {
  s = await createClientsStudio();
  other = await createClientsStudio();
});

describe("GET /api/clients", () => {
  test("401 without a session, 403 for a client", async () => {
    expect(await call(listRoute.loader, "/api/clients")).toMatchObject({
      status: 401,
      json: { code: "UNAUTHENTICATED" },
    });
    expect(await call(listRoute.loader, "/api/clients", { as: s.clients.amara })).toMatchObject({
      status: 403,
      json: { code: "INSUFFICIENT_PERMISSIONS" },
    });
  });

  test("the same scope as the page: an instructor's assigned clients, searchable", async () => {
    const { status, json, response } = await call(listRoute.loader, "/api/clients?q=a&page=1", { as: s.staff.trainer });
    expect(status).toBe(200);
    expect(json.pagination).toEqual({ page: 1, perPage: 50, hasMore: false, nextPage: null });
    expect(json.clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Ben Hughes", "Ella Novak"]);
    expect(response.headers.get("link")).toBeNull();
    await expectDocumented(response, "get", "/api/clients");
  });

  test("pages in the API's one way: perPage, hasMore, nextPage and a Link to the next page", async () => {
    const first = await call(listRoute.loader, "/api/clients?q=a&perPage=1", { as: s.staff.trainer });
    expect(first.json.clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Ben Hughes"]);
    expect(first.json.pagination).toEqual({ page: 1, perPage: 1, hasMore: true, nextPage: 2 });
    expect(first.response.headers.get("link")).toBe('</api/clients?q=a&perPage=1&page=2>; rel="next"');
    const second = await call(listRoute.loader, "/api/clients?q=a&perPage=1&page=2", { as: s.staff.trainer });
    expect(second.json.clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Ella Novak"]);
    expect(second.json.pagination).toEqual({ page: 2, perPage: 1, hasMore: false, nextPage: null });
    const tooMany = await call(listRoute.loader, "/api/clients?perPage=201", { as: s.staff.owner });
    expect(tooMany).toMatchObject({ status: 400, json: { fieldErrors: { perPage: expect.any(Array) } } });
    await expectDocumented(tooMany.response, "get", "/api/clients");
  });

  test("a bad page or an over-long search is a 400 with field errors", async () => {
    const bad = await call(listRoute.loader, `/api/clients?page=zero&q=${"x".repeat(101)}`, { as: s.staff.owner });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fieldErrors).sort()).toEqual(["page", "q"]);
  });
});

describe("GET and PATCH /api/clients/:id", () => {
  test("404 for another studio's client and for a path that is not an id", async () => {
    const theirs = await call(clientRoute.loader, "/x", { as: s.staff.owner, params: { id: other.clients.amara.id } });
    expect(theirs).toMatchObject({ status: 404, json: { code: "NOT_FOUND" } });
    const junk = await call(clientRoute.loader, "/x", { as: s.staff.owner, params: { id: "1 OR 1=1" } });
    expect(junk.status).toBe(404);
    const patch = await call(clientRoute.action, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      body: { notes: "hello" },
      params: { id: other.clients.amara.id },
    });
    expect(patch.status).toBe(404);
  });

  test("403 for a client reading or changing another client", async () => {
    const params = { id: s.clients.ben.id };
    expect((await call(clientRoute.loader, "/x", { as: s.clients.amara, params })).status).toBe(403);
    const patch = await call(clientRoute.action, "/x", {
      as: s.clients.amara,
      method: "PATCH",
      body: { notes: "hi" },
      params,
    });
    expect(patch.status).toBe(403);
  });

  test("400 with field errors for bad values and for fields that are not the client's", async () => {
    const params = { id: s.clients.amara.id };
    const bad = await call(clientRoute.action, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      body: { discountPercent: 150, email: "not-an-email" },
      params,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(bad.json.fieldErrors).sort()).toEqual(["discountPercent", "email"]);
    const forged = await call(clientRoute.action, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      body: { role: "org_owner" },
      params,
    });
    expect(forged.status).toBe(400);
    expect(forged.json.fieldErrors.role).toBeDefined();
  });

  test("a receptionist changing the discount gets 403 and nothing is written; a manager may", async () => {
    const params = { id: s.clients.ella.id };
    const refused = await call(clientRoute.action, "/x", {
      as: s.staff.receptionist,
      method: "PATCH",
      body: { phone: "+44 20 7946 0001", discountPercent: 20 },
      params,
    });
    expect(refused).toMatchObject({ status: 403, json: { code: "INSUFFICIENT_PERMISSIONS" } });
    expect(await findClientById(database(), s.tenant, s.clients.ella.id)).toMatchObject({
      phone: "+447700900105",
      discountPercent: 0,
    });
    const allowed = await call(clientRoute.action, "/x", {
      as: s.staff.manager,
      method: "PATCH",
      body: { discountPercent: 20, phone: null },
      params,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.json.client).toMatchObject({ discountPercent: 20, phone: null });
  });

  test("an email someone else uses is a 409", async () => {
    const taken = await call(clientRoute.action, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      body: { email: s.clients.ben.email },
      params: { id: s.clients.chloe.id },
    });
    expect(taken).toMatchObject({ status: 409, json: { code: "EMAIL_TAKEN" } });
  });
});

describe("/api/clients/me", () => {
  test("a client reads and changes their own details; studio-only fields are a 400", async () => {
    const { ben } = s.clients;
    const mine = await call(meRoute.loader, "/api/clients/me", { as: ben });
    expect(mine.status).toBe(200);
    expect(mine.json.client).toMatchObject({ id: ben.id, email: ben.email, parq: { status: "missing" } });
    expect(mine.json.client).not.toHaveProperty("notes");

    const forged = await call(meRoute.action, "/api/clients/me", {
      as: ben,
      method: "PATCH",
      body: { phone: "+44 7700 900200", discountPercent: 100, bookingPermissions: "vip" },
    });
    expect(forged.status).toBe(400);
    expect(Object.keys(forged.json.fieldErrors).sort()).toEqual(["bookingPermissions", "discountPercent"]);
    expect((await findClientById(database(), s.tenant, ben.id))?.phone).toBe("+447700900102");

    const changed = await call(meRoute.action, "/api/clients/me", {
      as: ben,
      method: "PATCH",
      body: { phone: "+44 7700 900200", marketingConsent: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.client).toMatchObject({ phone: "+447700900200", marketingConsent: true });
  });

  test("staff have no client profile here", async () => {
    expect((await call(meRoute.loader, "/api/clients/me", { as: s.staff.owner })).status).toBe(403);
  });
});

describe("/api/clients/:id/parq", () => {
  test("the client submits their own; owner reads the answers; the receptionist and other clients cannot", async () => {
    const { amara, ben } = s.clients;
    const params = { id: amara.id };
    const answers = [false, true, false, false, false, false, false];
    const sent = await call(parqRoute.action, "/x", {
      as: amara,
      method: "POST",
      body: { answers, declarationName: "Amara Okafor" },
      params,
    });
    expect(sent.status).toBe(201);
    expect(sent.json.latest).toMatchObject({ answers, anyYes: true });

    expect((await call(parqRoute.loader, "/x", { as: s.staff.owner, params })).json.latest.answers).toEqual(answers);
    expect((await call(parqRoute.loader, "/x", { as: amara, params })).status).toBe(200);
    expect((await call(parqRoute.loader, "/x", { as: s.staff.receptionist, params })).status).toBe(403);
    expect((await call(parqRoute.loader, "/x", { as: ben, params })).status).toBe(403);
    const forOther = await call(parqRoute.action, "/x", {
      as: ben,
      method: "POST",
      body: { answers, declarationName: "Ben Hughes" },
      params,
    });
    expect(forOther.status).toBe(403);
  });

  test("a wrong declaration or a short answer list is a 400 with field errors", async () => {
    const params = { id: s.clients.chloe.id };
    const wrongName = await call(parqRoute.action, "/x", {
      as: s.clients.chloe,
      method: "POST",
      body: { answers: [false, false, false, false, false, false, false], declarationName: "Someone Else" },
      params,
    });
    expect(wrongName).toMatchObject({ status: 400, json: { fieldErrors: { declarationName: expect.any(Array) } } });
    const short = await call(parqRoute.action, "/x", {
      as: s.clients.chloe,
      method: "POST",
      body: { answers: [false], declarationName: "Chloé Martin" },
      params,
    });
    expect(short).toMatchObject({ status: 400, json: { fieldErrors: { answers: expect.any(Array) } } });
  });
});

describe("POST /api/clients", () => {
  const newClient = (email: string, locationId = s.camden.id) => ({
    fullName: "Nora Walk-in",
    email,
    phone: "07700 900321",
    locationId,
  });

  test("the front desk adds a client at their location: 201 with the client, as the page does", async () => {
    const added = await call(listRoute.action, "/api/clients", {
      as: s.staff.receptionist,
      method: "POST",
      body: newClient("nora@example.com"),
    });
    expect(added.status).toBe(201);
    expect(added.json.client).toMatchObject({
      fullName: "Nora Walk-in",
      email: "nora@example.com",
      phone: "+447700900321",
      locations: [{ id: s.camden.id, name: s.camden.name }],
    });
    await expectDocumented(added.response, "post", "/api/clients");
    const stored = await findClientById(database(), s.tenant, added.json.client.id);
    expect(stored).toMatchObject({ role: "client", status: "active", passwordHash: null });
  });

  test("the same Idempotency-Key twice adds one client and replays the answer; another body with it is a 422", async () => {
    const headers = { "idempotency-key": `add-${crypto.randomUUID()}` };
    const body = newClient("once@example.com");
    const first = await call(listRoute.action, "/api/clients", { as: s.staff.owner, method: "POST", body, headers });
    const again = await call(listRoute.action, "/api/clients", { as: s.staff.owner, method: "POST", body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.client.id).toBe(first.json.client.id);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(listRoute.action, "/api/clients", {
      as: s.staff.owner,
      method: "POST",
      body: newClient("twice@example.com"),
      headers,
    });
    expect(other).toMatchObject({ status: 422, json: { code: "IDEMPOTENCY_KEY_REUSED" } });
    await expectDocumented(other.response, "post", "/api/clients");
    const found = await call(listRoute.loader, "/api/clients?q=once%40example", { as: s.staff.owner });
    expect(found.json.clients).toHaveLength(1);
  });

  test("refusals: a taken email 409, an unknown location 400; a location the desk does not work at, a client or an instructor 403", async () => {
    const taken = await call(listRoute.action, "/api/clients", {
      as: s.staff.owner,
      method: "POST",
      body: newClient(s.clients.amara.email),
    });
    expect(taken).toMatchObject({
      status: 409,
      json: { code: "EMAIL_TAKEN", fieldErrors: { email: expect.any(Array) } },
    });
    await expectDocumented(taken.response, "post", "/api/clients");
    const unknown = await call(listRoute.action, "/api/clients", {
      as: s.staff.owner,
      method: "POST",
      body: newClient("unknown@example.com", other.camden.id),
    });
    expect(unknown).toMatchObject({ status: 400, json: { fieldErrors: { locationId: expect.any(Array) } } });
    await expectDocumented(unknown.response, "post", "/api/clients");
    const elsewhere = await call(listRoute.action, "/api/clients", {
      as: s.staff.receptionist,
      method: "POST",
      body: newClient("elsewhere@example.com", s.shoreditch.id),
    });
    expect(elsewhere).toMatchObject({ status: 403, json: { code: "INSUFFICIENT_PERMISSIONS" } });
    const invalid = await call(listRoute.action, "/api/clients", {
      as: s.staff.owner,
      method: "POST",
      body: { fullName: "", email: "nope", locationId: "x" },
    });
    expect(Object.keys(invalid.json.fieldErrors).sort()).toEqual(["email", "fullName", "locationId"]);
    for (const who of [s.clients.amara, s.staff.instructor]) {
      const refused = await call(listRoute.action, "/api/clients", {
        as: who,
        method: "POST",
        body: newClient(`refused-${who.role}@example.com`),
      });
      expect(refused).toMatchObject({ status: 403, json: { code: "INSUFFICIENT_PERMISSIONS" } });
      await expectDocumented(refused.response, "post", "/api/clients");
    }
  });
});

describe("the client routes answer as the API document says", () => {
  test("GET and PATCH /api/clients/:id", async () => {
    const params = { id: s.clients.ben.id };
    const read = await call(clientRoute.loader, "/x", { as: s.staff.owner, params });
    expect(read.status).toBe(200);
    await expectDocumented(read.response, "get", "/api/clients/{id}");
    const changed = await call(clientRoute.action, "/x", {
      as: s.staff.owner,
      method: "PATCH",
      body: { notes: "Prefers mornings", emergencyContactName: "Sam Hughes" },
      params,
    });
    expect(changed.json.client).toMatchObject({ notes: "Prefers mornings", emergencyContactName: "Sam Hughes" });
    await expectDocumented(changed.response, "patch", "/api/clients/{id}");
    const refused = await call(clientRoute.loader, "/x", { as: s.clients.amara, params });
    await expectDocumented(refused.response, "get", "/api/clients/{id}");
    const missing = await call(clientRoute.loader, "/x", { as: s.staff.owner, params: { id: other.clients.ben.id } });
    await expectDocumented(missing.response, "get", "/api/clients/{id}");
  });

  test("GET and PATCH /api/clients/me", async () => {
    const mine = await call(meRoute.loader, "/api/clients/me", { as: s.clients.ella });
    expect(mine.status).toBe(200);
    await expectDocumented(mine.response, "get", "/api/clients/me");
    const changed = await call(meRoute.action, "/api/clients/me", {
      as: s.clients.ella,
      method: "PATCH",
      body: { emergencyContactName: "Jan Novak" },
    });
    expect(changed.status).toBe(200);
    await expectDocumented(changed.response, "patch", "/api/clients/me");
    await expectDocumented(
      (await call(meRoute.loader, "/x", { as: s.staff.owner })).response,
      "get",
      "/api/clients/me",
    );
  });

  test("GET /api/clients/:id/bookings pages the history; GET /api/clients/:id/credits", async () => {
    const params = { id: s.clients.amara.id };
    const bookings = await call(bookingsRoute.loader, "/api/clients/x/bookings?perPage=10", {
      as: s.staff.owner,
      params,
    });
    expect(bookings.status).toBe(200);
    expect(bookings.json).toEqual({
      bookings: [],
      pagination: { page: 1, perPage: 10, hasMore: false, nextPage: null },
    });
    await expectDocumented(bookings.response, "get", "/api/clients/{id}/bookings");
    const own = await call(bookingsRoute.loader, "/x", { as: s.clients.amara, params });
    expect(own.status).toBe(200);
    const badPage = await call(bookingsRoute.loader, "/x?page=0", { as: s.staff.owner, params });
    expect(badPage).toMatchObject({ status: 400, json: { fieldErrors: { page: expect.any(Array) } } });
    const refused = await call(bookingsRoute.loader, "/x", { as: s.clients.ben, params });
    expect(refused.status).toBe(403);
    await expectDocumented(refused.response, "get", "/api/clients/{id}/bookings");

    const credits = await call(creditsRoute.loader, "/x", { as: s.staff.owner, params });
    expect(credits.status).toBe(200);
    await expectDocumented(credits.response, "get", "/api/clients/{id}/credits");
    const notHere = await call(creditsRoute.loader, "/x", {
      as: s.staff.owner,
      params: { id: other.clients.amara.id },
    });
    expect(notHere.status).toBe(404);
    await expectDocumented(notHere.response, "get", "/api/clients/{id}/credits");
  });

  test("the PAR-Q: read and sent as documented; the same Idempotency-Key twice keeps one declaration", async () => {
    const { ella } = s.clients;
    const params = { id: ella.id };
    const body = { answers: [false, false, false, false, false, false, false], declarationName: "Ella Novak" };
    const headers = { "idempotency-key": `parq-${crypto.randomUUID()}` };
    const sent = await call(parqRoute.action, "/x", { as: ella, method: "POST", body, params, headers });
    expect(sent.status).toBe(201);
    await expectDocumented(sent.response, "post", "/api/clients/{id}/parq");
    const again = await call(parqRoute.action, "/x", { as: ella, method: "POST", body, params, headers });
    expect(again.status).toBe(201);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(parqRoute.action, "/x", {
      as: ella,
      method: "POST",
      body: { ...body, answers: [true, false, false, false, false, false, false] },
      params,
      headers,
    });
    expect(other).toMatchObject({ status: 422, json: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const read = await call(parqRoute.loader, "/x", { as: s.staff.owner, params });
    expect(read.json.history).toHaveLength(1);
    await expectDocumented(read.response, "get", "/api/clients/{id}/parq");
    const refused = await call(parqRoute.loader, "/x", { as: s.staff.receptionist, params });
    await expectDocumented(refused.response, "get", "/api/clients/{id}/parq");
  });
});
