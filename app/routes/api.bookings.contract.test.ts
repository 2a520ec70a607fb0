import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { insertBooking } from "~/models/booking.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { action as createRoute, loader as listRoute } from "./api.bookings";
import { action as changeRoute, loader as showRoute } from "./api.bookings.$id";
import { action as cancelRoute } from "./api.bookings.$id.cancel";
import { action as checkInRoute } from "./api.bookings.$id.checkin";
import { action as completeRoute } from "./api.bookings.$id.complete";
import { action as rescheduleRoute } from "./api.bookings.$id.reschedule";
import { action as classRoute } from "./api.bookings.class";
import { action as sessionRoute } from "./api.bookings.session";

/**
 * The booking API against its OpenAPI description: a real answer of each operation (and its
 * main refusals) parses with the documented schema, every object strictly. Also what is new in
 * issue 19: POST /api/bookings, DELETE /api/bookings/:id, pages and keys.
 */

type Studio = Awaited<ReturnType<typeof bookingStudio>>;
type Handler = (args: LoaderFunctionArgs) => Promise<Response>;
type Options = { method?: string; body?: unknown; key?: string; id?: string };

async function call(s: Studio, handler: Handler, path: string, caller: User, options: Options = {}) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = (await signIn(s.tenant, caller)).headers.get("set-cookie")?.split(";")[0] ?? "";
  const headers: Record<string, string> = { host, cookie, "content-type": "application/json" };
  if (options.key) headers["idempotency-key"] = options.key;
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const request = new Request(`http://${host}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return handler({
    request,
    params: options.id ? { id: options.id } : {},
    context: { requestId: "t", clientIp: "::1" },
  });
}

const iso = (date: Date) => date.toISOString();
const key = () => crypto.randomUUID();
const balance = async (s: Studio, client: User) => (await clientCredits(s.tenant, client, client.id)).balance;

describe("POST /api/bookings", () => {
  test("type session books as /session does: 201; the same key 200 replayed with one booking; another body 422", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    const body = { type: "session", serviceId: s.session.id, locationId: s.main.id, startTime: iso(s.at("10:00")) };
    const k = key();
    const first = await call(s, createRoute, "/api/bookings", client, { body, key: k });
    expect(first.status).toBe(201);
    const made = await expectDocumented(first, "post", "/api/bookings");
    expect(made.booking).toMatchObject({ kind: "session", status: "confirmed", client: { id: client.id } });

    const again = await call(s, createRoute, "/api/bookings", client, { body, key: k });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await expectDocumented(again, "post", "/api/bookings")).booking.id).toBe(made.booking.id);
    expect(await balance(s, client)).toBe(4);

    const other = await call(s, createRoute, "/api/bookings", client, {
      body: { ...body, startTime: iso(s.at("12:00")) },
      key: k,
    });
    expect(other.status).toBe(422);
    expect(await expectDocumented(other, "post", "/api/bookings")).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await balance(s, client)).toBe(4);
  });

  test("type class books as /class does; a full class and a second place are documented refusals", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    const [ada, bea] = [await s.client(3), await s.client(3)];
    const body = { type: "class", occurrenceId: s.yogaClass.id };
    const first = await call(s, createRoute, "/api/bookings", ada, { body, key: key() });
    expect(first.status).toBe(201);
    expect((await expectDocumented(first, "post", "/api/bookings")).booking).toMatchObject({
      kind: "class",
      occurrenceId: s.yogaClass.id,
      spots: 1,
    });
    const full = await call(s, createRoute, "/api/bookings", bea, { body });
    expect(await expectDocumented(full, "post", "/api/bookings")).toMatchObject({ code: "CLASS_FULL" });
    const twice = await call(s, createRoute, "/api/bookings", ada, { body });
    expect(twice.status).toBe(409);
    expect(await balance(s, ada)).toBe(2);
  });

  test("the body is one of the two: a missing or unknown type, or a field of the other, is a 400 naming it", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const cases: [unknown, string][] = [
      [{ occurrenceId: s.yogaClass.id }, "type"],
      [{ type: "workshop", occurrenceId: s.yogaClass.id }, "type"],
      [{ type: "class", occurrenceId: s.yogaClass.id, serviceId: s.session.id }, "serviceId"],
      [{ type: "class" }, "occurrenceId"],
      [{ type: "session", serviceId: s.session.id, locationId: s.main.id }, "startTime"],
      [[], "_"],
    ];
    for (const [body, field] of cases) {
      const response = await call(s, createRoute, "/api/bookings", client, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = await expectDocumented(response, "post", "/api/bookings");
      expect(answer.code).toBe("VALIDATION_ERROR");
      expect(Object.keys(answer.fieldErrors), JSON.stringify(body)).toContain(field);
    }
  });
});

describe("POST /api/bookings/session and /class", () => {
  test("answers as documented: 201, 200 on a replayed key, 409 and 402", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const body = { serviceId: s.session.id, locationId: s.main.id, startTime: iso(s.at("10:00")) };
    const k = key();
    const made = await call(s, sessionRoute, "/api/bookings/session", client, { body, key: k });
    expect(made.status).toBe(201);
    await expectDocumented(made, "post", "/api/bookings/session");
    const replayed = await call(s, sessionRoute, "/api/bookings/session", client, { body, key: k });
    expect(replayed.status).toBe(200);
    await expectDocumented(replayed, "post", "/api/bookings/session");
    const taken = await call(s, sessionRoute, "/api/bookings/session", await s.client(1), { body });
    expect(await expectDocumented(taken, "post", "/api/bookings/session")).toMatchObject({ code: "SLOT_UNAVAILABLE" });

    const classMade = await call(s, classRoute, "/api/bookings/class", await s.client(1), {
      body: { occurrenceId: s.yogaClass.id },
    });
    expect(classMade.status).toBe(201);
    await expectDocumented(classMade, "post", "/api/bookings/class");
    const broke = await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: s.yogaClass.id } });
    expect(broke.status).toBe(402);
    expect(await expectDocumented(broke, "post", "/api/bookings/class")).toMatchObject({ code: "NO_CREDITS" });
  });
});

describe("GET /api/bookings", () => {
  test("pages in start order, then id: no booking skipped or repeated, a Link to the next page", async () => {
    const s = await bookingStudio();
    // Five at one start (the class) and two later: the pages must split equal starts stably.
    const later = await s.classAt(s.at("19:30"));
    for (let i = 0; i < 5; i++) {
      const client = await s.client(2);
      await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: s.yogaClass.id } });
      if (i < 2) await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: later.id } });
    }
    const all = await call(s, listRoute, "/api/bookings?perPage=200", s.owner);
    const whole = (await expectDocumented(all, "get", "/api/bookings")).bookings.map((b: { id: string }) => b.id);
    expect(whole).toHaveLength(7);

    const seen: string[] = [];
    let path: string | null = "/api/bookings?perPage=2";
    for (let page = 1; path; page++) {
      const response = await call(s, listRoute, path, s.owner);
      expect(response.status).toBe(200);
      const body = await expectDocumented(response, "get", "/api/bookings");
      expect(body.pagination).toMatchObject({ page, perPage: 2, hasMore: page < 4 });
      seen.push(...body.bookings.map((b: { id: string }) => b.id));
      const link = response.headers.get("link");
      path = link ? (link.match(/^<([^>]+)>; rel="next"$/)?.[1] ?? null) : null;
      expect(path === null).toBe(body.pagination.nextPage === null);
    }
    expect(seen).toEqual(whole);

    const past = await call(s, listRoute, "/api/bookings?page=9", s.owner);
    expect(await past.json()).toMatchObject({ bookings: [], pagination: { page: 9, hasMore: false, nextPage: null } });
    for (const query of ["perPage=0", "perPage=201", "page=0", "page=x"]) {
      const bad = await call(s, listRoute, `/api/bookings?${query}`, s.owner);
      expect(bad.status, query).toBe(400);
      expect(await expectDocumented(bad, "get", "/api/bookings")).toMatchObject({ code: "VALIDATION_ERROR" });
    }
  });
});

describe("one booking", () => {
  test("GET, PATCH and DELETE answer as documented; DELETE cancels as /cancel does, once per key", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const made = await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: s.yogaClass.id } });
    const id = (await made.json()).booking.id;
    const path = `/api/bookings/${id}`;

    const shown = await call(s, showRoute, path, client, { id });
    expect(shown.status).toBe(200);
    expect((await expectDocumented(shown, "get", "/api/bookings/{id}")).cancel).toMatchObject({ allowed: true });
    const stranger = await call(s, showRoute, path, await s.client(0), { id });
    expect(await expectDocumented(stranger, "get", "/api/bookings/{id}")).toMatchObject({ code: "NOT_FOUND" });

    const noted = await call(s, changeRoute, path, s.owner, { method: "PATCH", body: { notes: "Knee" }, id });
    expect(noted.status).toBe(200);
    expect((await expectDocumented(noted, "patch", "/api/bookings/{id}")).booking.notes).toBe("Knee");
    const byClient = await call(s, changeRoute, path, client, { method: "PATCH", body: { notes: "x" }, id });
    expect(await expectDocumented(byClient, "patch", "/api/bookings/{id}")).toMatchObject({
      code: "INSUFFICIENT_PERMISSIONS",
    });

    const k = key();
    const body = { reason: "Away" };
    const cancelled = await call(s, changeRoute, path, client, { method: "DELETE", body, key: k, id });
    expect(cancelled.status).toBe(200);
    expect((await expectDocumented(cancelled, "delete", "/api/bookings/{id}")).booking).toMatchObject({
      status: "cancelled",
      cancelReason: "Away",
      creditForfeited: false,
    });
    expect(await balance(s, client)).toBe(3);
    const replayed = await call(s, changeRoute, path, client, { method: "DELETE", body, key: k, id });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    await expectDocumented(replayed, "delete", "/api/bookings/{id}");
    const again = await call(s, changeRoute, path, client, { method: "DELETE", id });
    expect(await expectDocumented(again, "delete", "/api/bookings/{id}")).toMatchObject({ code: "ALREADY_CANCELLED" });
    expect(await balance(s, client)).toBe(3);
  });

  test("DELETE needs no body; a key used for another booking is 422; PATCH still works and PUT is 405", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const book = async () =>
      (
        await (
          await call(s, createRoute, "/api/bookings", client, {
            body: { type: "session", serviceId: s.session.id, locationId: s.main.id, startTime: iso(s.at("10:00")) },
          })
        ).json()
      ).booking.id as string;
    const first = await book();
    const k = key();
    const gone = await call(s, changeRoute, `/api/bookings/${first}`, client, { method: "DELETE", key: k, id: first });
    expect(gone.status).toBe(200);
    const second = await book();
    const reused = await call(s, changeRoute, `/api/bookings/${second}`, client, {
      method: "DELETE",
      key: k,
      id: second,
    });
    expect(await expectDocumented(reused, "delete", "/api/bookings/{id}")).toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    const put = await call(s, changeRoute, `/api/bookings/${second}`, client, { method: "PUT", body: {}, id: second });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });

  test("POST /cancel and /reschedule answer as documented, once per key", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const other = await s.classAt(s.at("19:30"));
    const made = await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: s.yogaClass.id } });
    const id = (await made.json()).booking.id;

    const k = key();
    const move = { occurrenceId: other.id };
    const moved = await call(s, rescheduleRoute, `/api/bookings/${id}/reschedule`, client, { body: move, key: k, id });
    expect(moved.status).toBe(200);
    const fresh = (await expectDocumented(moved, "post", "/api/bookings/{id}/reschedule")).booking;
    expect(fresh).toMatchObject({ occurrenceId: other.id, rescheduledFromId: id });
    const replayed = await call(s, rescheduleRoute, `/api/bookings/${id}/reschedule`, client, {
      body: move,
      key: k,
      id,
    });
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect((await replayed.json()).booking.id).toBe(fresh.id);
    const stale = await call(s, rescheduleRoute, `/api/bookings/${id}/reschedule`, client, { body: move, id });
    expect(await expectDocumented(stale, "post", "/api/bookings/{id}/reschedule")).toMatchObject({
      code: "ALREADY_CANCELLED",
    });
    expect(await balance(s, client)).toBe(2);

    const cancelled = await call(s, cancelRoute, `/api/bookings/${fresh.id}/cancel`, client, {
      body: {},
      key: `${k}c`,
      id: fresh.id,
    });
    expect(cancelled.status).toBe(200);
    await expectDocumented(cancelled, "post", "/api/bookings/{id}/cancel");
    const twice = await call(s, cancelRoute, `/api/bookings/${fresh.id}/cancel`, client, {
      body: {},
      key: `${k}c`,
      id: fresh.id,
    });
    expect(twice.headers.get("idempotent-replayed")).toBe("true");
    const later = await call(s, cancelRoute, `/api/bookings/${fresh.id}/cancel`, client, { body: {}, id: fresh.id });
    expect(await expectDocumented(later, "post", "/api/bookings/{id}/cancel")).toMatchObject({
      code: "ALREADY_CANCELLED",
    });
    expect(await balance(s, client)).toBe(3);
  });
});

describe("at the class", () => {
  test("check-in answers as documented, and a second is 'already'", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const soon = await s.classAt(new Date(Date.now() + 10 * 60_000));
    const made = await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: soon.id } });
    const id = (await made.json()).booking.id;
    const path = `/api/bookings/${id}/checkin`;
    const first = await call(s, checkInRoute, path, s.owner, { body: {}, id });
    expect(first.status).toBe(200);
    expect(await expectDocumented(first, "post", "/api/bookings/{id}/checkin")).toMatchObject({
      booking: { id, status: "checked_in" },
      outcome: "checked_in",
    });
    const second = await call(s, checkInRoute, path, s.owner, { body: {}, id });
    expect((await expectDocumented(second, "post", "/api/bookings/{id}/checkin")).outcome).toBe("already");
    const early = await call(s, classRoute, "/api/bookings/class", client, { body: { occurrenceId: s.yogaClass.id } });
    const earlyId = (await early.json()).booking.id;
    const notYet = await call(s, checkInRoute, `/api/bookings/${earlyId}/checkin`, s.owner, { body: {}, id: earlyId });
    expect(await expectDocumented(notYet, "post", "/api/bookings/{id}/checkin")).toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
    });
  });

  test("complete answers as documented; the same key replays the first mark, another body is 422", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const startedAt = new Date(Date.now() - 30 * 60_000);
    const started = await s.classAt(startedAt);
    const booking = await insertBooking(database(), s.tenant, {
      clientId: client.id,
      serviceId: s.yoga.id,
      instructorId: s.instructor.id,
      locationId: s.main.id,
      occurrenceId: started.id,
      startsAt: started.startsAt,
      endsAt: started.endsAt,
      status: "confirmed",
      bookingMethod: "admin_created",
      createdById: s.owner.id,
    });
    const path = `/api/bookings/${booking.id}/complete`;
    const k = key();
    const marked = await call(s, completeRoute, path, s.owner, { body: { attended: true }, key: k, id: booking.id });
    expect(marked.status).toBe(200);
    expect(await expectDocumented(marked, "post", "/api/bookings/{id}/complete")).toMatchObject({
      status: "completed",
      changed: true,
    });
    const replayed = await call(s, completeRoute, path, s.owner, { body: { attended: true }, key: k, id: booking.id });
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await replayed.json()).toMatchObject({ changed: true });
    const reused = await call(s, completeRoute, path, s.owner, { body: { attended: false }, key: k, id: booking.id });
    expect(await expectDocumented(reused, "post", "/api/bookings/{id}/complete")).toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    const byClient = await call(s, completeRoute, path, client, { body: { attended: true }, id: booking.id });
    expect(byClient.status).toBe(403);
    await expectDocumented(byClient, "post", "/api/bookings/{id}/complete");
  });
});
