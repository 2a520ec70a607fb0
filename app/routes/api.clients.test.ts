import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as listRoute from "./api.clients";
import * as clientRoute from "./api.clients.$id";
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
  options: { as?: User; method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (options.as) headers.cookie = await cookieFor(s, options.as);
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://${host}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler({ request, params: options.params ?? {}, context: {} } as never);
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON each route answers
  return { status: response.status, json: (await response.json()) as Record<string, any> };
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
    const { status, json } = await call(listRoute.loader, "/api/clients?q=a&page=1", { as: s.staff.trainer });
    expect(status).toBe(200);
    expect(json.page).toBe(1);
    expect(json.total).toBe(2);
    expect(json.clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Ben Hughes", "Ella Novak"]);
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
