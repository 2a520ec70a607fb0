import { describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { scheduleStudio } from "~/services/schedule/fixtures.test-helper";
import type { User } from "~db/schema/tenant";
import { loader as list } from "./api.classes";
import { action as change, loader as show } from "./api.classes.$id";
import { loader as mine } from "./api.instructors.me.schedule";

type Studio = Awaited<ReturnType<typeof scheduleStudio>>;

async function call(studio: Studio, path: string, user?: User) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (user) headers.cookie = (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
  return new Request(`http://${host}${path}`, { headers });
}
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { requestId: "t", clientIp: "127.0.0.1" },
});

describe("GET /api/classes", () => {
  test("a location's day for anyone, with ISO instants and local times", async () => {
    const s = await scheduleStudio();
    const occurrence = await s.occurrence("2026-06-01T17:30:00Z");
    const response = await list(args(await call(s, `/api/classes?locationId=${s.location.id}&date=2026-06-01`)));
    expect(response.status).toBe(200);
    await expectDocumented(response, "get", "/api/classes");
    expect(await response.json()).toEqual({
      pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
      location: { id: s.location.id, name: "Main", timezone: "Europe/London" },
      date: "2026-06-01",
      nextDateWithClasses: null,
      classes: [
        {
          id: occurrence.id,
          name: "Yoga",
          serviceId: s.yoga.id,
          location: { id: s.location.id, name: "Main", timezone: "Europe/London" },
          instructor: { id: s.instructor.id, name: "Ira Instructor" },
          startsAt: "2026-06-01T17:30:00.000Z",
          endsAt: "2026-06-01T18:30:00.000Z",
          localDate: "2026-06-01",
          localStartTime: "18:30",
          localEndTime: "19:30",
          durationMinutes: 60,
          capacity: 12,
          spotsLeft: 12,
          status: "scheduled",
        },
      ],
    });
  });

  test("a bad date or id is a 400; another studio's location a 404", async () => {
    const s = await scheduleStudio();
    const other = await scheduleStudio();
    for (const query of ["date=2026-02-30", "date=tomorrow", "locationId=1%20OR%201=1", "instructorId=x"]) {
      const response = await list(args(await call(s, `/api/classes?${query}`)));
      expect(response.status, query).toBe(400);
      expect((await response.json()).code).toBe("VALIDATION_ERROR");
    }
    const theirs = await list(args(await call(s, `/api/classes?locationId=${other.location.id}`)));
    expect(theirs.status).toBe(404);
  });
});

describe("GET /api/classes/:id", () => {
  test("shows a class; unknown, malformed and other studios' ids are 404", async () => {
    const s = await scheduleStudio();
    const other = await scheduleStudio();
    const occurrence = await s.occurrence("2026-06-01T17:30:00Z");
    const theirs = await other.occurrence("2026-06-01T17:30:00Z");
    const response = await show(args(await call(s, `/api/classes/${occurrence.id}`), { id: occurrence.id }));
    expect(response.status).toBe(200);
    await expectDocumented(response, "get", "/api/classes/{id}");
    expect((await response.json()).class).toMatchObject({
      name: "Yoga",
      description: "Yoga for everyone",
      location: { name: "Main", address: "1 High Street, London, N1 1AA" },
      localStartTime: "18:30",
      spotsLeft: 12,
      status: "scheduled",
      cancelReason: null,
    });
    for (const id of [theirs.id, crypto.randomUUID(), "nope"]) {
      const missing = await show(args(await call(s, `/api/classes/${id}`), { id }));
      expect(missing.status).toBe(404);
      await expectDocumented(missing, "get", "/api/classes/{id}");
      expect((await missing.json()).code).toBe("NOT_FOUND");
    }
  });
});

describe("GET /api/instructors/me/schedule", () => {
  test("the caller's week; 401 for nobody, 403 for a client, 400 for a bad view", async () => {
    const s = await scheduleStudio();
    await s.occurrence("2026-06-03T09:00:00Z");
    const path = "/api/instructors/me/schedule?date=2026-06-03&view=week";
    const response = await mine(args(await call(s, path, s.instructor)));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.days).toHaveLength(7);
    expect(body.days[2]).toMatchObject({
      date: "2026-06-03",
      atTwoLocations: false,
      items: [{ kind: "class", name: "Yoga", localStartTime: "10:00", location: { name: "Main" }, travel: null }],
    });
    expect((await mine(args(await call(s, path)))).status).toBe(401);
    const client = await s.person("client", "Cal Client");
    expect((await mine(args(await call(s, path, client)))).status).toBe(403);
    const bad = await mine(args(await call(s, "/api/instructors/me/schedule?view=year", s.instructor)));
    expect(bad.status).toBe(400);
  });
});

describe("PATCH and DELETE /api/classes/:id", () => {
  test("the owner moves a date and changes its places, then cancels it (the sweep refuses others)", async () => {
    const s = await scheduleStudio();
    const occurrence = await s.occurrence("2031-06-02T17:30:00Z");
    const send = async (method: string, body: unknown, user: User = s.owner) => {
      const base = await call(s, `/api/classes/${occurrence.id}`, user);
      const headers = new Headers(base.headers);
      headers.set("content-type", "application/json");
      headers.set("origin", new URL(base.url).origin);
      return change(
        args(new Request(base.url, { method, headers, body: JSON.stringify(body) }), { id: occurrence.id }),
      );
    };
    const moved = await send("PATCH", { startsAt: "2031-06-02T18:00:00Z", capacity: 8 });
    expect(moved.status).toBe(200);
    const body = await expectDocumented(moved, "patch", "/api/classes/{id}");
    expect(body.class).toMatchObject({ startsAt: "2031-06-02T18:00:00.000Z", capacity: 8, status: "scheduled" });
    const invalid = await send("PATCH", { startsAt: "2001-01-01T00:00:00Z" });
    expect(invalid.status).toBe(400);
    await expectDocumented(invalid, "patch", "/api/classes/{id}");
    const cancelled = await send("DELETE", { reason: "Flooded" });
    expect(cancelled.status).toBe(200);
    expect((await expectDocumented(cancelled, "delete", "/api/classes/{id}")).class).toMatchObject({
      status: "cancelled",
      cancelReason: "Flooded",
    });
    const again = await send("PATCH", { capacity: 9 });
    expect((await again.json()).code).toBe("CLASS_CANCELLED");
  });
});
