import { describe, expect, test } from "vitest";
import { insertUser } from "~/models/user.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { Role, User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { action as create, loader as list } from "./api.locations";
import { loader as show, action as update } from "./api.locations.$id";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

const OPEN = { open: "07:00", close: "20:00" };
const BODY = {
  name: "Northern Quarter",
  address: { line1: "3 Canal Street", city: "Manchester", postcode: "M1 3HE" },
  timezone: "Europe/London",
  operatingHours: { mon: OPEN, tue: OPEN, wed: OPEN, thu: OPEN, fri: OPEN, sat: null, sun: { closed: true } },
};

async function sessionCookie(studio: Studio, user: User) {
  return (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
}

/** A request to this studio's API as `user` (or nobody), the way the browser sends it. */
async function call(studio: Studio, user: User | null, path: string, init: { method?: string; body?: unknown } = {}) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (user) headers.cookie = await sessionCookie(studio, user);
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://${host}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { requestId: "test", clientIp: "127.0.0.1" },
});

async function person(studio: Studio, role: Role) {
  return insertUser(database(), studio.tenant, {
    email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: `A ${role}`,
    role,
    accessibleLocations: [studio.location.id],
  });
}

describe("GET /api/locations", () => {
  test("lists the open locations for anyone signed in; 401 for nobody", async () => {
    const studio = await createTestStudio();
    const client = await person(studio, "client");
    const response = await list(args(await call(studio, client, "/api/locations")));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      locations: [
        expect.objectContaining({ id: studio.location.id, name: "Main", isActive: true, timezone: "Europe/London" }),
      ],
      pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
    });
    const anonymous = await list(args(await call(studio, null, "/api/locations")));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.any(String), code: "UNAUTHENTICATED" });
  });
});

describe("POST /api/locations", () => {
  test("the owner creates one: 201", async () => {
    const studio = await createTestStudio();
    const response = await create(
      args(await call(studio, studio.owner, "/api/locations", { method: "POST", body: BODY })),
    );
    expect(response.status).toBe(201);
    const { location } = await response.json();
    expect(location).toMatchObject({ name: "Northern Quarter", address: { country: "GB" }, isActive: true });
    expect(location.operatingHours).toMatchObject({ sat: null, sun: null, mon: OPEN });
  });

  test("a manager is refused: 403", async () => {
    const studio = await createTestStudio();
    const manager = await person(studio, "location_manager");
    const response = await create(args(await call(studio, manager, "/api/locations", { method: "POST", body: BODY })));
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("INSUFFICIENT_PERMISSIONS");
  });

  test("bad fields: 400 with a message per field; bad JSON: 400", async () => {
    const studio = await createTestStudio();
    const bad = {
      ...BODY,
      name: "",
      timezone: "Nowhere/Special",
      operatingHours: { ...BODY.operatingHours, mon: { open: "18:00", close: "08:00" } },
    };
    const response = await create(
      args(await call(studio, studio.owner, "/api/locations", { method: "POST", body: bad })),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe("VALIDATION_ERROR");
    expect(body.fieldErrors).toEqual({
      name: ["Enter a name for the location"],
      timezone: ["Choose a time zone from the list"],
      "operatingHours.mon.close": ["Closing time must be after opening time"],
    });
    const garbled = await create(
      args(await call(studio, studio.owner, "/api/locations", { method: "POST", body: "{not json" })),
    );
    expect(garbled.status).toBe(400);
  });

  test("a taken name: 409", async () => {
    const studio = await createTestStudio();
    const response = await create(
      args(await call(studio, studio.owner, "/api/locations", { method: "POST", body: { ...BODY, name: "main" } })),
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: "LOCATION_NAME_TAKEN",
      fieldErrors: { name: [expect.any(String)] },
    });
  });
});

describe("/api/locations/:id", () => {
  test("GET shows one; another studio's id and a malformed id are 404", async () => {
    const studio = await createTestStudio();
    const other = await createTestStudio();
    const client = await person(studio, "client");
    const path = (id: string) => `/api/locations/${id}`;
    const mine = await show(args(await call(studio, client, path(studio.location.id)), { id: studio.location.id }));
    expect(mine.status).toBe(200);
    expect((await mine.json()).location.id).toBe(studio.location.id);
    const theirs = await show(args(await call(studio, client, path(other.location.id)), { id: other.location.id }));
    expect(theirs.status).toBe(404);
    expect((await theirs.json()).code).toBe("NOT_FOUND");
    const malformed = await show(args(await call(studio, client, path("1 OR 1=1")), { id: "1 OR 1=1" }));
    expect(malformed.status).toBe(404);
  });

  test("PATCH by its manager changes only what is sent; a receptionist gets 403", async () => {
    const studio = await createTestStudio();
    const manager = await person(studio, "location_manager");
    const receptionist = await person(studio, "receptionist");
    const params = { id: studio.location.id };
    const patch = async (user: User, body: unknown) =>
      update(args(await call(studio, user, `/api/locations/${params.id}`, { method: "PATCH", body }), params));
    const response = await patch(manager, { name: "Main Hall", latitude: 51.5 });
    expect(response.status).toBe(200);
    expect((await response.json()).location).toMatchObject({
      name: "Main Hall",
      latitude: 51.5,
      timezone: "Europe/London",
    });
    expect((await patch(receptionist, { name: "Front Desk" })).status).toBe(403);
    const invalid = await patch(manager, { latitude: 123 });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).fieldErrors).toEqual({ latitude: ["The latitude is between -90 and 90"] });
    const last = await patch(manager, { isActive: false });
    expect(last.status).toBe(409);
    expect((await last.json()).code).toBe("LAST_OPEN_LOCATION");
  });

  test("PATCH with narrower hours names the classes they would strand, and saves once confirmed", async () => {
    const s = await bookingStudio();
    const params = { id: s.main.id };
    const receptionist = await person(s, "receptionist");
    const patch = async (user: User, body: unknown) =>
      update(args(await call(s, user, `/api/locations/${params.id}`, { method: "PATCH", body }), params));
    // Mondays until 17:00: the 18:00 Yoga class would fall outside.
    const operatingHours = { ...s.main.operatingHours, mon: { open: "07:00", close: "17:00" } };
    const refused = await patch(s.owner, { operatingHours });
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.code).toBe("OUTSIDE_NEW_HOURS");
    expect(body.fieldErrors.operatingHours).toEqual([expect.stringMatching(/18:00–19:00: Yoga with A instructor$/)]);
    // Whoever may not change the location learns nothing of its classes.
    const forbidden = await patch(receptionist, { operatingHours });
    expect(forbidden.status).toBe(403);
    expect(JSON.stringify(await forbidden.json())).not.toContain("Yoga");

    const saved = await patch(s.owner, { operatingHours, confirmOutsideHours: true });
    expect(saved.status).toBe(200);
    expect((await saved.json()).location.operatingHours.mon).toEqual({ open: "07:00", close: "17:00" });
  });

  test("PATCH to another studio's location is 404 for its owner too", async () => {
    const studio = await createTestStudio();
    const other = await createTestStudio();
    const params = { id: other.location.id };
    const response = await update(
      args(
        await call(studio, studio.owner, `/api/locations/${params.id}`, { method: "PATCH", body: { name: "Mine" } }),
        params,
      ),
    );
    expect(response.status).toBe(404);
  });
});
