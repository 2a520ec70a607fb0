import { describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { availabilityStudio, nextMonday } from "~/services/schedule/availability-fixtures.test-helper";
import { createTestStudio } from "../../test/factories";
import { loader as instructorAvailability } from "./api.instructors.$id.availability";
import { loader as serviceAvailability } from "./api.services.$id.availability";

/** Anyone may ask: no cookie, only the studio's Host. */
function get(slug: string, path: string, id: string) {
  const host = `${slug}.localhost`;
  const request = new Request(`http://${host}${path}`, { headers: { host } });
  return { request, params: { id }, context: { requestId: "t", clientIp: "127.0.0.1" } };
}

async function bookableMonday() {
  const s = await availabilityStudio();
  await s.block(s.instructor.id, 1, "08:00", "10:00");
  return { ...s, slug: s.tenant.studio.slug, date: nextMonday() };
}

describe("GET /api/instructors/:id/availability", () => {
  test("the instructor's slots on the date, defaulting to their first location and shortest session", async () => {
    const s = await bookableMonday();
    const response = await instructorAvailability(
      get(s.slug, `/api/instructors/${s.instructor.id}/availability?date=${s.date}`, s.instructor.id),
    );
    expect(response.status).toBe(200);
    await expectDocumented(response, "get", "/api/instructors/{id}/availability");
    const body = await response.json();
    expect(body).toMatchObject({
      instructor: { id: s.instructor.id, fullName: s.instructor.fullName },
      location: { id: s.main.id, name: "Main", timezone: "Europe/London" },
      date: s.date,
    });
    expect(body.slots.map((slot: { localTime: string }) => slot.localTime)).toEqual(["08:00", "08:30", "09:00"]);
    expect(body.slots[0]).toEqual({
      startsAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T0[78]:00:00\.000Z$/),
      endsAt: expect.stringMatching(/Z$/),
      localTime: "08:00",
      allowsSelfBooking: true,
    });
  });

  test("bad input is a 400 with field errors; another studio's ids are 404; far dates have no slots", async () => {
    const s = await bookableMonday();
    const other = await createTestStudio();
    const path = (query: string) => `/api/instructors/${s.instructor.id}/availability?${query}`;
    for (const [query, field] of [
      ["date=2026-02-30", "date"],
      ["", "date"],
      [`date=${s.date}&serviceId=nope`, "serviceId"],
      [`date=${s.date}&locationId=1`, "locationId"],
    ] as const) {
      const response = await instructorAvailability(get(s.slug, path(query), s.instructor.id));
      expect(response.status).toBe(400);
      await expectDocumented(response, "get", "/api/instructors/{id}/availability");
      const body = await response.json();
      expect(body).toMatchObject({ code: "VALIDATION_ERROR", fieldErrors: { [field]: [expect.any(String)] } });
    }
    const foreign = await instructorAvailability(
      get(other.tenant.studio.slug, path(`date=${s.date}`), s.instructor.id),
    );
    expect(foreign.status).toBe(404);
    await expectDocumented(foreign, "get", "/api/instructors/{id}/availability");
    const foreignLocation = await instructorAvailability(
      get(s.slug, path(`date=${s.date}&locationId=${other.location.id}`), s.instructor.id),
    );
    expect(foreignLocation.status).toBe(404);
    const far = await instructorAvailability(get(s.slug, path("date=2099-01-05"), s.instructor.id));
    expect(far.status).toBe(200);
    expect((await far.json()).slots).toEqual([]);
  });
});

describe("GET /api/services/:id/availability", () => {
  test("every bookable instructor at the location with their slots, or only the one asked for", async () => {
    const s = await bookableMonday();
    const path = (query = "") => `/api/services/${s.session.id}/availability?date=${s.date}${query}`;
    const response = await serviceAvailability(get(s.slug, path(`&locationId=${s.main.id}`), s.session.id));
    expect(response.status).toBe(200);
    await expectDocumented(response, "get", "/api/services/{id}/availability");
    const body = await response.json();
    expect(body).toMatchObject({
      service: { id: s.session.id, name: "PT 60", durationMinutes: 60 },
      location: { id: s.main.id },
      date: s.date,
    });
    const theirs = body.instructors.find((i: { id: string }) => i.id === s.instructor.id);
    expect(theirs.slots).toHaveLength(3);

    const one = await (
      await serviceAvailability(get(s.slug, path(`&instructorId=${s.instructor.id}`), s.session.id))
    ).json();
    expect(one.instructors.map((i: { id: string }) => i.id)).toEqual([s.instructor.id]);

    const other = await createTestStudio();
    expect((await serviceAvailability(get(other.tenant.studio.slug, path(), s.session.id))).status).toBe(404);
    expect((await serviceAvailability(get(s.slug, path(), "not-an-id"))).status).toBe(404);
    const bad = await serviceAvailability(get(s.slug, path("&instructorId=x"), s.session.id));
    await expectDocumented(bad, "get", "/api/services/{id}/availability");
    expect(await bad.json()).toMatchObject({
      code: "VALIDATION_ERROR",
      fieldErrors: { instructorId: [expect.any(String)] },
    });
  });
});
