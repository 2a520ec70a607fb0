import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { findBookingRequest } from "~/models/booking-request.server";
import { signIn } from "~/services/identity/auth.server";
import { requestStudio } from "~/services/requests/fixtures.test-helper";
import { escalateRequests } from "~/services/requests/sweep.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { callRoute } from "../../test/route-call";
import { action as createRoute, loader as listRoute } from "./api.booking-requests";
import { action as respondRoute } from "./api.booking-requests.$id.respond";
import { loader as myQueueRoute } from "./api.instructors.me.requests";
import { loader as myRequestsLoader, action as withdrawAction } from "./requests._index";
import { action as requestAction, loader as requestLoader } from "./requests.$id";
import { action as proposalAction, loader as proposalLoader } from "./requests.$id_.proposal.$token";
import { action as askAction } from "./requests.new";
import { loader as queueLoader } from "./requests.queue";
import { loader as teachingLoader } from "./teaching";

type Studio = Awaited<ReturnType<typeof requestStudio>>;
type Handler = (args: LoaderFunctionArgs) => Promise<Response>;

/** Calls an API route as `as` with a session cookie, JSON in and out. */
async function api(s: Studio, handler: Handler, path: string, as: User, body?: unknown, params = {}) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = (await signIn(s.tenant, as)).headers.get("set-cookie")?.split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { host, cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler({ request, params, context: { requestId: "t", clientIp: "127.0.0.1" } });
  return { status: response.status, json: await response.json() };
}

describe("the booking-request API", () => {
  test("a client asks; the instructor sees it in both queues, accepts, and the booking is made", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const created = await api(s, createRoute, "/api/booking-requests", client, {
      serviceId: s.privateSession.id,
      locationId: s.main.id,
      instructorId: s.instructor.id,
      preferredTimes: [s.at("10:00").toISOString(), s.at("12:00").toISOString()],
      notes: "First time",
    });
    expect(created.status).toBe(201);
    const id = created.json.request.id;
    expect(created.json.request).toMatchObject({ status: "pending", instructorName: s.instructor.fullName });
    const listed = await api(s, listRoute, "/api/booking-requests?status=pending", s.instructor);
    expect(listed.json.requests.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await api(s, listRoute, "/api/booking-requests?status=pending", s.other)).json.requests).toEqual([]);
    expect((await api(s, listRoute, "/api/booking-requests", client)).json.requests).toHaveLength(1);
    const mine = await api(s, myQueueRoute, "/api/instructors/me/requests", s.instructor);
    expect(mine.json.requests.map((r: { id: string }) => r.id)).toEqual([id]);

    const stranger = await api(
      s,
      respondRoute,
      `/api/booking-requests/${id}/respond`,
      s.other,
      {
        action: "decline",
        reason: "Not mine",
      },
      { id },
    );
    expect(stranger).toMatchObject({ status: 404, json: { code: "NOT_FOUND" } });
    const accepted = await api(
      s,
      respondRoute,
      `/api/booking-requests/${id}/respond`,
      s.instructor,
      {
        action: "accept",
        startTime: s.at("12:00").toISOString(),
      },
      { id },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.json.request).toMatchObject({ status: "accepted", bookingId: expect.any(String) });
  });

  test("a self-booked service is refused with a clear 409; a client cannot respond (403)", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const refused = await api(s, createRoute, "/api/booking-requests", client, {
      serviceId: s.session.id,
      locationId: s.main.id,
      preferredTimes: [s.at("10:00").toISOString()],
    });
    expect(refused).toMatchObject({ status: 409, json: { code: "NOT_INSTRUCTOR_LED" } });
    const request = await s.ask(client);
    const answer = await api(
      s,
      respondRoute,
      "/respond",
      client,
      { action: "decline", reason: "x" },
      { id: request.id },
    );
    expect(answer).toMatchObject({ status: 403, json: { code: "INSUFFICIENT_PERMISSIONS" } });
  });
});

describe("the request pages, without JavaScript", () => {
  test("ask → propose → accept from the link without signing in → booked; the link then says so", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    // The form's times are on the location's (London's) clock.
    const asked = await callRoute(askAction, s.tenant, client, "/requests/new", {
      form: new URLSearchParams([
        ["serviceId", s.privateSession.id],
        ["locationId", s.main.id],
        ["instructorId", s.instructor.id],
        ["preferredTime", `${s.monday}T10:00`],
        ["preferredTime", ""],
        ["notes", "Hello"],
      ]),
    });
    expect(asked).toMatchObject({ status: 302, location: "/requests?asked=1" });
    const mine = await callRoute(myRequestsLoader, s.tenant, client, "/requests?asked=1");
    const [request] = (mine.data?.requests ?? []) as { id: string; preferredTimes: { startTime: string }[] }[];
    expect(request?.preferredTimes[0]?.startTime).toBe(s.at("10:00").toISOString());
    const id = request?.id as string;

    const queue = await callRoute(teachingLoader, s.tenant, s.instructor, "/teaching");
    expect(queue.data?.requests).toEqual([expect.objectContaining({ id })]);
    const page = await callRoute(requestLoader, s.tenant, s.instructor, `/requests/${id}`, { params: { id } });
    expect(page.data).toMatchObject({ mayAnswer: true, mayReassign: false });
    const proposed = await callRoute(requestAction, s.tenant, s.instructor, `/requests/${id}`, {
      params: { id },
      form: { intent: "propose", startLocal: `${s.monday}T15:00`, note: "Afternoon?" },
    });
    expect(proposed).toMatchObject({ status: 302, location: `/requests/${id}?done=propose` });

    const token = await s.proposalToken(id);
    const params = { id, token };
    const path = `/requests/${id}/proposal/${token}`;
    const shown = await callRoute(proposalLoader, s.tenant, null, path, { params });
    expect(shown.data).toMatchObject({ closed: null, instructorName: s.instructor.fullName });
    const booked = await callRoute(proposalAction, s.tenant, null, path, { params, form: { intent: "accept" } });
    expect(booked).toMatchObject({ status: 302, location: `${path}?done=booked` });
    expect((await findBookingRequest(database(), s.tenant, id))?.status).toBe("accepted");
    const again = await callRoute(proposalAction, s.tenant, null, path, { params, form: { intent: "accept" } });
    expect(again.status).toBe(409);
    expect(String(again.data?.refusal)).toContain("already accepted");
    const later = await callRoute(proposalLoader, s.tenant, null, path, { params });
    expect(String(later.data?.closed)).toContain("already accepted");
  });

  test("an accept the engine refuses comes back beside its form, and the request stays pending", async () => {
    const s = await requestStudio();
    const client = await s.client(0);
    const request = await s.ask(client);
    const id = request.id;
    const page = await callRoute(requestLoader, s.tenant, s.instructor, `/requests/${id}`, { params: { id } });
    const refused = await callRoute(requestAction, s.tenant, s.instructor, `/requests/${id}`, {
      params: { id },
      form: {
        intent: "accept",
        startTime: s.at("10:00").toISOString(),
        idempotencyKey: String(page.data?.idempotencyKey),
      },
    });
    expect(refused.status).toBe(402);
    expect(refused.data).toMatchObject({ intent: "accept" });
    expect((await findBookingRequest(database(), s.tenant, id))?.status).toBe("pending");
  });

  test("a decline without a reason is refused; the client withdraws from their list", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const { id } = await s.ask(client);
    const bare = await callRoute(requestAction, s.tenant, s.instructor, `/requests/${id}`, {
      params: { id },
      form: { intent: "decline", reason: "" },
    });
    expect(bare).toMatchObject({ status: 400, data: { intent: "decline" } });
    const gone = await callRoute(withdrawAction, s.tenant, client, "/requests", {
      form: { intent: "withdraw", requestId: id },
    });
    expect(gone).toMatchObject({ status: 302, location: "/requests" });
    expect((await findBookingRequest(database(), s.tenant, id))?.status).toBe("withdrawn");
  });

  test("the studio queue shows escalated requests first; other locations' managers don't see it", async () => {
    const s = await requestStudio();
    const first = await s.ask(await s.client());
    // Asked 13 hours ago (by its clock): due for escalation now, unlike the first.
    const second = await s.ask(await s.client(), { times: ["13:00"], now: new Date(Date.now() - 13 * 60 * 60 * 1000) });
    expect(await escalateRequests(s.tenant)).toBe(1);
    const queue = await callRoute(queueLoader, s.tenant, s.manager, "/requests/queue");
    const rows = queue.data?.requests as { id: string; escalated: boolean }[];
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(rows[0]?.escalated).toBe(true);
    const far = await callRoute(queueLoader, s.tenant, s.farManager, "/requests/queue");
    expect(far.data?.requests).toEqual([]);
  });
});
