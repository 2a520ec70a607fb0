import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { insertAvailabilityBlock } from "~/models/availability.server";
import { insertBooking } from "~/models/booking.server";
import { assignInstructor } from "~/models/client-instructor.server";
import { insertCommitment } from "~/models/commitment.server";
import { findOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { findStudioSettings, updateStudioSettings } from "~/models/studio-settings.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import type { ApiOperation } from "~/services/api-reference/operation";
import { API_OPERATIONS } from "~/services/api-reference/operations";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { issueApiToken } from "~/services/identity/api.server";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { loader as listRoute } from "./api.bookings";
import { action as patchRoute, loader as showRoute } from "./api.bookings.$id";
import { action as cancelRoute } from "./api.bookings.$id.cancel";
import { action as rescheduleRoute } from "./api.bookings.$id.reschedule";
import { action as classRoute } from "./api.bookings.class";
import { action as sessionRoute } from "./api.bookings.session";
import { loader as rosterRoute } from "./api.classes.$id.bookings";
import { loader as clientBookingsRoute } from "./api.clients.$id.bookings";

type Studio = Awaited<ReturnType<typeof bookingStudio>>;
type Handler = (args: LoaderFunctionArgs) => Promise<Response>;
/** Who calls: a user signed in with a session cookie, or a bearer token. */
type Caller = User | { token: string };

type Call = {
  method?: "GET" | "POST" | "PATCH";
  body?: unknown;
  rawBody?: string;
  key?: string;
  params?: Record<string, string>;
};

async function call(s: Studio, handler: Handler, path: string, caller: Caller | undefined, options: Call = {}) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (caller && "token" in caller) headers.authorization = `Bearer ${caller.token}`;
  else if (caller) headers.cookie = (await signIn(s.tenant, caller)).headers.get("set-cookie")?.split(";")[0] ?? "";
  if (options.key !== undefined) headers["idempotency-key"] = options.key;
  const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? "POST" : "GET");
  const request = new Request(`http://${host}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler({
    request,
    params: options.params ?? {},
    context: { requestId: "t", clientIp: "::1" },
  });
  // A method the route does not take (405) is no operation of the document.
  if (response.status !== 405) await expectDocumented(response, documentedAs(method), documentedPath(method, path));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The operation of the API's document a request is for: its method, and the path with its ids as `{id}`. */
const documentedAs = (method: string) => method.toLowerCase() as ApiOperation["method"];
function documentedPath(method: string, path: string): ApiOperation["path"] {
  const bare = path.split("?")[0] ?? path;
  const operation = API_OPERATIONS.find(
    (op) => op.method === documentedAs(method) && new RegExp(`^${op.path.replace(/\{id\}/g, "[^/]+")}$`).test(bare),
  );
  if (!operation) throw new Error(`${method} ${bare} is not in the API document`);
  return operation.path;
}

const bookSession = (s: Studio, caller: Caller, body: Record<string, unknown>, key?: string) =>
  call(s, sessionRoute, "/api/bookings/session", caller, {
    body: { serviceId: s.session.id, locationId: s.main.id, ...body },
    key,
  });
const bookClass = (s: Studio, caller: Caller, body: Record<string, unknown>, key?: string) =>
  call(s, classRoute, "/api/bookings/class", caller, { body, key });
const cancel = (s: Studio, caller: Caller, id: string, body?: unknown, key?: string) =>
  call(s, cancelRoute, `/api/bookings/${id}/cancel`, caller, { method: "POST", body, key, params: { id } });
const reschedule = (s: Studio, caller: Caller, id: string, body: unknown, key?: string) =>
  call(s, rescheduleRoute, `/api/bookings/${id}/reschedule`, caller, { body, key, params: { id } });
const show = (s: Studio, caller: Caller, id: string) =>
  call(s, showRoute, `/api/bookings/${id}`, caller, { params: { id } });
const patch = (s: Studio, caller: Caller, id: string, body: unknown) =>
  call(s, patchRoute, `/api/bookings/${id}`, caller, { method: "PATCH", body, params: { id } });
const list = (s: Studio, caller: Caller, query = "") => call(s, listRoute, `/api/bookings${query}`, caller);

const balance = async (s: Studio, client: User) => (await clientCredits(s.tenant, client, client.id)).balance;
const iso = (date: Date) => date.toISOString();
const HOUR = 60 * 60_000;

describe("POST /api/bookings/session", () => {
  test("a client with a bearer token books a slot: 201, self-booked and confirmed, one credit spent", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    const token = await issueApiToken(s.tenant, client, "phone");
    const response = await bookSession(s, { token }, { startTime: iso(s.at("10:00")), bookingMethod: "self_booked" });
    expect(response.status).toBe(201);
    expect(response.body.booking).toMatchObject({
      kind: "session",
      status: "confirmed",
      method: "self_booked",
      serviceId: s.session.id,
      serviceName: "PT 60",
      startsAt: iso(s.at("10:00")),
      endsAt: iso(s.at("11:00")),
      time: "10:00",
      date: s.monday,
      location: { id: s.main.id, name: "Main" },
      instructor: { id: s.instructor.id },
      client: { id: client.id },
      spots: 1,
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await balance(s, client)).toBe(4);
  });

  test("staff book for a client: the owner as admin_created, an assigned instructor as instructor_created", async () => {
    const s = await bookingStudio();
    const amy = await s.client(2);
    const ben = await s.client(2);
    await assignInstructor(database(), s.tenant, ben.id, s.instructor.id);

    const byOwner = await bookSession(s, s.owner, {
      startTime: iso(s.at("10:00")),
      clientId: amy.id,
      bookingMethod: "admin_created",
      notes: "  First session  ",
    });
    expect(byOwner.status).toBe(201);
    expect(byOwner.body.booking).toMatchObject({
      method: "admin_created",
      status: "confirmed",
      client: { id: amy.id },
      notes: "First session",
    });
    const byInstructor = await bookSession(s, s.instructor, {
      startTime: iso(s.at("12:00")),
      clientId: ben.id,
      instructorId: s.instructor.id,
      bookingMethod: "instructor_created",
    });
    expect(byInstructor.status).toBe(201);
    expect(byInstructor.body.booking).toMatchObject({ method: "instructor_created", client: { id: ben.id } });
    // Staff without a method: the engine decides it.
    const unstated = await bookSession(s, s.owner, { startTime: iso(s.at("14:00")), clientId: ben.id });
    expect(unstated.body.booking.method).toBe("admin_created");
    expect([await balance(s, amy), await balance(s, ben)]).toEqual([1, 0]);
  });

  test("a bookingMethod that does not match the caller is refused before anything is written", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const cases = [
      [s.owner, { clientId: client.id, bookingMethod: "instructor_created" }, 400, "BOOKING_METHOD_MISMATCH"],
      [s.owner, { clientId: client.id, bookingMethod: "self_booked" }, 400, "BOOKING_METHOD_MISMATCH"],
      [client, { bookingMethod: "admin_created" }, 403, "BOOKING_METHOD_NOT_ALLOWED"],
      [client, { bookingMethod: "instructor_created" }, 403, "BOOKING_METHOD_NOT_ALLOWED"],
    ] as const;
    for (const [caller, body, status, code] of cases) {
      const response = await bookSession(s, caller, { startTime: iso(s.at("10:00")), ...body });
      expect([body, response.status, response.body.code]).toEqual([body, status, code]);
      expect(response.body.fieldErrors.bookingMethod).toHaveLength(1);
    }
    expect(await balance(s, client)).toBe(2);
    // Of the staff only the owner books themselves (the matrix's "create own booking"): the rest name the client.
    const desk = await s.person("receptionist", [s.main.id]);
    const forSelf = await bookSession(s, desk, { startTime: iso(s.at("10:00")) });
    expect(forSelf.status).toBe(403);
  });

  test("no credit that covers it: 402 NO_CREDITS, and the slot stays free", async () => {
    const s = await bookingStudio();
    const broke = await s.client(0);
    const response = await bookSession(s, broke, { startTime: iso(s.at("10:00")) });
    expect(response).toMatchObject({ status: 402, body: { code: "NO_CREDITS" } });
    const other = await s.client(1);
    expect((await bookSession(s, other, { startTime: iso(s.at("10:00")) })).status).toBe(201);
  });

  test("a time already booked is 409 SLOT_UNAVAILABLE; one taken while the request was on its way is 409 SLOT_TAKEN", async () => {
    const s = await bookingStudio();
    const [amy, ben, cat] = [await s.client(1), await s.client(1), await s.client(1)];
    expect((await bookSession(s, amy, { startTime: iso(s.at("10:00")) })).status).toBe(201);
    const late = await bookSession(s, ben, { startTime: iso(s.at("10:00")), instructorId: s.instructor.id });
    expect(late).toMatchObject({ status: 409, body: { code: "SLOT_UNAVAILABLE" } });

    // Another booking of 13:00 is being written (not yet committed) when Cat's request plans:
    // the slot looks free, and the database refuses her at the write.
    const db = database();
    const startsAt = s.at("13:00");
    const endsAt = s.at("14:00");
    let inserted!: (pid: number) => void;
    const written = new Promise<number>((resolve) => {
      inserted = resolve;
    });
    let commit!: () => void;
    const released = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const rival = db.transaction(async (tx) => {
      const booking = await insertBooking(tx, s.tenant, {
        clientId: amy.id,
        serviceId: s.session.id,
        instructorId: s.instructor.id,
        locationId: s.main.id,
        occurrenceId: null,
        startsAt,
        endsAt,
        status: "confirmed",
        bookingMethod: "admin_created",
        spotsBooked: 1,
        notes: null,
        createdById: s.owner.id,
      });
      await insertCommitment(tx, s.tenant, {
        instructorId: s.instructor.id,
        locationId: s.main.id,
        startsAt,
        endsAt,
        occurrenceId: null,
        bookingId: booking.id,
      });
      const [row] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      inserted(Number(row?.pid));
      await released;
    });
    const pid = await written;
    const attempt = bookSession(s, cat, { startTime: iso(startsAt), instructorId: s.instructor.id });
    for (let waited = 0; ; waited += 20) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`,
      );
      if (Number(row?.n) > 0) break;
      if (waited > 10_000) throw new Error("the request never reached the database's check");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    commit();
    await rival;
    expect(await attempt).toMatchObject({ status: 409, body: { code: "SLOT_TAKEN" } });
    expect(await balance(s, cat)).toBe(1);
  });

  test("each canUserBook refusal is a 403 with its code; a VIP goes past the instructor's preference", async () => {
    const s = await bookingStudio();
    const db = database();
    const restricted = await s.client(2, { bookingPermissions: "restricted" });
    expect(await bookSession(s, restricted, { startTime: iso(s.at("10:00")) })).toMatchObject({
      status: 403,
      body: { code: "CLIENT_RESTRICTED" },
    });

    const staffOnly = await insertService(db, s.tenant, {
      name: "Assessment",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      selfBookingEnabled: false,
    });
    const standard = await s.client(2);
    expect(await bookSession(s, standard, { serviceId: staffOnly.id, startTime: iso(s.at("10:00")) })).toMatchObject({
      status: 403,
      body: { code: "SELF_BOOKING_DISABLED" },
    });

    // An instructor whose Monday hours are theirs to fill.
    const busy = await s.person("instructor", [s.main.id]);
    await insertAvailabilityBlock(db, s.tenant, {
      instructorId: busy.id,
      locationId: s.main.id,
      weekday: 1,
      startTime: "09:00",
      endTime: "17:00",
      allowsSelfBooking: false,
    });
    const withBusy = { startTime: iso(s.at("15:00")), instructorId: busy.id };
    expect(await bookSession(s, standard, withBusy)).toMatchObject({
      status: 403,
      body: { code: "INSTRUCTOR_MANAGES_SCHEDULE" },
    });
    const vip = await s.client(2, { bookingPermissions: "vip" });
    const vipBooking = await bookSession(s, vip, withBusy);
    expect(vipBooking.status).toBe(201);
    expect(vipBooking.body.booking.instructor.id).toBe(busy.id);

    const settings = await findStudioSettings(db, s.tenant);
    await updateStudioSettings(db, s.tenant, {
      requireParqBeforeFirstBooking: true,
      receptionistRefundLimitMinor: settings.receptionistRefundLimitMinor,
    });
    expect(await bookSession(s, standard, { startTime: iso(s.at("11:00")) })).toMatchObject({
      status: 403,
      body: { code: "PARQ_REQUIRED" },
    });
    expect([await balance(s, restricted), await balance(s, standard), await balance(s, vip)]).toEqual([2, 2, 1]);
  });

  test("bad input is a 400 naming the field, never a 500", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const startTime = iso(s.at("10:00"));
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceId: "nope", startTime }, "serviceId"],
      [{ locationId: "1 OR 1=1", startTime }, "locationId"],
      [{ startTime: `${s.monday}T10:00:00` }, "startTime"],
      [{ startTime: s.monday }, "startTime"],
      [{ startTime: 1_780_000_000_000 }, "startTime"],
      [{}, "startTime"],
      [{ startTime, price: 0 }, "price"],
      [{ startTime, status: "confirmed" }, "status"],
      [{ startTime, bookingMethod: "walk_in" }, "bookingMethod"],
      [{ startTime, notes: "x".repeat(501) }, "notes"],
      [{ startTime, instructorId: 42 }, "instructorId"],
    ];
    for (const [body, field] of cases) {
      const response = await bookSession(s, client, body);
      expect([body, response.status, response.body.code]).toEqual([body, 400, "VALIDATION_ERROR"]);
      expect(Object.keys(response.body.fieldErrors), JSON.stringify(body)).toContain(field);
    }
    const notJson = await call(s, sessionRoute, "/api/bookings/session", client, { rawBody: "{serviceId:" });
    expect(notJson).toMatchObject({ status: 400, body: { code: "INVALID_JSON" } });
    const array = await call(s, sessionRoute, "/api/bookings/session", client, { body: [] });
    expect(array).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
    for (const key of ["", "has space", "x".repeat(101), "semi;colon"]) {
      const response = await bookSession(s, client, { startTime }, key);
      expect([key, response.status, response.body.code]).toEqual([key, 400, "INVALID_IDEMPOTENCY_KEY"]);
    }
    const unknownService = await bookSession(s, client, { serviceId: crypto.randomUUID(), startTime });
    expect(unknownService.status).toBe(404);
    expect(await balance(s, client)).toBe(2);
    const get = await call(s, sessionRoute, "/api/bookings/session", client, { method: "PATCH", body: {} });
    expect(get.status).toBe(405);
  });
});

describe("POST /api/bookings/session by staff past the client's limits and published hours", () => {
  test("the desk books inside the client's notice; the booking and its event say so", async () => {
    const s = await bookingStudio();
    // Two weeks' notice: the Monday ahead is inside it, as a walk-in today is inside an hour's.
    await updateStudioSettings(database(), s.tenant, { minNoticeMinutes: 14 * 24 * 60 });
    const client = await s.client(2);
    const desk = await s.person("receptionist", [s.main.id]);
    const own = await bookSession(s, client, { startTime: iso(s.at("10:00")) });
    expect(own.body).toMatchObject({ code: "SLOT_UNAVAILABLE" });
    const walkIn = await bookSession(s, desk, { startTime: iso(s.at("10:00")), clientId: client.id });
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.booking).toMatchObject({ status: "confirmed", client: { id: client.id } });
  });

  test("outside the instructor's hours: 409 naming them, 201 with the override, 403 for the desk", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const desk = await s.person("receptionist", [s.main.id]);
    const body = { startTime: iso(s.at("07:30")), clientId: client.id, instructorId: s.instructor.id };
    const unconfirmed = await bookSession(s, s.owner, body);
    expect(unconfirmed).toMatchObject({
      status: 409,
      body: {
        code: "OUTSIDE_INSTRUCTOR_HOURS",
        error: "That time is outside A's published hours (Mon 09:00–17:00). Confirm to book it anyway.",
      },
    });
    expect((await bookSession(s, desk, { ...body, override: ["instructor_hours"] })).status).toBe(403);
    const confirmed = await bookSession(s, s.owner, { ...body, override: ["instructor_hours"] });
    expect(confirmed.status).toBe(201);
    expect((await bookSession(s, s.owner, { ...body, override: ["weekends"] })).status).toBe(400);
  });
});

describe("idempotency keys", () => {
  test("the same key again returns the same booking with 200 and spends one credit", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const key = "phone-retry_0001";
    const first = await bookSession(s, client, { startTime: iso(s.at("10:00")) }, key);
    const again = await bookSession(s, client, { startTime: iso(s.at("10:00")) }, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.booking.id).toBe(first.body.booking.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await balance(s, client)).toBe(2);

    // Sent twice at once (a flaky connection): still one booking.
    const twin = crypto.randomUUID();
    const [a, b] = await Promise.all([
      bookClass(s, client, { occurrenceId: s.yogaClass.id }, twin),
      bookClass(s, client, { occurrenceId: s.yogaClass.id }, twin),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.booking.id).toBe(b.body.booking.id);
    expect(await balance(s, client)).toBe(1);

    // A cancel re-sent returns the cancelled booking; the credit comes back once.
    const cancelKey = crypto.randomUUID();
    const cancelled = await cancel(s, client, first.body.booking.id, {}, cancelKey);
    const cancelledAgain = await cancel(s, client, first.body.booking.id, {}, cancelKey);
    expect([cancelled.status, cancelledAgain.status]).toEqual([200, 200]);
    expect(cancelledAgain.body.booking).toMatchObject({ id: first.body.booking.id, status: "cancelled" });
    expect(await balance(s, client)).toBe(2);
  });

  test("a key reused for a different request is 422 IDEMPOTENCY_KEY_REUSED, and nothing happens", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const key = crypto.randomUUID();
    const first = await bookSession(s, client, { startTime: iso(s.at("10:00")) }, key);
    expect(first.status).toBe(201);
    const id = first.body.booking.id;
    const other = await bookSession(s, client, { startTime: iso(s.at("11:00")) }, key);
    expect(other).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const cancelWithIt = await cancel(s, client, id, {}, key);
    expect(cancelWithIt).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const moveWithIt = await reschedule(s, client, id, { startTime: iso(s.at("12:00")) }, key);
    expect(moveWithIt).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect((await show(s, client, id)).body.booking.status).toBe("confirmed");
    expect(await balance(s, client)).toBe(2);

    // A cancel's key sent with a new booking of the same time is not that cancel again.
    const cancelKey = crypto.randomUUID();
    expect((await cancel(s, client, id, {}, cancelKey)).status).toBe(200);
    const rebook = await bookSession(s, client, { startTime: iso(s.at("10:00")) }, cancelKey);
    expect(rebook).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(await balance(s, client)).toBe(3);
  });
});

describe("POST /api/bookings/class", () => {
  test("a place by occurrence id or by the spec's classId + startTime; the roster and credits follow", async () => {
    const s = await bookingStudio();
    const db = database();
    const { series, dated } = await s.weeklyClassAt("07:00");
    const client = await s.client(3);
    const byId = await bookClass(s, client, { occurrenceId: s.yogaClass.id, notes: "Bringing my own mat" });
    expect(byId.status).toBe(201);
    expect(byId.body.booking).toMatchObject({
      kind: "class",
      occurrenceId: s.yogaClass.id,
      serviceName: "Yoga",
      status: "confirmed",
      method: "self_booked",
      spots: 1,
      time: "18:00",
      notes: "Bringing my own mat",
    });
    const bySpec = await bookClass(s, client, {
      classId: series.id,
      startTime: iso(s.at("07:00")),
      locationId: s.main.id,
    });
    expect(bySpec.status).toBe(201);
    expect(bySpec.body.booking.occurrenceId).toBe(dated.id);
    expect((await findOccurrence(db, s.tenant, dated.id))?.bookedSpots).toBe(1);
    expect(await balance(s, client)).toBe(1);

    for (const body of [
      { classId: series.id, startTime: iso(s.at("07:30")) },
      { classId: series.id, startTime: iso(s.at("07:00")), locationId: s.second.id },
      { classId: crypto.randomUUID(), startTime: iso(s.at("07:00")) },
      { occurrenceId: crypto.randomUUID() },
      { occurrenceId: dated.id, locationId: s.second.id },
    ]) {
      const missing = await bookClass(s, client, body);
      expect([body, missing.status, missing.body.code]).toEqual([body, 404, "NOT_FOUND"]);
    }
    for (const [body, field] of [
      [{}, "occurrenceId"],
      [{ classId: series.id }, "startTime"],
      [{ occurrenceId: dated.id, classId: series.id }, "classId"],
      [{ occurrenceId: dated.id, spotsRequested: 0 }, "spotsRequested"],
      [{ occurrenceId: dated.id, spotsRequested: 1.5 }, "spotsRequested"],
      [{ occurrenceId: dated.id, waitlist: true }, "waitlist"],
      [{ classId: series.id, startTime: `${s.monday}T07:00` }, "startTime"],
    ] as const) {
      const bad = await bookClass(s, client, body);
      expect([body, bad.status, bad.body.code]).toEqual([body, 400, "VALIDATION_ERROR"]);
      expect(Object.keys(bad.body.fieldErrors)).toContain(field);
    }
  });

  test("a full class is 409 CLASS_FULL; a second place for the same client 409 ALREADY_BOOKED", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    const [amy, ben] = [await s.client(2), await s.client(2)];
    expect((await bookClass(s, amy, { occurrenceId: s.yogaClass.id })).status).toBe(201);
    expect(await bookClass(s, amy, { occurrenceId: s.yogaClass.id })).toMatchObject({
      status: 409,
      body: { code: "ALREADY_BOOKED" },
    });
    expect(await bookClass(s, ben, { occurrenceId: s.yogaClass.id })).toMatchObject({
      status: 409,
      body: { code: "CLASS_FULL" },
    });
    expect([await balance(s, amy), await balance(s, ben)]).toEqual([1, 2]);
  });

  test("places above the studio's cap are 400 TOO_MANY_SPOTS; within it, one credit each", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    expect(await bookClass(s, client, { occurrenceId: s.yogaClass.id, spotsRequested: 2 })).toMatchObject({
      status: 400,
      body: { code: "TOO_MANY_SPOTS" },
    });
    await database().update(s.tenant.t.studioSettings).set({ maxSpotsPerBooking: 3 });
    expect(await bookClass(s, client, { occurrenceId: s.yogaClass.id, spotsRequested: 4 })).toMatchObject({
      status: 400,
      body: { code: "TOO_MANY_SPOTS" },
    });
    const three = await bookClass(s, client, { occurrenceId: s.yogaClass.id, spotsRequested: 3 });
    expect(three.status).toBe(201);
    expect(three.body.booking.spots).toBe(3);
    expect(await balance(s, client)).toBe(2);
  });
});

describe("POST /api/bookings/:id/cancel", () => {
  test("inside the window the credit comes back; a client cancelling late forfeits it", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const early = await bookClass(s, client, { occurrenceId: s.yogaClass.id });
    const soon = await s.classAt(new Date(Date.now() + 2 * HOUR)); // Yoga's window is 12 hours
    const late = await bookClass(s, client, { occurrenceId: soon.id });
    expect(await balance(s, client)).toBe(0);

    const inTime = await cancel(s, client, early.body.booking.id, { reason: "Away that week" });
    expect(inTime.status).toBe(200);
    expect(inTime.body.booking).toMatchObject({
      status: "cancelled",
      creditForfeited: false,
      cancelReason: "Away that week",
    });
    expect(await balance(s, client)).toBe(1);

    // A client asking to keep the credit as a fee has no say: only staff choose.
    const tooLate = await cancel(s, client, late.body.booking.id); // no body at all
    expect(tooLate.status).toBe(200);
    expect(tooLate.body.booking).toMatchObject({ status: "cancelled", creditForfeited: true });
    expect(await balance(s, client)).toBe(1);
    expect((await findOccurrence(database(), s.tenant, soon.id))?.bookedSpots).toBe(0);
    expect(await cancel(s, client, late.body.booking.id)).toMatchObject({
      status: 409,
      body: { code: "ALREADY_CANCELLED" },
    });
  });

  test("front desk cannot cancel late (409 CANCEL_NOT_ALLOWED); a manager can, keeping the fee if they choose", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const frontDesk = await s.person("receptionist", [s.main.id]);
    const manager = await s.person("location_manager", [s.main.id]);
    const soon = await s.classAt(new Date(Date.now() + 2 * HOUR));
    const { body } = await bookClass(s, client, { occurrenceId: soon.id });
    const id = body.booking.id;
    expect(await cancel(s, frontDesk, id)).toMatchObject({ status: 409, body: { code: "CANCEL_NOT_ALLOWED" } });
    expect((await show(s, client, id)).body.booking.status).toBe("confirmed");
    const byManager = await cancel(s, manager, id, { forfeitCredit: true, reason: "No-show fee" });
    expect(byManager.body.booking).toMatchObject({ status: "cancelled", creditForfeited: true });
    expect(await balance(s, client)).toBe(1);

    // Inside the window the front desk may, and the credit goes back.
    const later = await bookClass(s, client, { occurrenceId: s.yogaClass.id });
    const byDesk = await cancel(s, frontDesk, later.body.booking.id);
    expect(byDesk.body.booking).toMatchObject({ status: "cancelled", creditForfeited: false });
    expect(await balance(s, client)).toBe(1);
  });

  test("bad bodies are 400; someone else's booking is 404", async () => {
    const s = await bookingStudio();
    const [amy, ben] = [await s.client(2), await s.client(2)];
    const { body } = await bookSession(s, amy, { startTime: iso(s.at("10:00")) });
    const id = body.booking.id;
    for (const bad of [{ forfeitCredit: "yes" }, { reason: 5 }, { refund: true }]) {
      expect((await cancel(s, amy, id, bad)).status).toBe(400);
    }
    expect(await cancel(s, ben, id)).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(await cancel(s, amy, "not-an-id")).toMatchObject({ status: 404 });
    expect((await show(s, amy, id)).body.booking.status).toBe("confirmed");
  });
});

describe("POST /api/bookings/:id/reschedule", () => {
  test("a session moves in one step; a class booking moves to another date", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const session = await bookSession(s, client, { startTime: iso(s.at("10:00")) });
    const moved = await reschedule(s, client, session.body.booking.id, { startTime: iso(s.at("15:00")) });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({
      status: "confirmed",
      time: "15:00",
      rescheduledFromId: session.body.booking.id,
    });
    expect((await show(s, client, session.body.booking.id)).body.booking).toMatchObject({
      status: "cancelled",
      cancelReason: "Rescheduled",
    });
    expect(await balance(s, client)).toBe(1);

    const place = await bookClass(s, client, { occurrenceId: s.yogaClass.id });
    const nextWeek = await s.classAt(new Date(s.yogaClass.startsAt.getTime() + 7 * 24 * HOUR));
    const movedClass = await reschedule(s, client, place.body.booking.id, { occurrenceId: nextWeek.id });
    expect(movedClass.status).toBe(200);
    expect(movedClass.body.booking).toMatchObject({
      occurrenceId: nextWeek.id,
      rescheduledFromId: place.body.booking.id,
    });
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
    expect(await balance(s, client)).toBe(0);

    // A session cannot move into a class, nor the reverse.
    expect(await reschedule(s, client, moved.body.booking.id, { occurrenceId: nextWeek.id })).toMatchObject({
      status: 400,
      body: { code: "INVALID_RESCHEDULE" },
    });
  });

  test("a move to a taken time is refused and the original booking keeps its place and credit", async () => {
    const s = await bookingStudio();
    const [amy, ben] = [await s.client(1), await s.client(1)];
    const mine = await bookSession(s, amy, { startTime: iso(s.at("10:00")) });
    expect((await bookSession(s, ben, { startTime: iso(s.at("12:00")) })).status).toBe(201);
    const key = crypto.randomUUID();
    const refused = await reschedule(s, amy, mine.body.booking.id, { startTime: iso(s.at("12:00")) }, key);
    expect(refused.status).toBe(409);
    expect(["SLOT_UNAVAILABLE", "SLOT_TAKEN"]).toContain(refused.body.code);
    const still = await show(s, amy, mine.body.booking.id);
    expect(still.body).toMatchObject({ booking: { status: "confirmed", time: "10:00" }, creditsSpent: 1 });
    expect(await balance(s, amy)).toBe(0);
    // The refused key did not stick: the same key moves it once the caller picks a free time.
    const retry = await reschedule(s, amy, mine.body.booking.id, { startTime: iso(s.at("14:00")) }, key);
    expect(retry.status).toBe(200);
  });

  test("bad bodies are 400; another client's booking is 404", async () => {
    const s = await bookingStudio();
    const [amy, ben] = [await s.client(2), await s.client(2)];
    const { body } = await bookSession(s, amy, { startTime: iso(s.at("10:00")) });
    const id = body.booking.id;
    for (const bad of [
      {},
      { startTime: `${s.monday}T15:00:00` },
      { startTime: iso(s.at("15:00")), occurrenceId: s.yogaClass.id },
      { occurrenceId: "x" },
      { startTime: iso(s.at("15:00")), locationId: s.second.id },
    ]) {
      const response = await reschedule(s, amy, id, bad);
      expect([bad, response.status, response.body.code]).toEqual([bad, 400, "VALIDATION_ERROR"]);
    }
    const theirs = await reschedule(s, ben, id, { startTime: iso(s.at("15:00")) });
    expect(theirs).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });
});

describe("reading bookings", () => {
  async function scene() {
    const s = await bookingStudio();
    const [amy, ben, cat] = [await s.client(3), await s.client(3), await s.client(3)];
    const other = await s.person("instructor", [s.main.id]);
    await s.block(other.id, 1, "09:00", "17:00");
    const amys = await bookSession(s, amy, { startTime: iso(s.at("10:00")), instructorId: s.instructor.id });
    const bens = await bookClass(s, ben, { occurrenceId: s.yogaClass.id });
    const cats = await bookSession(s, cat, { startTime: iso(s.at("11:00")), instructorId: other.id });
    return { s, amy, ben, cat, other, ids: [amys, bens, cats].map((r) => r.body.booking.id as string) };
  }
  const idsOf = (response: { body: { bookings: { id: string }[] } }) => response.body.bookings.map((b) => b.id);

  test("GET /api/bookings: a client their own, an instructor what they teach, the owner everything", async () => {
    const { s, amy, ben, other, ids } = await scene();
    const [amys, bens, cats] = ids;
    expect(idsOf(await list(s, amy))).toEqual([amys]);
    expect(idsOf(await list(s, amy, `?clientId=${ben.id}`))).toEqual([amys]);
    expect(idsOf(await list(s, s.instructor))).toEqual([amys, bens]);
    expect(idsOf(await list(s, other))).toEqual([cats]);
    expect(idsOf(await list(s, s.owner))).toEqual([amys, cats, bens]);
    expect(idsOf(await list(s, s.owner, `?instructorId=${other.id}`))).toEqual([cats]);
    expect(idsOf(await list(s, s.owner, `?clientId=${ben.id}`))).toEqual([bens]);
    expect(idsOf(await list(s, s.owner, `?locationId=${s.second.id}`))).toEqual([]);
    expect(idsOf(await list(s, s.owner, `?from=${s.monday}&to=${s.monday}`))).toHaveLength(3);
    expect(idsOf(await list(s, s.owner, `?to=${s.monday}`))).toHaveLength(3);
    expect(idsOf(await list(s, s.owner, `?from=${encodeURIComponent(iso(s.at("10:30")))}`))).toEqual([cats, bens]);
    expect(idsOf(await list(s, s.owner, `?to=${encodeURIComponent(iso(s.at("10:30")))}`))).toEqual([amys]);
    const dayBefore = new Date(s.at("12:00").getTime() - 24 * HOUR).toISOString().slice(0, 10);
    expect(idsOf(await list(s, s.owner, `?to=${dayBefore}`))).toEqual([]);
    await cancel(s, amy, amys as string);
    expect(idsOf(await list(s, s.owner, "?status=cancelled"))).toEqual([amys]);
    for (const query of [
      "?from=tomorrow",
      `?from=${s.monday}T10:00:00`,
      "?status=lost",
      "?clientId=x",
      `?from=${s.monday}&to=${dayBefore}`,
    ]) {
      const bad = await list(s, s.owner, query);
      expect([query, bad.status, bad.body.code]).toEqual([query, 400, "VALIDATION_ERROR"]);
    }
    expect((await list(s, s.owner)).body.bookings[0]).toMatchObject({
      client: { id: amy.id },
      location: { name: "Main" },
    });
  });

  test("GET /api/bookings/:id: its client, its instructor and staff see it; anyone else and other studios get 404", async () => {
    const { s, amy, ben, other, ids } = await scene();
    const [amys] = ids as [string];
    const mine = await show(s, amy, amys);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      booking: { id: amys, status: "confirmed" },
      cancel: { allowed: true, late: false, creditReturned: true },
      reschedule: { allowed: true },
      canConfirm: false,
      creditsSpent: 1,
    });
    expect((await show(s, s.instructor, amys)).status).toBe(200);
    expect((await show(s, s.owner, amys)).status).toBe(200);
    expect((await show(s, ben, amys)).status).toBe(404);
    expect((await show(s, other, amys)).status).toBe(404);
    const elsewhere = await bookingStudio();
    const stranger = await elsewhere.client(1);
    const theirs = await bookSession(elsewhere, stranger, { startTime: iso(elsewhere.at("10:00")) });
    for (const id of [theirs.body.booking.id, crypto.randomUUID(), "nope"]) {
      const response = await show(s, s.owner, id);
      expect([id, response.status, response.body.code]).toEqual([id, 404, "NOT_FOUND"]);
    }
    expect((await show(s, { token: "x".repeat(40) }, amys)).status).toBe(401);
  });

  test("GET /api/clients/:id/bookings: the client's own history, or staff who may see them", async () => {
    const { s, amy, ben, other, ids } = await scene();
    const history = (caller: Caller, id: string) =>
      call(s, clientBookingsRoute, `/api/clients/${id}/bookings`, caller, { params: { id } });
    expect(idsOf(await history(amy, amy.id))).toEqual([ids[0]]);
    expect(idsOf(await history(s.owner, ben.id))).toEqual([ids[1]]);
    expect((await history(amy, ben.id)).status).toBe(403);
    expect((await history(other, amy.id)).status).toBe(403); // not one of the instructor's clients
    expect((await history(s.owner, crypto.randomUUID())).status).toBe(404);
  });

  test("GET /api/classes/:id/bookings: the roster by occurrence id, or by series id and date", async () => {
    const s = await bookingStudio();
    const { series, dated } = await s.weeklyClassAt("07:00");
    const [amy, ben] = [await s.client(2), await s.client(2)];
    const amys = await bookClass(s, amy, { occurrenceId: dated.id });
    const bens = await bookClass(s, ben, { occurrenceId: dated.id });
    await cancel(s, ben, bens.body.booking.id);
    const roster = (caller: Caller, id: string, query = "") =>
      call(s, rosterRoute, `/api/classes/${id}/bookings${query}`, caller, { params: { id } });

    const byOccurrence = await roster(s.instructor, dated.id);
    expect(byOccurrence.status).toBe(200);
    expect(byOccurrence.body.occurrence).toMatchObject({
      id: dated.id,
      seriesId: series.id,
      name: "Yoga",
      date: s.monday,
      time: "07:00",
      capacity: 10,
      bookedSpots: 1,
    });
    expect(byOccurrence.body.bookings.map((b: { id: string }) => b.id)).toEqual([amys.body.booking.id]);
    const bySeries = await roster(s.owner, series.id, `?date=${s.monday}`);
    expect(bySeries.body.occurrence.id).toBe(dated.id);
    expect((await roster(s.owner, series.id)).status).toBe(404);
    const nextDay = new Date(s.at("12:00").getTime() + 24 * HOUR).toISOString().slice(0, 10);
    expect((await roster(s.owner, series.id, `?date=${nextDay}`)).status).toBe(404);
    expect((await roster(s.owner, series.id, "?date=monday")).status).toBe(400);
    expect((await roster(amy, dated.id)).status).toBe(403);
    const elsewhere = await bookingStudio();
    expect((await roster(s.owner, elsewhere.yogaClass.id)).status).toBe(404);
  });
});

describe("PATCH /api/bookings/:id", () => {
  test("the instructor confirms a pending booking; staff add notes; clients cannot", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const led = await insertService(database(), s.tenant, {
      name: "Coached PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
    });
    const made = await bookSession(s, s.owner, {
      serviceId: led.id,
      startTime: iso(s.at("10:00")),
      clientId: client.id,
      instructorId: s.instructor.id,
    });
    expect(made.body.booking.status).toBe("pending");
    const id = made.body.booking.id;
    expect((await show(s, s.instructor, id)).body.canConfirm).toBe(true);

    expect(await patch(s, client, id, { status: "confirmed" })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
    const confirmed = await patch(s, s.instructor, id, { status: "confirmed" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.booking).toMatchObject({ id, status: "confirmed" });
    const noted = await patch(s, s.owner, id, { notes: "Knee injury: no lunges" });
    expect(noted.body.booking).toMatchObject({ status: "confirmed", notes: "Knee injury: no lunges" });
    const cleared = await patch(s, s.owner, id, { notes: "" });
    expect(cleared.body.booking.notes).toBeNull();

    for (const bad of [{}, { status: "cancelled" }, { notes: 7 }, { clientId: client.id }]) {
      const response = await patch(s, s.owner, id, bad);
      expect([bad, response.status, response.body.code]).toEqual([bad, 400, "VALIDATION_ERROR"]);
    }
    expect((await patch(s, s.owner, crypto.randomUUID(), { notes: "x" })).status).toBe(404);
    await cancel(s, s.owner, id);
    expect(await patch(s, s.owner, id, { status: "confirmed" })).toMatchObject({
      status: 409,
      body: { code: "ALREADY_CANCELLED" },
    });
  });

  test("the front desk cannot confirm the instructor-led booking it made; the owner overrides with a reason", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const desk = (await s.person("receptionist", [s.main.id])) as User;
    const led = await insertService(database(), s.tenant, {
      name: "Coached PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
    });
    const made = await bookSession(s, desk, {
      serviceId: led.id,
      startTime: iso(s.at("10:00")),
      clientId: client.id,
      instructorId: s.instructor.id,
    });
    expect(made.body.booking.status).toBe("pending");
    const id = made.body.booking.id;
    expect((await show(s, desk, id)).body).toMatchObject({ canConfirm: false, confirmWaiting: expect.any(String) });
    expect((await show(s, s.owner, id)).body).toMatchObject({ canConfirm: true, confirmNeedsReason: true });

    expect(await patch(s, desk, id, { status: "confirmed" })).toMatchObject({
      status: 403,
      body: { code: "WAITS_FOR_INSTRUCTOR", error: expect.stringContaining("instructor confirms") },
    });
    expect(await patch(s, s.owner, id, { status: "confirmed" })).toMatchObject({
      status: 422,
      body: { code: "REASON_REQUIRED" },
    });
    expect(await patch(s, s.owner, id, { notes: "x", reason: "why" })).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_ERROR" },
    });
    const confirmed = await patch(s, s.owner, id, { status: "confirmed", reason: "Instructor is teaching abroad" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.booking).toMatchObject({
      status: "confirmed",
      confirmedBy: { id: s.owner.id, name: s.owner.fullName },
      confirmedAt: expect.any(String),
      confirmationOverrideReason: "Instructor is teaching abroad",
    });
  });
});
