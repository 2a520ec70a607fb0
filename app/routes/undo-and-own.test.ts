import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findStudioBySlug } from "~/models/organization.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { tenantFor } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { uniqueSlug } from "../../test/factories";
import { loader as rootLoader } from "../root";
import { action as cancelApi } from "./api.bookings.$id.cancel";
import { action as classApi } from "./api.bookings.class";
import { action as sessionApi } from "./api.bookings.session";
import { loader as bookingsLoader } from "./bookings._index";
import { action as bookingAction, loader as bookingLoader } from "./bookings.$id";
import { action as classPageAction } from "./schedule.$occurrenceId";
import { action as settingsAction } from "./settings";
import { action as startAction } from "./start";

/**
 * Items 10 and 11 over HTTP, as a browser without JavaScript and an API client send them: the
 * desk's undo, the owner booking themselves, undo minutes and the studio's type.
 */
type Studio = Awaited<ReturnType<typeof bookingStudio>>;
type Handler = (args: ActionFunctionArgs) => Promise<unknown>;
const MINUTE = 60_000;

async function send(
  host: string,
  handler: Handler,
  path: string,
  as: { tenant: Studio["tenant"]; user: User } | null,
  options: { form?: Record<string, string>; json?: unknown; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { host };
  if (as) headers.cookie = ((await signIn(as.tenant, as.user)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  let body: BodyInit | undefined;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form);
  } else if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  const request = new Request(`http://${host}${path}`, { method: body ? "POST" : "GET", headers, body });
  let result: unknown;
  try {
    result = await handler({ request, params: options.params ?? {}, context: { requestId: "t", clientIp: "::1" } });
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, location: null };
    throw thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    return {
      status: result.status,
      location: result.headers.get("location"),
      body: text && result.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
    };
  }
  const typed = result as { init?: { status?: number }; data?: unknown; type?: string };
  if (typed && typed.type === "DataWithResponseInit")
    return { status: typed.init?.status ?? 200, body: typed.data as Record<string, unknown>, location: null };
  return { status: 200, body: result as Record<string, unknown>, location: null };
}

const studioHost = (s: Studio) => `${s.tenant.studio.slug}.localhost`;
const as = (s: Studio, user: User) => ({ tenant: s.tenant, user });

/** A receptionist books a client into a class starting in 30 minutes through the API. */
async function deskBooksSoon() {
  const s = await bookingStudio();
  const desk = await s.person("receptionist", [s.main.id]);
  const client = await s.client(3);
  const soon = await s.classAt(new Date(Date.now() + 30 * MINUTE));
  const booked = await send(studioHost(s), classApi, "/api/bookings/class", as(s, desk), {
    json: { occurrenceId: soon.id, clientId: client.id },
  });
  expect(booked.status).toBe(201);
  const bookingId = (booked.body as { booking: { id: string } }).booking.id;
  const credits = async () => (await clientCredits(s.tenant, s.owner, client.id)).balance;
  return { s, desk, client, soon, bookingId, credits };
}

describe("undo over HTTP", () => {
  test("POST /api/bookings/:id/cancel: the receptionist's own fresh booking comes back with its credit", async () => {
    const { s, desk, bookingId, credits } = await deskBooksSoon();
    expect(await credits()).toBe(2);
    const other = await s.person("receptionist", [s.main.id]);
    const path = `/api/bookings/${bookingId}/cancel`;
    const params = { id: bookingId };
    const refused = await send(studioHost(s), cancelApi, path, as(s, other), { json: {}, params });
    expect(refused).toMatchObject({ status: 409, body: { code: "CANCEL_NOT_ALLOWED" } });
    const undone = await send(studioHost(s), cancelApi, path, as(s, desk), { json: {}, params });
    expect(undone.status).toBe(200);
    expect(await credits()).toBe(3);
    expect((await findBooking(database(), s.tenant, bookingId))?.cancelReason).toMatch(
      /^Undone by .+ \(booked in error\)$/,
    );
  });

  test("after the undo minutes the API answers with the manager message, as before", async () => {
    const { s, desk, bookingId, credits } = await deskBooksSoon();
    await database()
      .update(s.tenant.t.bookings)
      .set({ createdAt: new Date(Date.now() - 11 * MINUTE) })
      .where(eq(s.tenant.t.bookings.id, bookingId));
    const late = await send(studioHost(s), cancelApi, `/api/bookings/${bookingId}/cancel`, as(s, desk), {
      json: {},
      params: { id: bookingId },
    });
    expect(late).toMatchObject({
      status: 409,
      body: {
        code: "CANCEL_NOT_ALLOWED",
        error: "It is past the cancellation window: a manager can cancel this booking.",
      },
    });
    expect(await credits()).toBe(2);
  });

  test("the booking page offers Undo with its time, and its form undoes it (JavaScript off)", async () => {
    const { s, desk, bookingId, credits } = await deskBooksSoon();
    const path = `/bookings/${bookingId}`;
    const params = { id: bookingId };
    const page = await send(studioHost(s), bookingLoader, `${path}?booked=1`, as(s, desk), { params });
    const shown = page.body as { undo: { until: string } | null; cancel: { allowed: boolean }; idempotencyKey: string };
    expect(shown.undo?.until).toMatch(/^\d\d:\d\d$/);
    expect(shown.cancel.allowed).toBe(true);
    const undo = await send(studioHost(s), bookingAction, path, as(s, desk), {
      form: { intent: "undo", idempotencyKey: shown.idempotencyKey },
      params,
    });
    expect(undo).toMatchObject({ status: 302, location: `${path}?undone=1` });
    expect(await credits()).toBe(3);
    // Someone who did not make it sees no Undo.
    const other = await s.person("receptionist", [s.main.id]);
    const theirs = await send(studioHost(s), bookingLoader, path, as(s, other), { params });
    expect((theirs.body as { undo: unknown }).undo).toBeNull();
  });
});

describe("the owner books for themselves over HTTP", () => {
  test("a class from its page: 'Book for myself' posts intent=book, and it lists among their own bookings", async () => {
    const s = await bookingStudio();
    const path = `/schedule/${s.yogaClass.id}`;
    const booked = await send(studioHost(s), classPageAction, path, as(s, s.owner), {
      form: { intent: "book", idempotencyKey: crypto.randomUUID() },
      params: { occurrenceId: s.yogaClass.id },
    });
    expect(booked.status).toBe(302);
    const bookingId = booked.location?.match(/\/bookings\/([0-9a-f-]{36})\?booked=1$/)?.[1];
    expect((await findBooking(database(), s.tenant, bookingId as string))?.clientId).toBe(s.owner.id);
    const list = await send(studioHost(s), bookingsLoader, "/bookings", as(s, s.owner));
    expect((list.body as { mine: { id: string }[] }).mine.map((b) => b.id)).toEqual([bookingId]);
  });

  test("a session through the API, with an instructor but not with themselves; a receptionist still must choose a client", async () => {
    const s = await bookingStudio();
    await s.block(s.owner.id, 1, "09:00", "17:00");
    const body = { serviceId: s.session.id, locationId: s.main.id };
    const mine = await send(studioHost(s), sessionApi, "/api/bookings/session", as(s, s.owner), {
      json: { ...body, startTime: s.at("10:00").toISOString(), instructorId: s.instructor.id },
    });
    expect(mine).toMatchObject({ status: 201, body: { booking: { client: { id: s.owner.id } } } });
    const withSelf = await send(studioHost(s), sessionApi, "/api/bookings/session", as(s, s.owner), {
      json: { ...body, startTime: s.at("12:00").toISOString(), instructorId: s.owner.id },
    });
    expect(withSelf).toMatchObject({ status: 409, body: { code: "OWN_INSTRUCTOR" } });
    const desk = await s.person("receptionist", [s.main.id]);
    const deskSelf = await send(studioHost(s), sessionApi, "/api/bookings/session", as(s, desk), {
      json: { ...body, startTime: s.at("11:00").toISOString() },
    });
    expect(deskSelf.status).toBe(403);
  });
});

describe("settings and the studio's type over HTTP", () => {
  test("undo minutes out of range are refused next to the field; in range they are kept", async () => {
    const s = await bookingStudio();
    const fields = {
      receptionistRefundLimit: "50",
      maxSpotsPerBooking: "1",
      studioType: "hybrid",
      country: "GB",
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
    };
    const bad = await send(studioHost(s), settingsAction, "/settings", as(s, s.owner), {
      form: { ...fields, undoMinutes: "121" },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { result: { error: Record<string, string[]> } }).result.error.undoMinutes).toEqual([
      "Enter a number of minutes from 0 to 120 (0 turns undo off)",
    ]);
    const good = await send(studioHost(s), settingsAction, "/settings", as(s, s.owner), {
      form: { ...fields, undoMinutes: "5", studioType: "class_based" },
    });
    expect(good).toMatchObject({ status: 302, location: "/settings?saved=1" });
    expect(await findStudioSettings(database(), s.tenant)).toMatchObject({ undoMinutes: 5, studioType: "class_based" });
  });

  test("the type chosen when creating the studio is kept and puts sessions first in its navigation", async () => {
    const slug = uniqueSlug("pt");
    const created = await send("localhost", startAction, "/start", null, {
      form: {
        studioName: "PT Place",
        slug,
        studioType: "session_based",
        ownerName: "Pat Owner",
        email: `owner@${slug}.test`,
        password: "a-long-password",
        locationName: "Main",
        addressLine1: "1 Road",
        city: "Leeds",
        postcode: "LS1 1AA",
        timezone: "Europe/London",
      },
    });
    expect(created.status).toBe(302);
    const studio = await findStudioBySlug(database(), slug);
    const tenant = tenantFor(studio as NonNullable<typeof studio>);
    expect((await findStudioSettings(database(), tenant)).studioType).toBe("session_based");
    const root = await send(`${slug}.localhost`, rootLoader, "/", null);
    const nav = (root.body as { nav: { label: string }[] }).nav.map((item) => item.label);
    expect(nav).toEqual(["Home", "Services", "Classes", "Locations"]);
  });
});
