import { describe, expect, test } from "vitest";
import { listBookingRequests } from "~/models/booking-request.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { cancelBooking } from "~/services/booking/engine.server";
import { signIn } from "~/services/identity/auth.server";
import { requestStudio } from "~/services/requests/fixtures.test-helper";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { fillWaitlist } from "~/services/waitlist/fill.server";
import { fullClass } from "~/services/waitlist/fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as requestsApi from "./api.booking-requests";
import * as respondApi from "./api.booking-requests.$id.respond";
import * as classApi from "./api.classes.$id.waitlist";
import * as joinApi from "./api.waitlist";
import * as leaveApi from "./api.waitlist.$id";
import * as acceptApi from "./api.waitlist.$id.accept";

/** Booking requests and waitlists against the API document, and their Idempotency-Keys. */

async function call(
  handler: (args: never) => Promise<Response>,
  tenant: Tenant,
  as: User,
  method: string,
  path: string,
  params: Record<string, string> = {},
  body?: unknown,
  key?: string,
) {
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, {
    method,
    headers: { host, cookie, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler({ request, params, context: { requestId: "t", clientIp: "127.0.0.1" } } as never);
}

describe("booking requests in the API document", () => {
  test("ask once per key, list a page, answer", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const ask = {
      serviceId: s.privateSession.id,
      locationId: s.main.id,
      instructorId: s.instructor.id,
      preferredTimes: [s.at("10:00").toISOString()],
    };
    const created = await call(requestsApi.action, s.tenant, client, "POST", "/api/booking-requests", {}, ask, "ask-1");
    expect(created.status).toBe(201);
    const { request } = await expectDocumented(created, "post", "/api/booking-requests");
    const again = await call(requestsApi.action, s.tenant, client, "POST", "/api/booking-requests", {}, ask, "ask-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).request.id).toBe(request.id);
    expect(await listBookingRequests(database(), s.tenant, { clientId: client.id })).toHaveLength(1);
    const other = { ...ask, preferredTimes: [s.at("12:00").toISOString()] };
    const reused = await call(
      requestsApi.action,
      s.tenant,
      client,
      "POST",
      "/api/booking-requests",
      {},
      other,
      "ask-1",
    );
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe("IDEMPOTENCY_KEY_REUSED");
    const refused = await call(
      requestsApi.action,
      s.tenant,
      client,
      "POST",
      "/api/booking-requests",
      {},
      {
        ...ask,
        serviceId: s.session.id,
      },
    );
    expect((await expectDocumented(refused, "post", "/api/booking-requests")).code).toBe("NOT_INSTRUCTOR_LED");

    await s.ask(client, { times: ["14:00"] });
    const firstPage = await call(requestsApi.loader, s.tenant, client, "GET", "/api/booking-requests?perPage=1");
    const listed = await expectDocumented(firstPage, "get", "/api/booking-requests");
    expect(listed.requests).toHaveLength(1);
    expect(listed.pagination).toMatchObject({ hasMore: true, nextPage: 2 });
    expect(firstPage.headers.get("link")).toContain("page=2");

    const params = { id: request.id };
    const path = `/api/booking-requests/${request.id}/respond`;
    const accept = { action: "accept", startTime: s.at("10:00").toISOString() };
    const accepted = await call(respondApi.action, s.tenant, s.instructor, "POST", path, params, accept, "yes-1");
    expect(accepted.status).toBe(200);
    expect((await expectDocumented(accepted, "post", "/api/booking-requests/{id}/respond")).request.status).toBe(
      "accepted",
    );
    const late = await call(respondApi.action, s.tenant, s.instructor, "POST", path, params, {
      action: "decline",
      reason: "Too late",
    });
    expect((await expectDocumented(late, "post", "/api/booking-requests/{id}/respond")).code).toBe("REQUEST_ANSWERED");
  });
});

describe("waitlists in the API document", () => {
  test("join once per key (both routes), page the line, leave, accept an offer", async () => {
    const s = await fullClass(1);
    const [ann, bea] = [await s.client(3), await s.client(3)];
    const classUrl = `/api/classes/${s.occurrenceId}/waitlist`;
    const p = { id: s.occurrenceId };
    const join = { classId: s.occurrenceId };

    const joined = await call(joinApi.action, s.tenant, ann, "POST", "/api/waitlist", {}, join, "line-1");
    expect(joined.status).toBe(201);
    const { entry } = await expectDocumented(joined, "post", "/api/waitlist");
    const replay = await call(joinApi.action, s.tenant, ann, "POST", "/api/waitlist", {}, join, "line-1");
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await replay.json()).entry.id).toBe(entry.id);
    const reused = await call(
      joinApi.action,
      s.tenant,
      ann,
      "POST",
      "/api/waitlist",
      {},
      { ...join, clientId: bea.id },
      "line-1",
    );
    expect(reused.status).toBe(422);
    const twice = await call(joinApi.action, s.tenant, ann, "POST", "/api/waitlist", {}, join);
    expect((await expectDocumented(twice, "post", "/api/waitlist")).code).toBe("ALREADY_WAITING");

    const byClass = await call(classApi.action, s.tenant, bea, "POST", classUrl, p, {}, "line-2");
    expect(byClass.status).toBe(201);
    const second = (await expectDocumented(byClass, "post", "/api/classes/{id}/waitlist")).entry;
    const replayed = await call(classApi.action, s.tenant, bea, "POST", classUrl, p, {}, "line-2");
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect((await replayed.json()).entry.id).toBe(second.id);
    const otherBody = await call(classApi.action, s.tenant, bea, "POST", classUrl, p, { clientId: ann.id }, "line-2");
    expect(otherBody.status).toBe(422);

    const page = await call(classApi.loader, s.tenant, s.owner, "GET", `${classUrl}?perPage=1`, p);
    const line = await expectDocumented(page, "get", "/api/classes/{id}/waitlist");
    expect(line.waitlist.map((e: { id: string }) => e.id)).toEqual([entry.id]);
    expect(line.pagination).toMatchObject({ hasMore: true, nextPage: 2 });
    const own = await call(classApi.loader, s.tenant, bea, "GET", classUrl, p);
    expect((await expectDocumented(own, "get", "/api/classes/{id}/waitlist")).entry.id).toBe(second.id);

    const leave = `/api/waitlist/${second.id}`;
    const left = await call(leaveApi.action, s.tenant, bea, "DELETE", leave, { id: second.id });
    expect(left.status).toBe(200);
    expect((await expectDocumented(left, "delete", "/api/waitlist/{id}")).entry.status).toBe("left");
    const gone = await call(leaveApi.action, s.tenant, bea, "DELETE", leave, { id: second.id });
    expect((await expectDocumented(gone, "delete", "/api/waitlist/{id}")).code).toBe("NOT_WAITING");

    const acceptUrl = `/api/waitlist/${entry.id}/accept`;
    const early = await call(acceptApi.action, s.tenant, ann, "POST", acceptUrl, { id: entry.id });
    expect((await expectDocumented(early, "post", "/api/waitlist/{id}/accept")).code).toBe("NO_OFFER");
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const accepted = await call(
      acceptApi.action,
      s.tenant,
      ann,
      "POST",
      acceptUrl,
      { id: entry.id },
      undefined,
      "take-1",
    );
    expect(accepted.status).toBe(200);
    expect((await expectDocumented(accepted, "post", "/api/waitlist/{id}/accept")).booking.status).toBe("confirmed");
  });
});
