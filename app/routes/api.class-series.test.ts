import { describe, expect, test } from "vitest";
import { findOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { addDays, todayIn } from "~/services/schedule/local-time";
import { database } from "~db/client";
import type { Role, User } from "~db/schema/tenant";
import { createTestStudio } from "../../test/factories";
import { action as createSeries } from "./api.class-series";
import { action as cancel } from "./api.classes.$id.cancel";
import { action as substitute } from "./api.classes.$id.substitute";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

async function call(studio: Studio, user: User | null, path: string, body?: unknown) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (user) headers.cookie = (await signIn(studio.tenant, user)).headers.get("set-cookie")?.split(";")[0] ?? "";
  return new Request(`http://${host}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body ?? {}),
  });
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { requestId: "t", clientIp: "127.0.0.1" },
});

async function studioWithClass() {
  const studio = await createTestStudio();
  const yoga = await insertService(database(), studio.tenant, {
    name: "Vinyasa Flow",
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    locationIds: [studio.location.id],
  });
  const person = (role: Role, locations = [studio.location.id]) =>
    insertUser(database(), studio.tenant, {
      email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: `A ${role}`,
      role,
      accessibleLocations: locations,
    });
  const body = {
    serviceId: yoga.id,
    locationId: studio.location.id,
    instructorId: studio.owner.id,
    weekday: 2,
    startTime: "18:30",
    validFrom: addDays(todayIn("Europe/London"), 1),
  };
  return { ...studio, yoga, person, body };
}

async function scheduled(s: Awaited<ReturnType<typeof studioWithClass>>) {
  const response = await createSeries(args(await call(s, s.owner, "/api/class-series", s.body)));
  expect(response.status).toBe(201);
  return (await response.json()) as { series: { id: string; endTime: string }; occurrenceIds: string[] };
}

describe("POST /api/class-series", () => {
  test("an Idempotency-Key schedules once: the repeat is replayed, another body with it a 422", async () => {
    const s = await studioWithClass();
    const once = async (body: unknown) => {
      const request = await call(s, s.owner, "/api/class-series", body);
      request.headers.set("idempotency-key", "series-key-1");
      return createSeries(args(request));
    };
    const first = await once(s.body);
    expect(first.status).toBe(201);
    const made = await expectDocumented(first, "post", "/api/class-series");
    const repeat = await once(s.body);
    expect(repeat.headers.get("idempotent-replayed")).toBe("true");
    expect((await repeat.json()).series.id).toBe(made.series.id);
    const other = await once({ ...s.body, startTime: "07:00" });
    expect(other.status).toBe(422);
    expect((await other.json()).code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  test("201 with the series and its occurrence ids; the same time again is a 409 listing the clashes", async () => {
    const s = await studioWithClass();
    const created = await scheduled(s);
    expect(created.series).toMatchObject({ startTime: "18:30", endTime: "19:30", weekday: 2, capacity: 10 });
    expect(created.occurrenceIds.length).toBeGreaterThanOrEqual(11);

    const clash = await createSeries(args(await call(s, s.owner, "/api/class-series", s.body)));
    expect(clash.status).toBe(409);
    const body = await clash.json();
    expect(body).toMatchObject({ code: "SCHEDULE_CONFLICT", error: expect.any(String) });
    expect(body.conflicts[0]).toEqual({
      startsAt: expect.stringMatching(/Z$/),
      endsAt: expect.stringMatching(/Z$/),
      what: "Vinyasa Flow",
      locationName: "Main",
    });
  });

  test("400 for bad fields, bad JSON, and a teacher who does not work there; never a 500", async () => {
    const s = await studioWithClass();
    const bad = await createSeries(
      args(
        await call(s, s.owner, "/api/class-series", {
          ...s.body,
          serviceId: "nope",
          startTime: "25:00",
          validFrom: "1 Dec",
        }),
      ),
    );
    expect(bad.status).toBe(400);
    const { code, fieldErrors } = await bad.json();
    expect(code).toBe("VALIDATION_ERROR");
    expect(Object.keys(fieldErrors).sort()).toEqual(["serviceId", "startTime", "validFrom"]);
    expect((await createSeries(args(await call(s, s.owner, "/api/class-series", "{")))).status).toBe(400);
    const away = await s.person("instructor", []);
    const refused = await createSeries(
      args(await call(s, s.owner, "/api/class-series", { ...s.body, instructorId: away.id })),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).fieldErrors.instructorId).toBeDefined();
  });

  test("401 for nobody, 403 for a client, 404 for another studio's service", async () => {
    const s = await studioWithClass();
    expect((await createSeries(args(await call(s, null, "/api/class-series", s.body)))).status).toBe(401);
    const client = await s.person("client");
    const forbidden = await createSeries(args(await call(s, client, "/api/class-series", s.body)));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe("INSUFFICIENT_PERMISSIONS");
    const other = await studioWithClass();
    const foreign = await createSeries(
      args(await call(s, s.owner, "/api/class-series", { ...s.body, serviceId: other.yoga.id })),
    );
    expect(foreign.status).toBe(404);
  });
});

describe("POST /api/classes/:id/cancel and /substitute", () => {
  test("cancel one meeting with a reason; the next one stays scheduled", async () => {
    const s = await studioWithClass();
    const { occurrenceIds } = await scheduled(s);
    const [first, second] = occurrenceIds as [string, string];
    const response = await cancel(
      args(await call(s, s.owner, `/api/classes/${first}/cancel`, { reason: "Teacher unwell" }), { id: first }),
    );
    expect(response.status).toBe(200);
    await expectDocumented(response, "post", "/api/classes/{id}/cancel");
    expect((await response.json()).occurrence).toMatchObject({ status: "cancelled", cancelReason: "Teacher unwell" });
    expect((await findOccurrence(database(), s.tenant, second))?.status).toBe("scheduled");
    const empty = await cancel(args(await call(s, s.owner, `/api/classes/${second}/cancel`, {}), { id: second }));
    expect(empty.status).toBe(400);
    await expectDocumented(empty, "post", "/api/classes/{id}/cancel");
    expect((await empty.json()).fieldErrors.reason).toBeDefined();
    const unknown = crypto.randomUUID();
    expect(
      (await cancel(args(await call(s, s.owner, "/api/classes/x/cancel", { reason: "x" }), { id: unknown }))).status,
    ).toBe(404);
    expect(
      (await cancel(args(await call(s, s.owner, "/api/classes/x/cancel", { reason: "x" }), { id: "not-a-uuid" })))
        .status,
    ).toBe(404);
  });

  test("substitute a free instructor; a busy one is a 409 with the clash; an instructor from elsewhere a 400", async () => {
    const s = await studioWithClass();
    const { occurrenceIds } = await scheduled(s);
    const first = occurrenceIds[0] as string;
    const cover = await s.person("instructor");
    const ok = await substitute(
      args(await call(s, s.owner, `/api/classes/${first}/substitute`, { instructorId: cover.id }), { id: first }),
    );
    expect(ok.status).toBe(200);
    await expectDocumented(ok, "post", "/api/classes/{id}/substitute");
    expect((await ok.json()).occurrence).toMatchObject({ instructorId: cover.id, originalInstructorId: s.owner.id });

    // Someone who teaches another class at the same time is busy: 409 naming that class.
    const busy = await s.person("instructor");
    const theirs = await createSeries(
      args(await call(s, s.owner, "/api/class-series", { ...s.body, instructorId: busy.id })),
    );
    expect(theirs.status).toBe(201);
    const clash = await substitute(
      args(await call(s, s.owner, `/api/classes/${first}/substitute`, { instructorId: busy.id }), { id: first }),
    );
    expect(clash.status).toBe(409);
    await expectDocumented(clash, "post", "/api/classes/{id}/substitute");
    expect(await clash.json()).toMatchObject({
      code: "SCHEDULE_CONFLICT",
      conflicts: [expect.objectContaining({ what: "Vinyasa Flow", locationName: "Main" })],
    });

    const away = await s.person("instructor", []);
    const refused = await substitute(
      args(await call(s, s.owner, `/api/classes/${first}/substitute`, { instructorId: away.id }), { id: first }),
    );
    expect(refused.status).toBe(400);
    await expectDocumented(refused, "post", "/api/classes/{id}/substitute");
    const bad = await substitute(
      args(await call(s, s.owner, `/api/classes/${first}/substitute`, { instructorId: "x" }), { id: first }),
    );
    expect(bad.status).toBe(400);
  });
});

describe("POST /api/class-series outside the location's opening hours", () => {
  test("409 OUTSIDE_OPENING_HOURS naming them; the owner's overrideOpeningHours schedules it", async () => {
    const s = await studioWithClass();
    const late = { ...s.body, startTime: "20:30" };
    const refused = await createSeries(args(await call(s, s.owner, "/api/class-series", late)));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: "OUTSIDE_OPENING_HOURS",
      error: expect.stringContaining("outside Main's opening hours (Tue 06:00–21:00)"),
    });
    const body = { ...late, overrideOpeningHours: true };
    const created = await createSeries(args(await call(s, s.owner, "/api/class-series", body)));
    expect(created.status).toBe(201);
  });
});
