import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { insertPackage, updatePackage } from "~/models/package.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { adjustCredits, grantCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as creditsRoute from "./api.clients.$id.credits";
import * as packagesRoute from "./api.packages";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;

let s: Studio;
let other: Studio;

/** Calls a route's loader the way Remix would (as someone, or nobody) and reads the JSON answer. */
async function get(
  loader: (args: LoaderFunctionArgs) => Promise<Response>,
  options: { as?: User; params?: Record<string, string>; studio?: Studio } = {},
) {
  const studio = options.studio ?? s;
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (options.as) {
    const response = await signIn(studio.tenant, options.as);
    headers.cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }
  const response = await loader({
    request: new Request(`http://${host}/api/x`, { headers }),
    params: options.params ?? {},
    context: { requestId: "t", clientIp: "127.0.0.1" },
  });
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON each route answers
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  s = await createClientsStudio();
  other = await createClientsStudio();
});

describe("GET /api/packages", () => {
  test("anyone sees the packages on sale, cheapest first, money in minor units with the currency", async () => {
    const db = database();
    const ten = await insertPackage(db, s.tenant, {
      name: "10-class pack",
      credits: 10,
      priceMinor: 12000,
      validDays: 90,
      serviceIds: [],
      locationIds: [s.camden.id],
    });
    const single = await insertPackage(db, s.tenant, {
      name: "Single class",
      credits: 1,
      priceMinor: 1500,
      validDays: 30,
    });
    const old = await insertPackage(db, s.tenant, { name: "Old", credits: 1, priceMinor: 1, validDays: 1 });
    await updatePackage(db, s.tenant, old.id, { archivedAt: new Date() });
    await insertPackage(db, other.tenant, { name: "Elsewhere", credits: 1, priceMinor: 1, validDays: 1 });

    const { status, json } = await get(packagesRoute.loader);
    expect(status).toBe(200);
    expect(json).toEqual({
      packages: [
        {
          id: single.id,
          name: "Single class",
          credits: 1,
          priceMinor: 1500,
          currency: "GBP",
          validDays: 30,
          locationIds: [],
          serviceIds: [],
        },
        {
          id: ten.id,
          name: "10-class pack",
          credits: 10,
          priceMinor: 12000,
          currency: "GBP",
          validDays: 90,
          locationIds: [s.camden.id],
          serviceIds: [],
        },
      ],
      pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
    });
    expect((await get(packagesRoute.loader, { as: s.clients.amara })).json).toEqual(json);
  });

  test("pages as every list does, as the document says; a bad page is a 400", async () => {
    const host = `${s.tenant.studio.slug}.localhost`;
    const page = (query: string) =>
      packagesRoute.loader({
        request: new Request(`http://${host}/api/packages${query}`, { headers: { host } }),
        params: {},
        context: { requestId: "t", clientIp: "127.0.0.1" },
      });
    const first = await page("?perPage=1");
    const body = await expectDocumented(first, "get", "/api/packages");
    expect(body.packages.map((p: { name: string }) => p.name)).toEqual(["Single class"]);
    expect(body.pagination).toEqual({ page: 1, perPage: 1, hasMore: true, nextPage: 2 });
    expect(first.headers.get("link")).toBe('</api/packages?perPage=1&page=2>; rel="next"');
    const second = await expectDocumented(await page("?perPage=1&page=2"), "get", "/api/packages");
    expect(second.packages.map((p: { name: string }) => p.name)).toEqual(["10-class pack"]);
    expect(second.pagination.hasMore).toBe(false);
    const bad = await page("?perPage=500");
    expect(bad.status).toBe(400);
    expect(await expectDocumented(bad, "get", "/api/packages")).toMatchObject({ code: "VALIDATION_ERROR" });
  });

  test("a host that is no studio is a 404", async () => {
    const response = await packagesRoute.loader({
      request: new Request("http://nowhere-at-all.localhost/api/packages", {
        headers: { host: "nowhere-at-all.localhost" },
      }),
      params: {},
      context: { requestId: "t", clientIp: "127.0.0.1" },
    });
    expect(response.status).toBe(404);
  });
});

describe("GET /api/clients/:id/credits", () => {
  test("the client reads their own balance, grants and ledger", async () => {
    const { ella } = s.clients;
    const grant = await grantCredits(s.tenant, s.staff.owner, {
      clientId: ella.id,
      credits: 5,
      validDays: 30,
      reason: "Paid at the desk",
    });
    await adjustCredits(s.tenant, s.staff.receptionist, {
      clientId: ella.id,
      grantId: grant.id,
      delta: -2,
      reason: "Typo",
    });
    const { status, json } = await get(creditsRoute.loader, { as: ella, params: { id: ella.id } });
    expect(status).toBe(200);
    expect(json.balance).toBe(3);
    expect(json.grants).toEqual([
      {
        id: grant.id,
        name: "Credits from the studio",
        remaining: 3,
        expiresAt: grant.expiresAt.toISOString(),
        expired: false,
        locationIds: [],
        serviceIds: [],
      },
    ]);
    expect(json.ledger.map((e: Record<string, unknown>) => [e.kind, e.delta, e.reason, e.actorName])).toEqual([
      ["adjustment", -2, "Typo", "Rosa Desk"],
      ["grant", 5, "Paid at the desk", "Owner Person"],
    ]);
    expect(json.ledger[0]).toMatchObject({ grantId: grant.id, bookingId: null, createdAt: expect.any(String) });
  });

  test("staff who may see the client read them too; others get 403", async () => {
    const params = { id: s.clients.amara.id };
    for (const actor of [s.staff.owner, s.staff.receptionist, s.staff.instructor]) {
      expect((await get(creditsRoute.loader, { as: actor, params })).status).toBe(200);
    }
    // Tom teaches Ben and Ella, not Amara; the Shoreditch manager does not look after Camden's clients.
    for (const actor of [s.staff.trainer, s.staff.manager, s.staff.finance]) {
      expect(await get(creditsRoute.loader, { as: actor, params })).toMatchObject({
        status: 403,
        json: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    }
  });

  test("401 without a session; 403 for another client's credits", async () => {
    const params = { id: s.clients.ben.id };
    expect(await get(creditsRoute.loader, { params })).toMatchObject({
      status: 401,
      json: { code: "UNAUTHENTICATED" },
    });
    expect(await get(creditsRoute.loader, { as: s.clients.amara, params })).toMatchObject({
      status: 403,
      json: { code: "INSUFFICIENT_PERMISSIONS" },
    });
  });

  test("404 for another studio's client, a staff id and a path that is not an id", async () => {
    for (const id of [other.clients.amara.id, s.staff.owner.id, "not-an-id"]) {
      expect(await get(creditsRoute.loader, { as: s.staff.owner, params: { id } })).toMatchObject({
        status: 404,
        json: { code: "NOT_FOUND" },
      });
    }
    // The other studio's client, signed in there, cannot reach this studio's clients either.
    expect(
      await get(creditsRoute.loader, { as: other.clients.amara, studio: other, params: { id: s.clients.amara.id } }),
    ).toMatchObject({ status: 404 });
  });
});
