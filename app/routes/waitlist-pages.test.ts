import { describe, expect, test } from "vitest";
import { findStudioSettings } from "~/models/studio-settings.server";
import { cancelBooking } from "~/services/booking/engine.server";
import { signIn } from "~/services/identity/auth.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { fillWaitlist } from "~/services/waitlist/fill.server";
import { fullClass } from "~/services/waitlist/fixtures.test-helper";
import { moveWaitlistEntry } from "~/services/waitlist/move.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { callRoute } from "../../test/route-call";
import * as classApi from "./api.classes.$id.waitlist";
import * as leaveApi from "./api.waitlist.$id";
import * as acceptApi from "./api.waitlist.$id.accept";
import * as offerRoute from "./offers.$token";
import * as classPage from "./schedule.$occurrenceId";
import * as settingsPage from "./settings";

/** The waitlist over HTTP: the class page's forms, the offer page and the API. */

const page = (s: { occurrenceId: string }) => `/schedule/${s.occurrenceId}`;
const params = (s: { occurrenceId: string }) => ({ occurrenceId: s.occurrenceId });

async function api(
  handler: (args: never) => Promise<Response>,
  tenant: Tenant,
  as: User,
  method: string,
  path: string,
  p: Record<string, string>,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, {
    method,
    headers: { host, cookie, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler({ request, params: p, context: {} } as never);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the class page's waitlist", () => {
  test("a client joins a full class, sees their number, takes the offer when a place frees", async () => {
    const s = await fullClass(1);
    const client = await s.client(3);
    const before = await callRoute(classPage.loader, s.tenant, client, page(s), { params: params(s) });
    expect(before.data?.spotsLeft).toBe(0);
    expect(before.data?.waitlist).toBeNull();

    const joined = await callRoute(classPage.action, s.tenant, client, page(s), {
      form: { intent: "join-waitlist" },
      params: params(s),
    });
    expect(joined).toMatchObject({ status: 303, location: `${page(s)}?waitlist=joined` });
    const inLine = await callRoute(classPage.loader, s.tenant, client, `${page(s)}?waitlist=joined`, {
      params: params(s),
    });
    expect(inLine.data?.waitlist).toMatchObject({ position: 1, offerUntil: null });
    expect(inLine.data?.waitlistNotice).toBe("You're on the waitlist.");

    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const offered = await callRoute(classPage.loader, s.tenant, client, page(s), { params: params(s) });
    const place = offered.data?.waitlist as { entryId: string; offerUntil: string };
    expect(place.offerUntil).toMatch(/^\d\d:\d\d$/);
    // The place held for the offer is not free to anyone else.
    expect(offered.data?.spotsLeft).toBe(0);

    const taken = await callRoute(classPage.action, s.tenant, client, page(s), {
      form: { intent: "take-offer", entryId: place.entryId, idempotencyKey: crypto.randomUUID() },
      params: params(s),
    });
    expect(taken.status).toBe(303);
    expect(taken.location).toMatch(/^\/bookings\/[0-9a-f-]+\?booked=1$/);
  });

  test("a client can't act on another client's place in line (404)", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const other = await s.client(1);
    const answer = await callRoute(classPage.action, s.tenant, other, page(s), {
      form: { intent: "leave-waitlist", entryId: first.entry.id },
      params: params(s),
    });
    expect(answer.status).toBe(404);
    expect((await s.entry(first.entry.id))?.status).toBe("waiting");
  });

  test("staff see the line, move someone with a reason (required), remove with a reason", async () => {
    const s = await fullClass(1);
    const a = await s.waiting();
    const b = await s.waiting();
    const view = await callRoute(classPage.loader, s.tenant, s.owner, page(s), { params: params(s) });
    const line = (view.data?.staffLine as { line: { client: string; status: string; position: number }[] } | undefined)
      ?.line;
    expect(line?.map((e) => [e.position, e.status])).toEqual([
      [1, "Waiting"],
      [2, "Waiting"],
    ]);

    const noReason = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "waitlist-move", entryId: b.entry.id, position: "1", reason: " " },
      params: params(s),
    });
    expect(noReason.status).toBe(400);
    await expect(moveWaitlistEntry(s.tenant, s.owner, b.entry.id, 1, "")).rejects.toMatchObject({
      status: 422,
      code: "REASON_REQUIRED",
    });

    const moved = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "waitlist-move", entryId: b.entry.id, position: "1", reason: "Booked in error last week" },
      params: params(s),
    });
    expect(moved).toMatchObject({ status: 303, location: `${page(s)}?waitlist=moved` });
    const bNow = await s.entry(b.entry.id);
    const aNow = await s.entry(a.entry.id);
    expect(bNow!.lineKey).toBeLessThan(aNow!.lineKey);
    expect(bNow).toMatchObject({ moveReason: "Booked in error last week", movedById: s.owner.id });

    const removed = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "waitlist-remove", entryId: a.entry.id, reason: "Asked by phone" },
      params: params(s),
    });
    expect(removed.status).toBe(303);
    expect((await s.entry(a.entry.id))?.status).toBe("removed");
  });

  test("a receptionist at another location may not add to the line (403)", async () => {
    const s = await fullClass(1);
    const elsewhere = (await s.person("receptionist", [s.second.id])) as User;
    const client = await s.client(1);
    const answer = await callRoute(classPage.action, s.tenant, elsewhere, page(s), {
      form: { intent: "waitlist-add", clientId: client.id },
      params: params(s),
    });
    expect(answer.status).toBe(403);
  });

  test("places: lowering below those taken is refused; raising offers the new place to the line", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const lower = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "capacity", capacity: "0" },
      params: params(s),
    });
    expect(lower.status).toBe(400);
    const raise = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "capacity", capacity: "2" },
      params: params(s),
    });
    expect(raise.status).toBe(303);
    expect((await s.entry(first.entry.id))?.status).toBe("offered");
    const below = await callRoute(classPage.action, s.tenant, s.owner, page(s), {
      form: { intent: "capacity", capacity: "1" },
      params: params(s),
    });
    expect(below.status).toBe(409);
    expect((below.data?.refusal as { message: string } | undefined)?.message).toContain(
      "1 booked and 1 held for waitlist offers",
    );
    expect((await s.occurrence())?.capacity).toBe(2);
  });
});

describe("the offer page", () => {
  test("shows the offer, books it, then the link is spent; it works only in its studio", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const token = (await s.offerToken(first.client)) as string;
    const path = `/offers/${token}`;

    const other = await createTestStudio({ name: "Elsewhere" });
    const foreign = await callRoute(offerRoute.loader, other.tenant, null, path, { params: { token } });
    expect(foreign.status).toBe(404);

    const shown = await callRoute(offerRoute.loader, s.tenant, null, path, { params: { token } });
    expect(shown.status).toBe(200);
    expect(shown.data?.offer).toMatchObject({ name: "Yoga", refusal: null });
    expect((shown.data?.offer as { until: string } | undefined)?.until).toMatch(/^\d\d:\d\d$/);

    const taken = await callRoute(offerRoute.action, s.tenant, null, path, {
      form: { intent: "take", idempotencyKey: crypto.randomUUID() },
      params: { token },
    });
    expect(taken.status).toBe(200);
    expect(taken.data?.booked).toMatchObject({ name: "Yoga" });
    expect((await s.entry(first.entry.id))?.status).toBe("booked");

    const again = await callRoute(offerRoute.loader, s.tenant, null, path, { params: { token } });
    expect(again.status).toBe(404);
    const twice = await callRoute(offerRoute.action, s.tenant, null, path, {
      form: { intent: "take", idempotencyKey: crypto.randomUUID() },
      params: { token },
    });
    expect(twice.status).toBe(404);
    expect((twice.data?.refusal as { message: string } | undefined)?.message).toBe(
      "This link is not valid. It may have been used already.",
    );
  });

  test("letting it go hands the place to the next in line", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const second = await s.waiting();
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const token = (await s.offerToken(first.client)) as string;
    const answer = await callRoute(offerRoute.action, s.tenant, null, `/offers/${token}`, {
      form: { intent: "decline" },
      params: { token },
    });
    expect(answer.data).toEqual({ declined: true });
    expect((await s.entry(second.entry.id))?.status).toBe("offered");
  });
});

describe("the waitlist API", () => {
  test("join, see one's own place only, accept; staff see the line; others get 404/403", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const client = await s.client(3);
    const url = `/api/classes/${s.occurrenceId}/waitlist`;
    const p = { id: s.occurrenceId };

    const joined = await api(classApi.action, s.tenant, client, "POST", url, p, {});
    expect(joined).toMatchObject({ status: 201, body: { entry: { position: 2, status: "waiting" } } });
    const own = await api(classApi.loader, s.tenant, client, "GET", url, p);
    expect(own.body).toEqual({ entry: expect.objectContaining({ position: 2, clientId: client.id }) });
    const staff = await api(classApi.loader, s.tenant, s.owner, "GET", url, p);
    expect((staff.body.waitlist as unknown[]).length).toBe(2);
    const elsewhere = (await s.person("receptionist", [s.second.id])) as User;
    expect((await api(classApi.loader, s.tenant, elsewhere, "GET", url, p)).status).toBe(403);

    // Another client's entry: 404, nothing changed.
    const leaveOther = await api(leaveApi.action, s.tenant, client, "DELETE", `/api/waitlist/${first.entry.id}`, {
      id: first.entry.id,
    });
    expect(leaveOther.status).toBe(404);
    // Staff must say why.
    const noWhy = await api(leaveApi.action, s.tenant, s.owner, "DELETE", `/api/waitlist/${first.entry.id}`, {
      id: first.entry.id,
    });
    expect(noWhy).toMatchObject({ status: 422, body: { code: "REASON_REQUIRED" } });

    // Another studio's class: 404.
    const other = await createTestStudio({ name: "Other Studio" });
    const foreign = await api(classApi.loader, other.tenant, other.owner, "GET", url, p);
    expect(foreign.status).toBe(404);

    // Not offered yet: 409; offered: accepted into a booking.
    const early = await api(
      acceptApi.action,
      s.tenant,
      first.client,
      "POST",
      `/api/waitlist/${first.entry.id}/accept`,
      {
        id: first.entry.id,
      },
    );
    expect(early).toMatchObject({ status: 409, body: { code: "NO_OFFER" } });
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const accepted = await api(
      acceptApi.action,
      s.tenant,
      first.client,
      "POST",
      `/api/waitlist/${first.entry.id}/accept`,
      { id: first.entry.id },
      undefined,
      { "Idempotency-Key": crypto.randomUUID() },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.booking as object).toMatchObject({ status: "confirmed" });
  });
});

describe("the waitlist's settings", () => {
  test("out of bounds is refused next to the field; in bounds is kept", async () => {
    const s = await fullClass(1);
    const form = {
      receptionistRefundLimit: "50",
      maxSpotsPerBooking: "1",
      undoMinutes: "10",
      studioType: "hybrid",
      country: "GB",
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
      waitlistOfferMinutes: "45",
      waitlistCutoffMinutes: "0",
      requestEscalationHours: "6",
      requestExpiryHours: "336",
    };
    const bad = await callRoute(settingsPage.action, s.tenant, s.owner, "/settings", {
      form: { ...form, waitlistOfferMinutes: "4", requestExpiryHours: "337" },
    });
    expect(bad.status).toBe(400);
    const errors = (bad.data?.result as { error: Record<string, string[]> } | undefined)?.error;
    expect(errors?.waitlistOfferMinutes).toEqual(["Enter a number of minutes from 5 to 1440"]);
    expect(errors?.requestExpiryHours).toEqual(["Enter a number of hours from 1 to 336"]);
    const good = await callRoute(settingsPage.action, s.tenant, s.owner, "/settings", { form });
    expect(good.status).toBe(302);
    expect(await findStudioSettings(database(), s.tenant)).toMatchObject({
      waitlistOfferMinutes: 45,
      waitlistCutoffMinutes: 0,
      requestEscalationHours: 6,
      requestExpiryHours: 336,
    });
  });
});
