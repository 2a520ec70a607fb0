import { describe, expect, test } from "vitest";
import { findActiveUserById, insertUser } from "~/models/user.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import type { Role } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";
import { type LocationInput, LocationPatchSchema, LocationSchema } from "./location.schema";
import { listLocationsFor } from "./location.server";
import { createLocation, findEditableLocation, updateLocation } from "./location-admin.server";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

const OPEN = { open: "07:00", close: "20:00" };
const input = (name: string): LocationInput =>
  LocationSchema.parse({
    name,
    address: { line1: "3 Canal Street", city: "Manchester", postcode: "M1 3HE" },
    timezone: "Europe/London",
    operatingHours: { mon: OPEN, tue: OPEN, wed: OPEN, thu: OPEN, fri: OPEN, sat: OPEN, sun: null },
  });

async function staff(studio: Studio, role: Role, locations: string[]) {
  return insertUser(database(), studio.tenant, {
    email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: `A ${role}`,
    role,
    accessibleLocations: locations,
    primaryLocationId: locations[0] ?? null,
  });
}

describe("creating a location", () => {
  test("the owner adds one, and works there from then on", async () => {
    const studio = await createTestStudio();
    const outcome = await createLocation(studio.tenant, studio.owner, input("Northern Quarter"));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.location).toMatchObject({
      name: "Northern Quarter",
      isActive: true,
      address: { country: "GB" },
      operatingHours: { sun: null, mon: OPEN },
    });
    const page = await listLocationsFor(studio.tenant, studio.owner);
    expect(page.open.map((l) => [l.name, l.canEdit])).toEqual([
      ["Main", true],
      ["Northern Quarter", true],
    ]);
    const owner = await findActiveUserById(database(), studio.tenant, studio.owner.id);
    expect(owner?.accessibleLocations).toEqual([studio.location.id, outcome.location.id]);
  });

  test("a name already used in the studio is refused, whatever its case", async () => {
    const studio = await createTestStudio();
    expect(await createLocation(studio.tenant, studio.owner, input("mAIN"))).toEqual({
      ok: false,
      reason: "name-taken",
    });
    // Two owners' requests racing for one name: exactly one gets it.
    const outcomes = await Promise.all([
      createLocation(studio.tenant, studio.owner, input("Annex")),
      createLocation(studio.tenant, studio.owner, input("Annex")),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  test("the same name is fine in another studio", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    expect((await createLocation(a.tenant, a.owner, input("Riverside"))).ok).toBe(true);
    expect((await createLocation(b.tenant, b.owner, input("Riverside"))).ok).toBe(true);
  });

  test.each<Role>(["location_manager", "receptionist", "instructor", "finance_manager", "client"])(
    "a %s cannot add one",
    async (role) => {
      const studio = await createTestStudio();
      const actor = await staff(studio, role, [studio.location.id]);
      await expect(createLocation(studio.tenant, actor, input("Elsewhere"))).rejects.toThrow(Forbidden);
    },
  );
});

describe("editing a location", () => {
  test("the owner and the location's manager may; a manager elsewhere and a receptionist may not", async () => {
    const studio = await createTestStudio();
    const second = await createLocation(studio.tenant, studio.owner, input("Second"));
    if (!second.ok) throw new Error(second.reason);
    const manager = await staff(studio, "location_manager", [studio.location.id]);
    const elsewhere = await staff(studio, "location_manager", [second.location.id]);
    const receptionist = await staff(studio, "receptionist", [studio.location.id]);

    const renamed = await updateLocation(studio.tenant, studio.owner, studio.location.id, { name: "Main Street" });
    expect(renamed).toMatchObject({ ok: true, location: { name: "Main Street" } });
    const moved = await updateLocation(studio.tenant, manager, studio.location.id, { timezone: "Europe/Dublin" });
    expect(moved).toMatchObject({ ok: true, location: { timezone: "Europe/Dublin", name: "Main Street" } });

    await expect(updateLocation(studio.tenant, elsewhere, studio.location.id, { name: "Mine" })).rejects.toThrow(
      Forbidden,
    );
    await expect(findEditableLocation(studio.tenant, elsewhere, studio.location.id)).rejects.toThrow(Forbidden);
    await expect(updateLocation(studio.tenant, receptionist, studio.location.id, { name: "Desk" })).rejects.toThrow(
      Forbidden,
    );
    const page = await listLocationsFor(studio.tenant, elsewhere);
    expect(page.canCreate).toBe(false);
    expect(page.open.map((l) => [l.name, l.canEdit])).toEqual([
      ["Main Street", false],
      ["Second", true],
    ]);
  });

  test("another studio's location is not found, even for its owner's equal", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    await expect(updateLocation(a.tenant, a.owner, b.location.id, { name: "Taken over" })).rejects.toThrow(NotFound);
  });

  test("renaming onto another location's name is refused; keeping its own name is fine", async () => {
    const studio = await createTestStudio();
    await createLocation(studio.tenant, studio.owner, input("Annex"));
    expect(await updateLocation(studio.tenant, studio.owner, studio.location.id, { name: "ANNEX" })).toEqual({
      ok: false,
      reason: "name-taken",
    });
    expect((await updateLocation(studio.tenant, studio.owner, studio.location.id, { name: "Main" })).ok).toBe(true);
  });

  test("deactivating keeps the location, hidden from the public list; the last open one stays open", async () => {
    const studio = await createTestStudio();
    expect(await updateLocation(studio.tenant, studio.owner, studio.location.id, { isActive: false })).toEqual({
      ok: false,
      reason: "last-open-location",
    });
    const annex = await createLocation(studio.tenant, studio.owner, input("Annex"));
    if (!annex.ok) throw new Error(annex.reason);
    const closed = await updateLocation(studio.tenant, studio.owner, annex.location.id, { isActive: false });
    expect(closed).toMatchObject({ ok: true, location: { isActive: false, name: "Annex" } });
    expect((await listLocationsFor(studio.tenant, null)).open.map((l) => l.name)).toEqual(["Main"]);
    expect((await listLocationsFor(studio.tenant, studio.owner)).closed.map((l) => l.name)).toEqual(["Annex"]);
    const reopened = await updateLocation(studio.tenant, studio.owner, annex.location.id, { isActive: true });
    expect(reopened).toMatchObject({ ok: true, location: { isActive: true } });
  });

  test("coordinates can be set and cleared", async () => {
    const studio = await createTestStudio();
    const set = await updateLocation(studio.tenant, studio.owner, studio.location.id, {
      latitude: 51.5407,
      longitude: -0.1466,
    });
    expect(set).toMatchObject({ ok: true, location: { latitude: 51.5407, longitude: -0.1466 } });
    const cleared = await updateLocation(studio.tenant, studio.owner, studio.location.id, { latitude: null });
    expect(cleared).toMatchObject({ ok: true, location: { latitude: null, longitude: -0.1466 } });
  });
});

describe("location rules shared by forms and API", () => {
  const errorsOf = (body: unknown) => LocationSchema.safeParse(body).error?.flatten() ?? { fieldErrors: {} };
  const valid = {
    name: "Camden",
    address: { line1: "1 Road", city: "London", postcode: "NW1" },
    timezone: "Europe/London",
    operatingHours: { mon: OPEN, tue: OPEN, wed: OPEN, thu: OPEN, fri: OPEN, sat: null, sun: { closed: true } },
  };

  test("a day is closed, or open from one time to a later one", () => {
    const hours = (mon: unknown) => ({ ...valid, operatingHours: { ...valid.operatingHours, mon } });
    expect(LocationSchema.parse(valid).operatingHours).toMatchObject({ sat: null, sun: null, mon: OPEN });
    expect(LocationSchema.parse(hours({ closed: true, open: "09:00" })).operatingHours.mon).toBeNull();
    const issues = (mon: unknown) =>
      LocationSchema.safeParse(hours(mon)).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ open: "09:00", close: "08:00" })).toEqual([
      ["operatingHours.mon.close", "Closing time must be after opening time"],
    ]);
    expect(issues({ open: "09:00", close: "09:00" })).toEqual([
      ["operatingHours.mon.close", "Closing time must be after opening time"],
    ]);
    expect(issues({ open: "09:00" })).toEqual([["operatingHours.mon.close", "Enter the closing time"]]);
    expect(issues({ open: "9am", close: "17:00" })).toEqual([
      ["operatingHours.mon.open", "Enter the opening time as HH:MM, like 06:30"],
    ]);
    expect(issues({ open: "24:00", close: "25:00" })?.length).toBe(2);
    expect(issues(undefined)).toEqual([["operatingHours.mon", "Enter the opening hours or tick Closed"]]);
  });

  test("names, countries, time zones and coordinates are checked", () => {
    expect(errorsOf({ ...valid, name: "x".repeat(81) }).fieldErrors).toHaveProperty("name");
    expect(errorsOf({ ...valid, name: "   " }).fieldErrors).toHaveProperty("name");
    expect(errorsOf({ ...valid, timezone: "Mars/Olympus" }).fieldErrors).toHaveProperty("timezone");
    expect(LocationSchema.safeParse({ ...valid, address: { ...valid.address, country: "GBR" } }).success).toBe(false);
    expect(LocationSchema.parse({ ...valid, address: { ...valid.address, country: "ie" } }).address.country).toBe("IE");
    expect(LocationSchema.safeParse({ ...valid, latitude: 91 }).success).toBe(false);
    expect(LocationSchema.safeParse({ ...valid, longitude: -180.5 }).success).toBe(false);
    expect(LocationSchema.parse({ ...valid, latitude: -90, longitude: 180 })).toMatchObject({ latitude: -90 });
    expect(LocationPatchSchema.parse({ latitude: null })).toEqual({ latitude: null });
    expect(LocationPatchSchema.safeParse({ name: "" }).success).toBe(false);
  });
});
