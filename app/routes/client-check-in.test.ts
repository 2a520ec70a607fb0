import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { updateLocation } from "~/models/location.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import type { CheckInPanel } from "~/services/desk/booking-check-in.server";
import { issueApiToken } from "~/services/identity/api.server";
import { signIn } from "~/services/identity/auth.server";
import { localDateOf } from "~/services/schedule/local-time";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { callRoute } from "../../test/route-call";
import { action as checkInApi } from "./api.bookings.$id.checkin";
import { action as bookingAction, loader as bookingLoader } from "./bookings.$id";

/**
 * Check-in as people meet it over HTTP: the client's booking page (a form without JavaScript,
 * or with the position the enhancement script adds) and POST /api/bookings/:id/checkin.
 */
const MINUTE = 60_000;
const HERE = { latitude: 51.5407, longitude: -0.1434 };
const NEAR = { latitude: "51.5412", longitude: "-0.1434", accuracy: "20" };

/** A class starting in 10 minutes, on today's date in London (else one that started 5 minutes ago). */
function startingSoon() {
  const now = Date.now();
  const soon = new Date(now + 10 * MINUTE);
  return localDateOf(soon, "Europe/London") === localDateOf(new Date(now), "Europe/London")
    ? soon
    : new Date(now - 5 * MINUTE);
}

async function bookedToday(startsAt = startingSoon()) {
  const s = await bookingStudio();
  await updateLocation(database(), s.tenant, s.main.id, HERE);
  const client = await s.client(3);
  const today = await s.classAt(startsAt);
  const { booking } = await bookClass(
    s.tenant,
    s.owner,
    { occurrenceId: today.id, clientId: client.id },
    { now: new Date(startsAt.getTime() - 3 * 60 * MINUTE) },
  );
  const path = `/bookings/${booking.id}`;
  const params = { id: booking.id };
  const page = async (as: User) =>
    (await callRoute(bookingLoader, s.tenant, as, path, { params })).data as { checkIn: CheckInPanel | null };
  return { s, client, booking, path, params, page };
}

async function api(
  s: Awaited<ReturnType<typeof bookingStudio>>,
  bookingId: string,
  auth: { cookieOf?: User; token?: string },
  body?: unknown,
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (auth.cookieOf)
    headers.cookie = ((await signIn(s.tenant, auth.cookieOf)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const request = new Request(`http://${host}/api/bookings/${bookingId}/checkin`, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await checkInApi({
    request,
    params: { id: bookingId },
    context: { requestId: "t", clientIp: "::1" },
  });
  return { status: response.status, body: await response.json() };
}

describe("the booking page's check-in", () => {
  test("the client sees the code, its QR code and a button that asks for their position", async () => {
    const { client, booking, page } = await bookedToday();
    const { checkIn } = await page(client);
    expect(checkIn).toMatchObject({
      code: `${booking.checkInCode.slice(0, 4)} ${booking.checkInCode.slice(4)}`,
      state: { kind: "open", via: "client" },
    });
    expect(checkIn?.qrSvg).toMatch(/^<svg role="img" aria-label="QR code of check-in code [2-9A-Z]{4} [2-9A-Z]{4}"/);
    expect(checkIn?.qrSvg).toContain("<title>");
    expect(Buffer.byteLength(checkIn?.qrSvg ?? "")).toBeLessThan(1500);
  });

  test("pressed without JavaScript (no position): told to check in at the desk, nothing changed", async () => {
    const { s, client, booking, path, params } = await bookedToday();
    const answer = await callRoute(bookingAction, s.tenant, client, path, { params, form: { intent: "check-in" } });
    expect(answer).toMatchObject({
      status: 400,
      data: {
        checkInRefusal: {
          code: "POSITION_NEEDED",
          message: "We could not tell where you are. Check in at the desk when you arrive.",
        },
      },
    });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
  });

  test("pressed with a position near the location: checked in, and the page says so", async () => {
    const { s, client, booking, path, params, page } = await bookedToday();
    const answer = await callRoute(bookingAction, s.tenant, client, path, {
      params,
      form: { intent: "check-in", ...NEAR },
    });
    expect(answer).toMatchObject({ status: 302, location: `${path}?checkedin=1` });
    expect(await findBooking(database(), s.tenant, booking.id)).toMatchObject({
      status: "checked_in",
      checkInSource: "client",
      checkInDistanceMetres: 56,
    });
    expect((await page(client)).checkIn?.state).toMatchObject({ kind: "checked_in", at: expect.any(String) });
  });

  test("too far: the distance in words beside the button", async () => {
    const { s, client, path, params } = await bookedToday();
    const answer = await callRoute(bookingAction, s.tenant, client, path, {
      params,
      form: { intent: "check-in", latitude: "51.5587", longitude: "-0.1434", accuracy: "20" },
    });
    expect(answer).toMatchObject({
      status: 409,
      data: { checkInRefusal: { code: "TOO_FAR", message: expect.stringContaining("2.0 km from Main") } },
    });
  });

  test("before the window opens the panel says when, instead of a button", async () => {
    const { client, page } = await bookedToday(new Date(Date.now() + 90 * MINUTE));
    const { checkIn } = await page(client);
    // Unless 90 minutes from now is tomorrow in London: then the code alone.
    if (checkIn?.state)
      expect(checkIn.state).toMatchObject({ kind: "not_now", message: /^Check-in opens at \d\d:\d\d/ });
  });

  test("the desk and managers get a plain button; an instructor of another class gets none", async () => {
    const { s, path, params, page } = await bookedToday();
    const desk = await s.person("receptionist", [s.main.id]);
    expect((await page(desk)).checkIn?.state).toEqual({ kind: "open", via: "staff" });
    const manager = await s.person("location_manager", [s.main.id]);
    expect((await page(manager)).checkIn?.state).toEqual({ kind: "open", via: "staff" });
    // Another instructor may see the booking (the client may be theirs too) but not check it in.
    const instructor = await s.person("instructor", [s.main.id]);
    const seen = await callRoute(bookingLoader, s.tenant, instructor, path, { params });
    expect(seen.status === 404 || (seen.data as { checkIn: unknown }).checkIn === null).toBe(true);
  });

  test("the desk's button checks the client in without a position", async () => {
    const { s, booking, path, params } = await bookedToday();
    const desk = await s.person("receptionist", [s.main.id]);
    const answer = await callRoute(bookingAction, s.tenant, desk, path, { params, form: { intent: "check-in" } });
    expect(answer).toMatchObject({ status: 302, location: `${path}?checkedin=1` });
    expect(await findBooking(database(), s.tenant, booking.id)).toMatchObject({
      status: "checked_in",
      checkInSource: "staff",
      checkedInById: desk.id,
    });
  });

  test("a booking that is over shows no code; another client's booking is not found", async () => {
    const past = await bookedToday(new Date(Date.now() - 2 * 60 * MINUTE));
    expect((await past.page(past.client)).checkIn).toBeNull();
    const { s, path, params } = await bookedToday();
    const stranger = await s.client(1);
    expect((await callRoute(bookingLoader, s.tenant, stranger, path, { params })).status).toBe(404);
    const posted = await callRoute(bookingAction, s.tenant, stranger, path, {
      params,
      form: { intent: "check-in", ...NEAR },
    });
    expect(posted.status).toBe(404);
  });
});

describe("POST /api/bookings/:id/checkin", () => {
  test("a client with their position: checked in; again: 'already', still 200", async () => {
    const { s, client, booking } = await bookedToday();
    const position = { latitude: 51.5412, longitude: -0.1434, accuracy: 20 };
    const first = await api(s, booking.id, { cookieOf: client }, position);
    expect(first).toMatchObject({
      status: 200,
      body: {
        booking: { id: booking.id, status: "checked_in", checkedInAt: expect.any(String) },
        outcome: "checked_in",
        message: expect.stringMatching(/^Checked in: /),
      },
    });
    const again = await api(s, booking.id, { cookieOf: client }, position);
    expect(again).toMatchObject({
      status: 200,
      body: { outcome: "already", booking: { checkedInAt: first.body.booking.checkedInAt } },
    });
  });

  test("a client without a body, or with an absurd position: 400 POSITION_NEEDED; a string: 400 validation", async () => {
    const { s, client, booking } = await bookedToday();
    expect(await api(s, booking.id, { cookieOf: client })).toMatchObject({
      status: 400,
      body: { code: "POSITION_NEEDED", error: expect.stringContaining("Check in at the desk") },
    });
    expect(await api(s, booking.id, { cookieOf: client }, { latitude: 91, longitude: 0 })).toMatchObject({
      status: 400,
      body: { code: "POSITION_NEEDED" },
    });
    expect((await api(s, booking.id, { cookieOf: client }, { latitude: "abc" })).status).toBe(400);
  });

  test("staff with a bearer token check in without a position; the wrong role is 403, elsewhere 404", async () => {
    const { s, booking } = await bookedToday();
    const finance = await s.person("finance_manager", [s.main.id]);
    expect(await api(s, booking.id, { token: await issueApiToken(s.tenant, finance, "t") })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
    const elsewhere = await s.person("receptionist", [s.second.id]);
    expect((await api(s, booking.id, { token: await issueApiToken(s.tenant, elsewhere, "t") })).status).toBe(404);
    const desk = await s.person("receptionist", [s.main.id]);
    const answer = await api(s, booking.id, { token: await issueApiToken(s.tenant, desk, "t") });
    expect(answer).toMatchObject({ status: 200, body: { outcome: "checked_in", booking: { status: "checked_in" } } });
  });

  test("outside the window: 409 with the local time it opens", async () => {
    const { s, booking } = await bookedToday(new Date(Date.now() + 3 * 60 * MINUTE));
    const desk = await s.person("receptionist", [s.main.id]);
    expect(await api(s, booking.id, { cookieOf: desk })).toMatchObject({
      status: 409,
      body: { code: "CHECK_IN_NOT_OPEN", error: expect.stringMatching(/^Check-in opens at \d\d:\d\d/) },
    });
  });
});
