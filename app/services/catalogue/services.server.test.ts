import { describe, expect, test } from "vitest";
import { insertLocation } from "~/models/location.server";
import { insertUser } from "~/models/user.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { ServiceSchema } from "./service.schema";
import { browseServices, createService, editService, getOfferedService, setServiceArchived } from "./services.server";

async function setup() {
  const s = await createTestStudio();
  const east = await insertLocation(database(), s.tenant, {
    name: "East",
    timezone: "Europe/London",
    address: { line1: "3 Road", city: "London", postcode: "E1", country: "GB" },
    operatingHours: s.location.operatingHours,
  });
  const staff = (role: "location_manager" | "receptionist" | "instructor", locations: string[]) =>
    insertUser(database(), s.tenant, {
      email: `${role}-${Math.random()}@example.com`,
      fullName: role,
      role,
      accessibleLocations: locations,
    });
  return { ...s, east, staff };
}

const pt = (locationIds: string[]) =>
  ServiceSchema.parse({
    name: "PT 60",
    type: "session",
    durationMinutes: "60",
    price: "45.50",
    locationIds,
    bookingMode: "instructor_led",
  });

describe("the service catalogue", () => {
  test("the form's pounds become pence and the booking mode presets the flags", () => {
    expect(pt(["00000000-0000-4000-8000-000000000000"])).toMatchObject({
      priceMinor: 4550,
      capacity: null,
      selfBookingEnabled: false,
      instructorBookingEnabled: true,
      adminBookingEnabled: true,
      cancellationWindowHours: 24,
    });
    const hybrid = ServiceSchema.safeParse({
      name: "Yoga",
      type: "class",
      durationMinutes: "60",
      price: "12",
      locationIds: ["00000000-0000-4000-8000-000000000000"],
      bookingMode: "hybrid",
      selfBookingEnabled: "on",
    });
    expect(hybrid.success).toBe(false);
    expect(hybrid.error?.issues[0]).toMatchObject({ path: ["capacity"], message: "Classes need a capacity" });
  });

  test("owners create anywhere; managers only at their locations; receptionists not at all", async () => {
    const s = await setup();
    expect((await createService(s.tenant, s.owner, pt([s.location.id, s.east.id]))).priceMinor).toBe(4550);
    const manager = await s.staff("location_manager", [s.east.id]);
    expect((await createService(s.tenant, manager, pt([s.east.id]))).locationIds).toEqual([s.east.id]);
    await expect(createService(s.tenant, manager, pt([s.location.id]))).rejects.toThrow(Forbidden);
    const desk = await s.staff("receptionist", [s.east.id]);
    await expect(createService(s.tenant, desk, pt([s.east.id]))).rejects.toThrow(Forbidden);
  });

  test("a manager cannot move a service out of another manager's location", async () => {
    const s = await setup();
    const service = await createService(s.tenant, s.owner, pt([s.location.id]));
    const manager = await s.staff("location_manager", [s.east.id]);
    await expect(editService(s.tenant, manager, service.id, pt([s.east.id]))).rejects.toThrow(Forbidden);
  });

  test("archived services leave the browsable list; filters by type and location", async () => {
    const s = await setup();
    const service = await createService(s.tenant, s.owner, pt([s.east.id]));
    expect((await browseServices(s.tenant, { type: "session", locationId: s.east.id })).map((x) => x.id)).toEqual([
      service.id,
    ]);
    expect(await browseServices(s.tenant, { type: "class", locationId: s.east.id })).toEqual([]);
    expect(await browseServices(s.tenant, { locationId: s.location.id })).toEqual([]);
    await setServiceArchived(s.tenant, s.owner, service.id, true);
    expect(await browseServices(s.tenant, { locationId: s.east.id })).toEqual([]);
    await expect(getOfferedService(s.tenant, service.id)).rejects.toThrow(NotFound);
  });
});
