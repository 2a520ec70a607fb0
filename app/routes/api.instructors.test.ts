import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import { describe, expect, test } from "vitest";
import { insertBooking } from "~/models/booking.server";
import { assignInstructor } from "~/models/client-instructor.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { Role, User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { loader as listInstructors } from "./api.instructors";
import { loader as profile } from "./api.instructors.$id";
import { action as changeHours, loader as slots } from "./api.instructors.$id.availability";
import { loader as clients } from "./api.instructors.$id.clients";
import { loader as schedule } from "./api.instructors.$id.schedule";
import { loader as myBookings } from "./api.instructors.me.bookings";
import { loader as myRequests } from "./api.instructors.me.requests";
import { loader as mySchedule } from "./api.instructors.me.schedule";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;
type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: { requestId: string; clientIp: string };
}) => Promise<Response>;

async function call(
  handler: Handler,
  studio: Studio,
  user: User | null,
  url: string,
  options: { params?: Record<string, string>; body?: unknown; key?: string } = {},
) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host };
  if (user) headers.cookie = (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.key) headers["idempotency-key"] = options.key;
  const request = new Request(`http://${host}${url}`, {
    method: options.body === undefined ? "GET" : "POST",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return handler({ request, params: options.params ?? {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
}

const person = (studio: Studio, role: Role, name: string, locations = [studio.location.id]) =>
  insertUser(database(), studio.tenant, {
    email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: name,
    role,
    phone: "+447700900123",
    accessibleLocations: locations,
  });

const at = (day: number, hour: number) => new Date(Date.UTC(2031, 0, day, hour));

async function scene() {
  const studio = await createTestStudio();
  const { tenant, location } = studio;
  const db = database();
  const coach = await person(studio, "instructor", "Coach Ana");
  const other = await person(studio, "instructor", "Coach Ben");
  const desk = await person(studio, "receptionist", "Desk Dee");
  const manager = await person(studio, "location_manager", "Manager Mo");
  const client = await person(studio, "client", "Client Cat");
  const second = await person(studio, "client", "Client Dan");
  const yoga = await insertService(db, tenant, {
    name: "Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: 8,
    locationIds: [location.id],
  });
  const pt = await insertService(db, tenant, {
    name: "Personal training",
    type: "session",
    durationMinutes: 60,
    locationIds: [location.id],
  });
  const taught = await insertOccurrence(db, tenant, {
    serviceId: yoga.id,
    locationId: location.id,
    instructorId: coach.id,
    startsAt: at(7, 9),
    endsAt: at(7, 10),
    capacity: 8,
  });
  // Ben's class that Ana covers: the substitute's.
  const covered = await insertOccurrence(db, tenant, {
    serviceId: yoga.id,
    locationId: location.id,
    instructorId: coach.id,
    originalInstructorId: other.id,
    startsAt: at(8, 9),
    endsAt: at(8, 10),
    capacity: 8,
  });
  const session = await insertBooking(db, tenant, {
    clientId: client.id,
    serviceId: pt.id,
    instructorId: coach.id,
    locationId: location.id,
    startsAt: at(9, 11),
    endsAt: at(9, 12),
    status: "confirmed",
    bookingMethod: "admin_created",
    createdById: studio.owner.id,
  });
  await assignInstructor(db, tenant, client.id, coach.id);
  await assignInstructor(db, tenant, second.id, coach.id);
  return { studio, coach, other, desk, manager, client, second, taught: taught!, covered: covered!, session, pt };
}

const RANGE = "from=2031-01-06&to=2031-01-12";

describe("the instructor API", () => {
  test("GET /api/instructors: a page of them, with the next page's Link", async () => {
    const { studio, client } = await scene();
    const first = await call(listInstructors, studio, client, "/api/instructors?perPage=2");
    expect(first.status).toBe(200);
    const body = await expectDocumented(first, "get", "/api/instructors");
    expect(body.instructors.map((i: { fullName: string }) => i.fullName)).toEqual(["Coach Ana", "Coach Ben"]);
    expect(body.pagination).toEqual({ page: 1, perPage: 2, hasMore: true, nextPage: 2 });
    expect(first.headers.get("link")).toBe('</api/instructors?perPage=2&page=2>; rel="next"');
    const last = await call(listInstructors, studio, client, "/api/instructors?perPage=2&page=2");
    expect((await last.json()).instructors.map((i: { fullName: string }) => i.fullName)).toEqual(["Owner Person"]);
    const bad = await call(listInstructors, studio, client, "/api/instructors?perPage=0");
    expect(bad.status).toBe(400);
    await expectDocumented(bad, "get", "/api/instructors");
  });

  test("GET /api/instructors/:id: public fields for a client, contact details for staff; others 404", async () => {
    const { studio, coach, desk, client } = await scene();
    const params = { id: coach.id };
    const seen = await call(profile, studio, client, `/api/instructors/${coach.id}`, { params });
    expect(seen.status).toBe(200);
    const { instructor } = await expectDocumented(seen, "get", "/api/instructors/{id}");
    expect(instructor).toMatchObject({ fullName: "Coach Ana", role: "instructor", contact: null });
    expect(instructor.services.map((s: { name: string }) => s.name)).toEqual(["Personal training"]);
    const staff = await call(profile, studio, desk, `/api/instructors/${coach.id}`, { params });
    expect((await expectDocumented(staff, "get", "/api/instructors/{id}")).instructor.contact).toEqual({
      email: coach.email,
      phone: "+447700900123",
    });
    for (const id of [client.id, desk.id]) {
      const none = await call(profile, studio, client, `/api/instructors/${id}`, { params: { id } });
      expect(none.status).toBe(404);
      await expectDocumented(none, "get", "/api/instructors/{id}");
    }
  });

  test("GET /api/instructors/:id/schedule: their classes (covers included) and sessions, for them and the desk", async () => {
    const { studio, coach, other, desk, client, taught, covered, session } = await scene();
    const url = `/api/instructors/${coach.id}/schedule?${RANGE}`;
    const params = { id: coach.id };
    for (const who of [coach, desk, studio.owner]) {
      const response = await call(schedule, studio, who, url, { params });
      expect(response.status, who.fullName).toBe(200);
      const body = await expectDocumented(response, "get", "/api/instructors/{id}/schedule");
      expect(body.classes.map((c: { id: string }) => c.id)).toEqual([taught.id, covered.id]);
      expect(body.sessions).toEqual([
        expect.objectContaining({ id: session.id, client: { id: client.id, name: "Client Cat" } }),
      ]);
    }
    const original = await call(schedule, studio, other, `/api/instructors/${other.id}/schedule?${RANGE}`, {
      params: { id: other.id },
    });
    expect((await original.json()).classes).toEqual([]);
    for (const who of [client, other]) {
      const refused = await call(schedule, studio, who, url, { params });
      expect(refused.status).toBe(403);
      await expectDocumented(refused, "get", "/api/instructors/{id}/schedule");
    }
    const tooLong = await call(
      schedule,
      studio,
      coach,
      `/api/instructors/${coach.id}/schedule?from=2031-01-01&to=2031-03-01`,
      {
        params,
      },
    );
    expect(tooLong.status).toBe(400);
    expect((await call(schedule, studio, coach, `/api/instructors/${coach.id}/schedule`, { params })).status).toBe(400);
  });

  test("GET /api/instructors/:id/clients: their assigned clients, paged, for them, their manager and the owner", async () => {
    const { studio, coach, other, desk, manager, client } = await scene();
    const params = { id: coach.id };
    for (const who of [coach, manager, studio.owner]) {
      const response = await call(clients, studio, who, `/api/instructors/${coach.id}/clients?perPage=1`, { params });
      expect(response.status, who.fullName).toBe(200);
      const body = await expectDocumented(response, "get", "/api/instructors/{id}/clients");
      expect(body.clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Client Cat"]);
      expect(body.pagination.nextPage).toBe(2);
      expect(response.headers.get("link")).toContain("page=2");
    }
    const rest = await call(clients, studio, coach, `/api/instructors/${coach.id}/clients?perPage=1&page=2`, {
      params,
    });
    expect((await rest.json()).clients.map((c: { fullName: string }) => c.fullName)).toEqual(["Client Dan"]);
    for (const who of [client, other, desk]) {
      const refused = await call(clients, studio, who, `/api/instructors/${coach.id}/clients`, { params });
      expect(refused.status, who.fullName).toBe(403);
      await expectDocumented(refused, "get", "/api/instructors/{id}/clients");
    }
  });

  test("GET /api/instructors/me/bookings: what the caller teaches, paged; a client 403", async () => {
    const { studio, coach, other, client, session } = await scene();
    const mine = await call(myBookings, studio, coach, "/api/instructors/me/bookings?from=2031-01-01&to=2031-01-31");
    expect(mine.status).toBe(200);
    const body = await expectDocumented(mine, "get", "/api/instructors/me/bookings");
    expect(body.bookings.map((b: { id: string }) => b.id)).toEqual([session.id]);
    expect(body.pagination).toEqual({ page: 1, perPage: 50, hasMore: false, nextPage: null });
    const theirs = await call(myBookings, studio, other, "/api/instructors/me/bookings");
    expect((await theirs.json()).bookings).toEqual([]);
    const refused = await call(myBookings, studio, client, "/api/instructors/me/bookings");
    expect(refused.status).toBe(403);
    await expectDocumented(refused, "get", "/api/instructors/me/bookings");
    const bad = await call(myBookings, studio, coach, "/api/instructors/me/bookings?status=lost");
    expect(bad.status).toBe(400);
  });

  test("GET /api/instructors/me/schedule and /me/requests answer as documented", async () => {
    const { studio, coach, client } = await scene();
    const week = await call(mySchedule, studio, coach, "/api/instructors/me/schedule?date=2031-01-07&view=week");
    expect(week.status).toBe(200);
    const body = await expectDocumented(week, "get", "/api/instructors/me/schedule");
    expect(body.days.flatMap((d: { items: unknown[] }) => d.items)).toHaveLength(2);
    const requests = await call(myRequests, studio, coach, "/api/instructors/me/requests?perPage=5");
    expect(requests.status).toBe(200);
    expect((await expectDocumented(requests, "get", "/api/instructors/me/requests")).pagination.perPage).toBe(5);
    const refused = await call(myRequests, studio, client, "/api/instructors/me/requests");
    expect(refused.status).toBe(403);
    await expectDocumented(refused, "get", "/api/instructors/me/requests");
  });

  test("GET /api/instructors/:id/availability answers as documented", async () => {
    const { studio, coach, pt } = await scene();
    const query = `date=2031-01-07&serviceId=${pt.id}&locationId=${studio.location.id}`;
    const response = await call(slots, studio, null, `/api/instructors/${coach.id}/availability?${query}`, {
      params: { id: coach.id },
    });
    expect(response.status).toBe(200);
    await expectDocumented(response, "get", "/api/instructors/{id}/availability");
  });

  test("POST /api/instructors/:id/availability: the editor's changes, by them or the owner, once per key", async () => {
    const { studio, coach, other, client } = await scene();
    const params = { id: coach.id };
    const url = `/api/instructors/${coach.id}/availability`;
    const block = { action: "add_block", weekday: 1, locationId: studio.location.id, start: "09:00", end: "12:00" };
    const added = await call(changeHours, studio, coach, url, { params, body: block, key: "block-1" });
    expect(added.status).toBe(201);
    const body = await expectDocumented(added, "post", "/api/instructors/{id}/availability");
    expect(body.availability.blocks).toEqual([expect.objectContaining({ weekday: 1, start: "09:00", end: "12:00" })]);
    const again = await call(changeHours, studio, coach, url, { params, body: block, key: "block-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const reused = await call(changeHours, studio, coach, url, {
      params,
      body: { ...block, start: "13:00", end: "14:00" },
      key: "block-1",
    });
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe("IDEMPOTENCY_KEY_REUSED");
    const clash = await call(changeHours, studio, studio.owner, url, {
      params,
      body: { ...block, start: "11:00", end: "13:00" },
    });
    expect(clash.status).toBe(409);
    expect((await expectDocumented(clash, "post", "/api/instructors/{id}/availability")).code).toBe(
      "AVAILABILITY_CLASH",
    );
    const off = await call(changeHours, studio, studio.owner, url, {
      params,
      body: { action: "add_time_off", date: "2027-01-13", note: "Holiday" },
    });
    expect(off.status).toBe(201);
    const exception = (await off.json()).availability.exceptions[0];
    expect(exception).toMatchObject({ kind: "time_off", date: "2027-01-13", start: null, end: null, note: "Holiday" });
    const removed = await call(changeHours, studio, coach, url, {
      params,
      body: { action: "remove_exception", id: exception.id },
    });
    expect(removed.status).toBe(200);
    expect(
      (await expectDocumented(removed, "post", "/api/instructors/{id}/availability")).availability.exceptions,
    ).toEqual([]);
    for (const who of [other, client]) {
      const refused = await call(changeHours, studio, who, url, { params, body: { ...block, weekday: 2 } });
      expect(refused.status, who.fullName).toBe(403);
      await expectDocumented(refused, "post", "/api/instructors/{id}/availability");
    }
    const invalid = await call(changeHours, studio, coach, url, {
      params,
      body: { ...block, weekday: 8, end: "08:00" },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys((await invalid.json()).fieldErrors).sort()).toEqual(["end", "weekday"]);
  });

  test("/me/… keeps winning over /:id/… in the route table", () => {
    const manifest = flatRoutes(path.resolve(__dirname, ".."), ["**/*.test.*", "**/*.test-helper.*"]);
    const tree = (parentId: string): AgnosticRouteObject[] =>
      Object.values(manifest)
        .filter((route) => (route.parentId ?? "root") === parentId && route.id !== "root")
        .map(
          (route) =>
            ({ id: route.id, path: route.path, index: route.index, children: tree(route.id) }) as AgnosticRouteObject,
        );
    const leaf = (url: string) => matchRoutes(tree("root"), url)?.at(-1)?.route.id;
    expect(leaf("/api/instructors/me/bookings")).toBe("routes/api.instructors.me.bookings");
    expect(leaf("/api/instructors/me/schedule")).toBe("routes/api.instructors.me.schedule");
    expect(leaf("/api/instructors/me/requests")).toBe("routes/api.instructors.me.requests");
    expect(leaf(`/api/instructors/${crypto.randomUUID()}/schedule`)).toBe("routes/api.instructors.$id.schedule");
  });
});
