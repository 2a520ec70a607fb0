import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findBookingRequest } from "~/models/booking-request.server";
import { bookSession } from "~/services/booking/engine.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import { withdrawBookingRequest } from "./create.server";
import { requestStudio } from "./fixtures.test-helper";
import { acceptProposal, declineProposal, viewProposal } from "./proposal.server";
import { respondToRequest } from "./respond.server";
import { escalateRequests, expireRequests } from "./sweep.server";

const HOUR = 60 * 60 * 1000;

async function liveBookingsOf(s: Awaited<ReturnType<typeof requestStudio>>, clientId: string) {
  const rows = (await database().execute(
    sql`SELECT count(*)::int AS n FROM ${s.tenant.t.bookings} WHERE client_id = ${clientId} AND status <> 'cancelled'`,
  )) as unknown as [{ n: number }];
  return rows[0].n;
}

describe("asking for a session", () => {
  test("a client asks an instructor: the request waits with its escalation and expiry, and the instructor is told", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const now = new Date();
    const request = await s.ask(client, { now });
    expect(request).toMatchObject({ status: "pending", instructorId: s.instructor.id, notes: "Knee is fine now" });
    expect(request.escalateAt.getTime()).toBe(now.getTime() + 12 * HOUR);
    expect(request.expiresAt.getTime()).toBe(now.getTime() + 48 * HOUR);
    const told = await s.messages("request_received");
    expect(told.map((m) => m.recipient)).toEqual([s.instructor.email]);
    expect(told[0]?.body).toContain(`/requests/${request.id}`);
  });

  test('"any" waits on every instructor of the location, and each is told', async () => {
    const s = await requestStudio();
    const request = await s.ask(await s.client(), { instructorId: null });
    expect(request.instructorId).toBeNull();
    const told = (await s.messages("request_received")).map((m) => m.recipient);
    expect(told).toEqual(expect.arrayContaining([s.instructor.email, s.other.email]));
  });

  test("refused: a self-booked service (409), staff asking, past, repeated or too-distant times, an instructor not there", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const base = { locationId: s.main.id, instructorId: null, notes: "", preferredTimes: [s.at("10:00")] };
    const { createBookingRequest } = await import("./create.server");
    await expect(createBookingRequest(s.tenant, client, { ...base, serviceId: s.session.id })).rejects.toMatchObject({
      status: 409,
      code: "NOT_INSTRUCTOR_LED",
    });
    await expect(
      createBookingRequest(s.tenant, s.manager, { ...base, serviceId: s.privateSession.id }),
    ).rejects.toMatchObject({ name: "Forbidden" });
    const ask = (times: Date[]) =>
      createBookingRequest(s.tenant, client, { ...base, serviceId: s.privateSession.id, preferredTimes: times });
    await expect(ask([new Date(Date.now() - HOUR)])).rejects.toMatchObject({ code: "INVALID_PREFERRED_TIMES" });
    await expect(ask([s.at("10:00"), s.at("10:00")])).rejects.toMatchObject({ code: "INVALID_PREFERRED_TIMES" });
    await expect(ask([new Date(Date.now() + 90 * 24 * HOUR)])).rejects.toMatchObject({
      code: "INVALID_PREFERRED_TIMES",
    });
    const elsewhere = await s.person("instructor", [s.second.id]);
    await expect(
      createBookingRequest(s.tenant, client, { ...base, serviceId: s.privateSession.id, instructorId: elsewhere.id }),
    ).rejects.toMatchObject({ code: "INSTRUCTOR_NOT_HERE" });
  });

  test("the client withdraws a pending request; an answered one stays as it is", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const request = await s.ask(client);
    expect((await withdrawBookingRequest(s.tenant, client, request.id)).status).toBe("withdrawn");
    await expect(withdrawBookingRequest(s.tenant, client, request.id)).rejects.toMatchObject({
      code: "REQUEST_CLOSED",
    });
    const someoneElse = await s.client();
    await expect(withdrawBookingRequest(s.tenant, someoneElse, request.id)).rejects.toMatchObject({ name: "NotFound" });
  });
});

describe("accepting", () => {
  test("books a confirmed session with the responder, spends the credit and marks the request, in one go", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const request = await s.ask(client);
    const { booking } = await respondToRequest(s.tenant, s.instructor, request.id, {
      action: "accept",
      startsAt: s.at("11:00"),
    });
    expect(booking).toMatchObject({
      clientId: client.id,
      instructorId: s.instructor.id,
      status: "confirmed",
      startsAt: s.at("11:00"),
    });
    expect(await findBookingRequest(database(), s.tenant, request.id)).toMatchObject({
      status: "accepted",
      bookingId: booking?.id,
      respondedById: s.instructor.id,
    });
    expect(await clientCredits(s.tenant, client, client.id)).toMatchObject({ balance: 1 });
  });

  test('two responders racing on an "any" request: exactly one booking, the other told it was answered', async () => {
    const s = await requestStudio();
    const client = await s.client(5);
    const request = await s.ask(client, { instructorId: null });
    const results = await Promise.allSettled([
      respondToRequest(s.tenant, s.instructor, request.id, { action: "accept", startsAt: s.at("10:00") }),
      respondToRequest(s.tenant, s.other, request.id, { action: "accept", startsAt: s.at("11:00") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409 });
    expect(await liveBookingsOf(s, client.id)).toBe(1);
    expect((await findBookingRequest(database(), s.tenant, request.id))?.status).toBe("accepted");
  });

  test("a conflicting booking landing meanwhile: refused plainly, the request still pending, no booking", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const request = await s.ask(client);
    // Between loading the request and accepting, the instructor books 10:00 for someone else.
    const regular = await s.client(2);
    const { assignInstructor } = await import("~/models/client-instructor.server");
    await assignInstructor(database(), s.tenant, regular.id, s.instructor.id);
    await bookSession(s.tenant, s.instructor, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
      instructorId: s.instructor.id,
      clientId: regular.id,
    });
    await expect(
      respondToRequest(s.tenant, s.instructor, request.id, { action: "accept", startsAt: s.at("10:00") }),
    ).rejects.toMatchObject({ status: 409, code: expect.stringMatching(/^SLOT_/) });
    expect((await findBookingRequest(database(), s.tenant, request.id))?.status).toBe("pending");
    expect(await liveBookingsOf(s, client.id)).toBe(0);
    expect(await clientCredits(s.tenant, client, client.id)).toMatchObject({ balance: 2 });
  });

  test("only a preferred time can be accepted", async () => {
    const s = await requestStudio();
    const request = await s.ask(await s.client());
    await expect(
      respondToRequest(s.tenant, s.instructor, request.id, { action: "accept", startsAt: s.at("14:00") }),
    ).rejects.toMatchObject({ code: "NOT_A_PREFERRED_TIME" });
  });
});

describe("who may answer", () => {
  test("another instructor, a receptionist and a manager elsewhere learn nothing (404); a client answers none (403)", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const request = await s.ask(client);
    const decline = { action: "decline", reason: "Busy" } as const;
    for (const who of [s.other, s.receptionist, s.farManager])
      await expect(respondToRequest(s.tenant, who, request.id, decline)).rejects.toMatchObject({ name: "NotFound" });
    for (const who of [client, await s.client()])
      await expect(respondToRequest(s.tenant, who, request.id, decline)).rejects.toMatchObject({ name: "Forbidden" });
  });

  test("a client of another studio cannot reach it", async () => {
    const s = await requestStudio();
    const elsewhere = await requestStudio();
    const request = await s.ask(await s.client());
    const { requestPage } = await import("./views.server");
    await expect(requestPage(elsewhere.tenant, await elsewhere.client(), request.id)).rejects.toMatchObject({
      name: "NotFound",
    });
  });

  test("the location's manager reassigns (the new instructor is told) and may answer; the instructor may not reassign", async () => {
    const s = await requestStudio();
    const client = await s.client(2);
    const request = await s.ask(client);
    await expect(
      respondToRequest(s.tenant, s.instructor, request.id, { action: "reassign", instructorId: s.other.id }),
    ).rejects.toMatchObject({ name: "Forbidden" });
    await respondToRequest(s.tenant, s.manager, request.id, { action: "reassign", instructorId: s.other.id });
    expect((await s.messages("request_reassigned")).map((m) => m.recipient)).toEqual([s.other.email]);
    // The first instructor no longer may; the manager accepts with an instructor of their choice.
    await expect(
      respondToRequest(s.tenant, s.instructor, request.id, { action: "accept", startsAt: s.at("10:00") }),
    ).rejects.toMatchObject({ name: "NotFound" });
    const { booking } = await respondToRequest(s.tenant, s.manager, request.id, {
      action: "accept",
      startsAt: s.at("10:00"),
      instructorId: s.other.id,
    });
    expect(booking).toMatchObject({ instructorId: s.other.id, status: "confirmed" });
  });

  test("declining needs a reason, which the client is told", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const request = await s.ask(client);
    await respondToRequest(s.tenant, s.instructor, request.id, { action: "decline", reason: "Away that week" });
    const told = await s.messages("request_declined");
    expect(told.find((m) => m.channel === "email")).toMatchObject({ recipient: client.email });
    expect(told[0]?.body).toContain("Away that week");
  });
});

describe("a proposed time", () => {
  async function proposed() {
    const s = await requestStudio();
    const client = await s.client(2);
    const request = await s.ask(client);
    await respondToRequest(s.tenant, s.instructor, request.id, {
      action: "propose",
      startsAt: s.at("15:00"),
      note: "I'm free then",
    });
    return { s, client, request, token: await s.proposalToken(request.id) };
  }

  test("a time the instructor is not free is refused by the slot engine", async () => {
    const s = await requestStudio();
    const request = await s.ask(await s.client());
    await expect(
      respondToRequest(s.tenant, s.instructor, request.id, { action: "propose", startsAt: s.at("20:00") }),
    ).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE" });
  });

  test("the client accepts from the link without signing in: booked, then the link is used up", async () => {
    const { s, client, request, token } = await proposed();
    expect((await findBookingRequest(database(), s.tenant, request.id))?.proposalTokenHash).not.toContain(token);
    expect((await viewProposal(s.tenant, request.id, token, null)).closed).toBeNull();
    const { booking } = await acceptProposal(s.tenant, request.id, token, null);
    expect(booking).toMatchObject({ clientId: client.id, instructorId: s.instructor.id, startsAt: s.at("15:00") });
    expect(booking.status).toBe("confirmed");
    await expect(acceptProposal(s.tenant, request.id, token, null)).rejects.toMatchObject({
      status: 409,
      code: "PROPOSAL_CLOSED",
    });
    expect(await liveBookingsOf(s, client.id)).toBe(1);
  });

  test("refused for another client signed in, another request, another studio, and after expiry", async () => {
    const { s, request, token } = await proposed();
    await expect(acceptProposal(s.tenant, request.id, token, await s.client())).rejects.toMatchObject({
      status: 403,
    });
    const other = await s.ask(await s.client());
    await expect(acceptProposal(s.tenant, other.id, token, null)).rejects.toMatchObject({ name: "NotFound" });
    const elsewhere = await requestStudio();
    await expect(acceptProposal(elsewhere.tenant, request.id, token, null)).rejects.toMatchObject({
      name: "NotFound",
    });
    await expect(acceptProposal(s.tenant, request.id, "a-guess", null)).rejects.toMatchObject({ name: "NotFound" });
    const later = new Date(request.expiresAt.getTime() + 1000);
    await expect(acceptProposal(s.tenant, request.id, token, null, later)).rejects.toMatchObject({
      code: "PROPOSAL_CLOSED",
    });
  });

  test("declining gives it back to the instructor, and the link can no longer book", async () => {
    const { s, request, token } = await proposed();
    expect((await declineProposal(s.tenant, request.id, token, null)).status).toBe("pending");
    await expect(acceptProposal(s.tenant, request.id, token, null)).rejects.toMatchObject({ code: "PROPOSAL_CLOSED" });
  });
});

describe("expiry and escalation", () => {
  test("escalates once, with two workers at it at the same time: one message per manager and owner", async () => {
    const s = await requestStudio();
    const request = await s.ask(await s.client());
    const later = new Date(request.escalateAt.getTime() + 1000);
    expect(await escalateRequests(s.tenant, new Date(request.escalateAt.getTime() - 1000))).toBe(0);
    const counts = await Promise.all([escalateRequests(s.tenant, later), escalateRequests(s.tenant, later)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await escalateRequests(s.tenant, later)).toBe(0);
    const emails = (await s.messages("request_escalated")).filter((m) => m.channel === "email");
    expect(emails.map((m) => m.recipient).sort()).toEqual([s.manager.email, s.owner.email].sort());
    expect((await findBookingRequest(database(), s.tenant, request.id))?.escalatedAt).toEqual(later);
  });

  test("an answered request is not escalated", async () => {
    const s = await requestStudio();
    const request = await s.ask(await s.client());
    await respondToRequest(s.tenant, s.instructor, request.id, { action: "decline", reason: "Full" });
    expect(await escalateRequests(s.tenant, new Date(request.escalateAt.getTime() + 1000))).toBe(0);
  });

  test("expires once with two workers, and the client is told once", async () => {
    const s = await requestStudio();
    const client = await s.client();
    const request = await s.ask(client);
    const later = new Date(request.expiresAt.getTime() + 1000);
    const counts = await Promise.all([expireRequests(s.tenant, later), expireRequests(s.tenant, later)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect((await findBookingRequest(database(), s.tenant, request.id))?.status).toBe("expired");
    const emails = (await s.messages("request_expired")).filter((m) => m.channel === "email");
    expect(emails.map((m) => m.recipient)).toEqual([client.email]);
  });
});
