import { type APIRequestContext, expect, type TestInfo } from "@playwright/test";
import { DateTime } from "luxon";
import { PORT } from "../playwright.config";
import { api, createStudio, studioRequest, uniqueSlug, zoneAwayFromMidnight } from "./support";

/**
 * A fresh studio whose placed location has a class starting in ten minutes, and a client booked
 * into it: what a client's check-in needs. The studio is in a zone where it is not near
 * midnight, so the class is today whatever the hour.
 */
export const CHECK_IN_PASSWORD = "a-long-password";
export const PLACE = { latitude: 51.5407, longitude: -0.1434 };
export const zone = zoneAwayFromMidnight(2);

export async function bookedSoon(request: APIRequestContext, testInfo: TestInfo) {
  const slug = await createStudio(request, uniqueSlug(testInfo, "ci"), undefined, zone);
  const call = (path: string, data: unknown, token?: string) => api(request, slug, path, data, token);
  const owner = await call("/api/auth/login", { email: `owner@${slug}.test`, password: CHECK_IN_PASSWORD });
  const auth = { authorization: `Bearer ${owner.token}` };
  const { locations } = await (await studioRequest(request, slug, "/api/locations", { headers: auth })).json();
  const located = await request.patch(`http://127.0.0.1:${PORT}/api/locations/${locations[0].id}`, {
    headers: { host: `${slug}.localhost:${PORT}`, ...auth },
    data: PLACE,
  });
  expect(located.ok()).toBe(true);
  const { service } = await call(
    "/api/services",
    {
      name: "Morning Flow",
      type: "class",
      duration_minutes: 30,
      capacity: 8,
      price_minor: 0,
      requires_credit: false,
      available_at_locations: [locations[0].id],
      booking_mode: "self_booking",
      self_booking_enabled: true,
    },
    owner.token,
  );
  const start = DateTime.now().setZone(zone).plus({ minutes: 10 });
  const { occurrenceIds } = await call(
    "/api/class-series",
    {
      serviceId: service.id,
      locationId: locations[0].id,
      instructorId: owner.user.id,
      weekday: start.weekday,
      startTime: start.toFormat("HH:mm"),
      validFrom: start.toISODate(),
      validUntil: start.toISODate(),
      overrideOpeningHours: true,
    },
    owner.token,
  );
  const client = await call("/api/auth/signup", {
    fullName: "Cleo Arrives",
    email: `cleo@${slug}.test`,
    password: CHECK_IN_PASSWORD,
  });
  const { booking } = await call(
    "/api/bookings/class",
    { occurrenceId: occurrenceIds[0], clientId: client.user.id },
    owner.token,
  );
  return {
    slug,
    bookingId: booking.id as string,
    occurrenceId: occurrenceIds[0] as string,
    email: `cleo@${slug}.test`,
  };
}
