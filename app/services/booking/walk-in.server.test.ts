import { describe, expect, test } from "vitest";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { bookSession } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * Staff booking for a client: past the client's notice and advance window freely, past
 * published hours only as owner or manager and only when confirmed; never over another
 * commitment or into the past. What they went past is kept on the booking and its event.
 */
async function walkInStudio(settings: {
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
  sessionBufferMinutes?: number;
}) {
  const s = await bookingStudio();
  await updateStudioSettings(database(), s.tenant, settings);
  const client = await s.client(3);
  const desk = await s.person("receptionist", [s.main.id]);
  const manager = await s.person("location_manager", [s.main.id]);
  const request = (time: string, extra: { override?: ("instructor_hours" | "opening_hours")[] } = {}) => ({
    serviceId: s.session.id,
    locationId: s.main.id,
    instructorId: s.instructor.id,
    clientId: client.id,
    startsAt: s.at(time),
    ...extra,
  });
  return { s, client, desk, manager, request };
}

describe("a walk-in", () => {
  test("the desk books a session starting in 30 minutes, inside the client's notice", async () => {
    const { s, client, desk, request } = await walkInStudio({ minNoticeMinutes: 120 });
    const now = s.at("09:30");
    await expect(
      bookSession(s.tenant, client, { ...request("10:00"), clientId: undefined }, { now }),
    ).rejects.toMatchObject({ status: 409, code: "SLOT_UNAVAILABLE" });
    const { booking } = await bookSession(s.tenant, desk, request("10:00"), { now });
    expect(booking).toMatchObject({ status: "confirmed", staffOverrides: ["min_notice"] });
    const [event] = await listDomainEventsForBooking(database(), s.tenant, booking.id);
    expect(event?.payload).toMatchObject({ staffOverrides: ["min_notice"] });
  });

  test("the desk books beyond the client's advance window", async () => {
    const { s, desk, request } = await walkInStudio({ maxAdvanceDays: 1 });
    const { booking } = await bookSession(s.tenant, desk, request("11:00"));
    expect(booking.staffOverrides).toEqual(["max_advance"]);
  });

  test("nobody books into the past", async () => {
    const { s, desk, request } = await walkInStudio({ minNoticeMinutes: 0 });
    await expect(bookSession(s.tenant, desk, request("10:00"), { now: s.at("10:00") })).rejects.toMatchObject({
      status: 409,
      code: "SLOT_UNAVAILABLE",
    });
  });

  test("nobody books over the buffer around another commitment, not even the owner confirming", async () => {
    const { s, client, desk, request } = await walkInStudio({ sessionBufferMinutes: 15 });
    await bookSession(s.tenant, client, { ...request("10:00"), clientId: undefined });
    await expect(bookSession(s.tenant, desk, request("11:00"))).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE" });
    await expect(
      bookSession(s.tenant, s.owner, request("11:00", { override: ["instructor_hours", "opening_hours"] })),
    ).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE" });
  });
});

describe("outside an instructor's published hours", () => {
  test("the owner is told what it overrides, then books it once confirmed", async () => {
    const { s, request } = await walkInStudio({});
    await expect(bookSession(s.tenant, s.owner, request("07:30"))).rejects.toMatchObject({
      status: 409,
      code: "OUTSIDE_INSTRUCTOR_HOURS",
      message: "That time is outside A's published hours (Mon 09:00–17:00). Confirm to book it anyway.",
    });
    const { booking } = await bookSession(s.tenant, s.owner, request("07:30", { override: ["instructor_hours"] }));
    expect(booking).toMatchObject({ status: "confirmed", staffOverrides: ["instructor_hours"] });
  });

  test("a location manager may too; before opening, both hours must be confirmed", async () => {
    const { s, manager, request } = await walkInStudio({});
    await expect(
      bookSession(s.tenant, manager, request("05:00", { override: ["instructor_hours"] })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("outside Main's opening hours (Mon 06:00–21:00)"),
    });
    const { booking } = await bookSession(
      s.tenant,
      manager,
      request("05:00", { override: ["instructor_hours", "opening_hours"] }),
    );
    expect(booking.staffOverrides).toEqual(["instructor_hours", "opening_hours"]);
  });

  test("the desk may not override hours: 403 with the override, no offer without", async () => {
    const { s, desk, request } = await walkInStudio({});
    await expect(
      bookSession(s.tenant, desk, request("07:30", { override: ["instructor_hours"] })),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(bookSession(s.tenant, desk, request("07:30"))).rejects.toMatchObject({
      status: 409,
      code: "SLOT_UNAVAILABLE",
    });
  });
});
