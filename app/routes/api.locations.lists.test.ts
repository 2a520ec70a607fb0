import { describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { loader as clientBookings } from "./api.clients.$id.bookings";
import { action as create, loader as list } from "./api.locations";
import { loader as show, action as update } from "./api.locations.$id";
import { loader as instructors } from "./api.locations.$id.instructors";
import { loader as schedule } from "./api.locations.$id.schedule";
import { loader as services } from "./api.locations.$id.services";

type Studio = { tenant: Awaited<ReturnType<typeof createTestStudio>>["tenant"] };
type Loader = typeof schedule;

/** A loader or action called as Remix would, as `user` (or nobody). */
async function call(
  handler: Loader,
  studio: Studio,
  user: User | null,
  path: string,
  init: { method?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, ...init.headers };
  if (user) headers.cookie = (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://${host}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler({ request, params: init.params ?? {}, context: { requestId: "test", clientIp: "127.0.0.1" } });
}

const hours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };

describe("/api/locations and /api/locations/:id as documented", () => {
  test("the list pages; one location reads and changes; a new one is created once per Idempotency-Key", async () => {
    const studio = await createTestStudio();
    const listed = await call(list, studio, studio.owner, "/api/locations?perPage=1");
    expect(await listed.clone().json()).toMatchObject({
      locations: [{ id: studio.location.id }],
      pagination: { page: 1, perPage: 1, hasMore: false, nextPage: null },
    });
    await expectDocumented(listed, "get", "/api/locations");
    const bad = await call(list, studio, studio.owner, "/api/locations?page=0");
    expect(bad.status).toBe(400);
    await expectDocumented(bad, "get", "/api/locations");

    const params = { id: studio.location.id };
    await expectDocumented(
      await call(show, studio, studio.owner, "/api/locations/x", { params }),
      "get",
      "/api/locations/{id}",
    );
    const changed = await call(update, studio, studio.owner, "/api/locations/x", {
      method: "PATCH",
      body: { name: "Main Hall" },
      params,
    });
    expect(changed.status).toBe(200);
    await expectDocumented(changed, "patch", "/api/locations/{id}");

    const body = {
      name: "Pop-up",
      address: { line1: "1 Road", city: "Leeds", postcode: "LS1" },
      timezone: "Europe/London",
      operatingHours: hours,
    };
    const headers = { "idempotency-key": `loc-${crypto.randomUUID()}` };
    const first = await call(create, studio, studio.owner, "/api/locations", { method: "POST", body, headers });
    expect(first.status).toBe(201);
    await expectDocumented(first, "post", "/api/locations");
    const again = await call(create, studio, studio.owner, "/api/locations", { method: "POST", body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).location.id).toBe((await first.json()).location.id);
    const reused = await call(create, studio, studio.owner, "/api/locations", {
      method: "POST",
      body: { ...body, name: "Another" },
      headers,
    });
    expect(reused.status).toBe(422);
    await expectDocumented(reused, "post", "/api/locations");
    const all = await (await call(list, studio, studio.owner, "/api/locations")).json();
    expect(all.locations.map((l: { name: string }) => l.name).sort()).toEqual(["Main Hall", "Pop-up"]);
    const paged = await call(list, studio, studio.owner, "/api/locations?perPage=1");
    expect(paged.headers.get("link")).toBe('</api/locations?perPage=1&page=2>; rel="next"');
  });
});

describe("a location's schedule, services and instructors", () => {
  async function scene() {
    const s = await bookingStudio();
    const desk = await s.person("receptionist", [s.main.id]);
    const deskElsewhere = await s.person("receptionist", [s.second.id]);
    const amy = await s.client();
    await bookSession(s.tenant, amy, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") });
    return { ...s, desk, deskElsewhere, amy };
  }

  test("schedule: a client sees the classes; the location's desk the sessions too, with the client", async () => {
    const s = await scene();
    const path = `/api/locations/x/schedule?from=${s.monday}&to=${s.monday}`;
    const params = { id: s.main.id };
    const asClient = await call(schedule, s, s.amy, path, { params });
    expect(asClient.status).toBe(200);
    const seen = await asClient.clone().json();
    expect(seen).toMatchObject({ from: s.monday, to: s.monday, withSessions: false });
    expect(seen.items.map((i: { kind: string; localStartTime: string }) => [i.kind, i.localStartTime])).toEqual([
      ["class", "18:00"],
    ]);
    await expectDocumented(asClient, "get", "/api/locations/{id}/schedule");

    const asDesk = await call(schedule, s, s.desk, path, { params });
    const desk = await asDesk.clone().json();
    expect(desk.withSessions).toBe(true);
    expect(desk.items.map((i: { kind: string; localStartTime: string }) => [i.kind, i.localStartTime])).toEqual([
      ["session", "10:00"],
      ["class", "18:00"],
    ]);
    expect(desk.items[0].client).toEqual({ name: s.amy.fullName });
    await expectDocumented(asDesk, "get", "/api/locations/{id}/schedule");
    // The desk of another location sees this one as a client does.
    const elsewhere = await (await call(schedule, s, s.deskElsewhere, path, { params })).json();
    expect(elsewhere.withSessions).toBe(false);

    const paged = await call(schedule, s, s.desk, `${path}&perPage=1`, { params });
    expect((await paged.clone().json()).pagination).toEqual({ page: 1, perPage: 1, hasMore: true, nextPage: 2 });
    expect(paged.headers.get("link")).toContain("page=2");

    // The same session in the client's history, as GET /api/clients/:id/bookings documents it.
    const history = await call(clientBookings, s, s.desk, "/x", { params: { id: s.amy.id } });
    expect((await history.clone().json()).bookings).toHaveLength(1);
    await expectDocumented(history, "get", "/api/clients/{id}/bookings");
  });

  test("schedule: a backwards or too long range is a 400; no dates is the week from today", async () => {
    const s = await scene();
    const params = { id: s.main.id };
    const backwards = await call(schedule, s, s.amy, "/x?from=2026-12-10&to=2026-12-01", { params });
    expect(backwards.status).toBe(400);
    expect((await backwards.clone().json()).fieldErrors).toHaveProperty("to");
    await expectDocumented(backwards, "get", "/api/locations/{id}/schedule");
    const long = await call(schedule, s, s.amy, "/x?from=2026-01-01&to=2026-03-01", { params });
    expect(long.status).toBe(400);
    const week = await (await call(schedule, s, s.amy, "/x", { params })).json();
    expect(Date.parse(week.to) - Date.parse(week.from)).toBe(6 * 86_400_000);
  });

  test("services and instructors at a location, paged; another studio's location is a 404", async () => {
    const s = await scene();
    const other = await createTestStudio();
    const params = { id: s.main.id };
    const offered = await call(services, s, s.amy, "/x", { params });
    const names = (await offered.clone().json()).services.map((x: { name: string }) => x.name).sort();
    expect(names).toEqual([s.session.name, "Yoga"].sort());
    await expectDocumented(offered, "get", "/api/locations/{id}/services");
    const teaching = await call(instructors, s, s.amy, "/x?perPage=200", { params });
    const listed = await teaching.clone().json();
    expect(listed.instructors.map((i: { id: string }) => i.id)).toContain(s.instructor.id);
    expect(listed.pagination.perPage).toBe(200);
    await expectDocumented(teaching, "get", "/api/locations/{id}/instructors");

    for (const [handler, path] of [
      [schedule, "/api/locations/{id}/schedule"],
      [services, "/api/locations/{id}/services"],
      [instructors, "/api/locations/{id}/instructors"],
    ] as const) {
      const theirs = await call(handler, s, s.owner, "/x", { params: { id: other.location.id } });
      expect(theirs.status).toBe(404);
      await expectDocumented(theirs, "get", path);
      const nobody = await call(handler, s, null, "/x", { params });
      expect(nobody.status).toBe(401);
    }
  });
});
