import { describe, expect, test } from "vitest";
import { insertLocation } from "~/models/location.server";
import { insertUser } from "~/models/user.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { Role, User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { loader as instructors } from "./api.instructors";
import { action as assign } from "./api.users.$id.locations";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

async function request(studio: Studio, user: User | null, path: string, body?: unknown) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (user) headers.cookie = (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://${host}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const args = (req: Request, params: Record<string, string> = {}) => ({
  request: req,
  params,
  context: { requestId: "test", clientIp: "127.0.0.1" },
});

async function person(
  studio: Studio,
  role: Role,
  locations: string[],
  name: string,
  status: User["status"] = "active",
) {
  return insertUser(database(), studio.tenant, {
    email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: name,
    role,
    status,
    accessibleLocations: locations,
  });
}

async function studioWithTeam() {
  const studio = await createTestStudio();
  const east = await insertLocation(database(), studio.tenant, {
    name: "East",
    timezone: "Europe/London",
    address: { line1: "2 Side Street", city: "London", postcode: "E1 1AA", country: "GB" },
    operatingHours: studio.location.operatingHours,
  });
  const main = studio.location;
  return {
    studio,
    main,
    east,
    manager: await person(studio, "location_manager", [east.id], "Manager East"),
    coach: await person(studio, "instructor", [main.id], "Coach Main"),
    trainer: await person(studio, "trainer", [east.id], "Trainer East"),
    client: await person(studio, "client", [main.id], "Client Main"),
  };
}

describe("GET /api/instructors", () => {
  test("instructors, trainers and owners who are active, for anyone signed in", async () => {
    const { studio, main, east, client } = await studioWithTeam();
    await person(studio, "instructor", [main.id], "Gone Coach", "deactivated");
    await person(studio, "instructor", [main.id], "New Coach", "invited");
    await person(studio, "receptionist", [main.id], "Desk");
    const names = async (query: string) => {
      const response = await instructors(args(await request(studio, client, `/api/instructors${query}`)));
      expect(response.status).toBe(200);
      return ((await response.json()).instructors as { fullName: string }[]).map((i) => i.fullName);
    };
    expect(await names("")).toEqual(["Coach Main", "Owner Person", "Trainer East"]);
    expect(await names(`?locationId=${main.id}`)).toEqual(["Coach Main", "Owner Person"]);
    expect(await names(`?locationId=${east.id}`)).toEqual(["Trainer East"]);
    const response = await instructors(args(await request(studio, client, `/api/instructors?locationId=${east.id}`)));
    expect((await response.json()).instructors).toEqual([
      { id: expect.any(String), fullName: "Trainer East", role: "trainer", locations: [{ id: east.id, name: "East" }] },
    ]);
  });

  test("401 signed out, 400 for a malformed location, 404 for another studio's", async () => {
    const { studio, client } = await studioWithTeam();
    const other = await createTestStudio();
    expect((await instructors(args(await request(studio, null, "/api/instructors")))).status).toBe(401);
    const malformed = await instructors(args(await request(studio, client, "/api/instructors?locationId=camden")));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).fieldErrors).toEqual({ locationId: ["locationId must be a location's id"] });
    const foreign = await instructors(
      args(await request(studio, client, `/api/instructors?locationId=${other.location.id}`)),
    );
    expect(foreign.status).toBe(404);
  });
});

describe("POST /api/users/:id/locations", () => {
  const post = async (studio: Studio, actor: User | null, id: string, body: unknown) =>
    assign(args(await request(studio, actor, `/api/users/${id}/locations`, body), { id }));

  test("the owner assigns an instructor to more locations: 200 with the summary", async () => {
    const { studio, main, east, coach } = await studioWithTeam();
    const response = await post(studio, studio.owner, coach.id, { accessible_locations: [main.id, east.id] });
    expect(response.status).toBe(200);
    await expectDocumented(response, "post", "/api/users/{id}/locations");
    expect(await response.json()).toEqual({
      user: {
        id: coach.id,
        fullName: "Coach Main",
        role: "instructor",
        status: "active",
        locations: [
          { id: main.id, name: "Main" },
          { id: east.id, name: "East" },
        ],
      },
    });
  });

  test("a manager within their locations: 200; beyond them: 403", async () => {
    const { studio, main, east, manager, trainer, coach } = await studioWithTeam();
    expect((await post(studio, manager, trainer.id, { accessible_locations: [east.id] })).status).toBe(200);
    const beyond = await post(studio, manager, trainer.id, { accessible_locations: [east.id, main.id] });
    expect(beyond.status).toBe(403);
    await expectDocumented(beyond, "post", "/api/users/{id}/locations");
    expect((await beyond.json()).code).toBe("INSUFFICIENT_PERMISSIONS");
    expect((await post(studio, manager, coach.id, { accessible_locations: [east.id] })).status).toBe(403);
  });

  test("401, 404 for another studio's user, 400 with field errors", async () => {
    const { studio, main, coach, client } = await studioWithTeam();
    const other = await createTestStudio();
    expect((await post(studio, null, coach.id, { accessible_locations: [main.id] })).status).toBe(401);
    expect((await post(studio, studio.owner, other.owner.id, { accessible_locations: [main.id] })).status).toBe(404);
    // A client is not on the team: nothing to assign.
    expect((await post(studio, studio.owner, client.id, { accessible_locations: [main.id] })).status).toBe(404);
    const empty = await post(studio, studio.owner, coach.id, { accessible_locations: [] });
    expect(empty.status).toBe(400);
    await expectDocumented(empty, "post", "/api/users/{id}/locations");
    expect((await empty.json()).fieldErrors).toEqual({ accessible_locations: ["Choose at least one location"] });
    const junk = await post(studio, studio.owner, coach.id, { accessible_locations: ["camden"] });
    expect((await junk.json()).fieldErrors).toEqual({ "accessible_locations.0": ["Choose locations from the list"] });
    const foreign = await post(studio, studio.owner, coach.id, { accessible_locations: [other.location.id] });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).fieldErrors).toEqual({
      accessible_locations: ["Choose open locations of this studio"],
    });
    // A receptionist cannot manage the team at all.
    const desk = await person(studio, "receptionist", [main.id], "Desk");
    expect((await post(studio, desk, coach.id, { accessible_locations: [main.id] })).status).toBe(403);
  });
});
