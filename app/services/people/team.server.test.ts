import { describe, expect, test } from "vitest";
import { insertLocation } from "~/models/location.server";
import { findStaffById } from "~/models/staff.server";
import { insertUser } from "~/models/user.server";
import { findSignedInUser, signIn } from "~/services/identity/auth.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import type { Role } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";
import { StaffLocationsSchema } from "./team.schema";
import { assignLocations, changeRole, deactivateStaff, getStaffMember, listTeam, reactivateStaff } from "./team.server";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

async function addLocation(studio: Studio, name: string) {
  return insertLocation(database(), studio.tenant, {
    name,
    timezone: "Europe/London",
    address: { line1: "2 Side Street", city: "London", postcode: "E1 1AA", country: "GB" },
    operatingHours: studio.location.operatingHours,
  });
}

async function staff(studio: Studio, role: Role, locations: string[], name = `A ${role}`) {
  return insertUser(database(), studio.tenant, {
    email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: name,
    role,
    // Never checked here: it only marks someone who has joined (set a password).
    passwordHash: "scrypt$joined",
    accessibleLocations: locations,
    primaryLocationId: locations[0] ?? null,
  });
}

/** A studio with two locations, a manager at the second, and floor staff at each. */
async function twoLocationStudio() {
  const studio = await createTestStudio();
  const main = studio.location;
  const east = await addLocation(studio, "East");
  return {
    studio,
    main,
    east,
    manager: await staff(studio, "location_manager", [east.id], "Manager East"),
    mainCoach: await staff(studio, "instructor", [main.id], "Coach Main"),
    eastCoach: await staff(studio, "trainer", [east.id], "Coach East"),
    both: await staff(studio, "receptionist", [main.id, east.id], "Desk Both"),
  };
}

describe("the team list", () => {
  test("follows the chosen locations, always shows owners, and everyone for 'all'", async () => {
    const { studio, main, east, manager } = await twoLocationStudio();
    await insertUser(database(), studio.tenant, {
      email: "client@example.com",
      fullName: "A Client",
      role: "client",
      accessibleLocations: [main.id],
    });
    const names = async (ids: string[] | null) =>
      (await listTeam(studio.tenant, studio.owner, ids)).members.map((m) => m.fullName);
    expect(await names([main.id])).toEqual(["Coach Main", "Desk Both", "Owner Person"]);
    expect(await names([east.id])).toEqual(["Coach East", "Desk Both", "Manager East", "Owner Person"]);
    expect(await names(null)).toEqual(["Coach East", "Coach Main", "Desk Both", "Manager East", "Owner Person"]);
    const asManager = await listTeam(studio.tenant, manager, [east.id]);
    expect(asManager.canInvite).toBe(true);
    expect(asManager.members.map((m) => [m.fullName, m.canManage])).toEqual([
      ["Coach East", true],
      ["Desk Both", true],
      ["Manager East", false],
      ["Owner Person", false],
    ]);
  });

  test("clients and finance managers are refused", async () => {
    const { studio, main } = await twoLocationStudio();
    const client = await staff(studio, "client", [main.id]);
    const finance = await staff(studio, "finance_manager", [main.id]);
    await expect(listTeam(studio.tenant, client, null)).rejects.toThrow(Forbidden);
    await expect(listTeam(studio.tenant, finance, null)).rejects.toThrow(Forbidden);
  });
});

describe("where someone works", () => {
  test("the owner assigns an instructor to more locations", async () => {
    const { studio, main, east, mainCoach } = await twoLocationStudio();
    const outcome = await assignLocations(studio.tenant, studio.owner, mainCoach.id, [main.id, east.id]);
    expect(outcome).toEqual({
      ok: true,
      member: {
        id: mainCoach.id,
        fullName: "Coach Main",
        role: "instructor",
        status: "active",
        locations: [
          { id: main.id, name: "Main" },
          { id: east.id, name: "East" },
        ],
      },
    });
    // Dropping the primary location moves the primary to one still held.
    await assignLocations(studio.tenant, studio.owner, mainCoach.id, [east.id]);
    expect(await findStaffById(database(), studio.tenant, mainCoach.id)).toMatchObject({
      accessibleLocations: [east.id],
      primaryLocationId: east.id,
    });
  });

  test("a manager adds and removes only their own locations", async () => {
    const { studio, main, east, manager, mainCoach, both } = await twoLocationStudio();
    // Sharing no location with the manager, the Main coach is not theirs to manage.
    await expect(assignLocations(studio.tenant, manager, mainCoach.id, [main.id, east.id])).rejects.toThrow(Forbidden);
    // Removing East from someone who also works at Main: fine. Removing Main: not theirs.
    expect((await assignLocations(studio.tenant, manager, both.id, [main.id])).ok).toBe(true);
    await assignLocations(studio.tenant, studio.owner, both.id, [main.id, east.id]);
    await expect(assignLocations(studio.tenant, manager, both.id, [east.id])).rejects.toThrow(Forbidden);
    const page = await getStaffMember(studio.tenant, manager, both.id);
    expect(page.locationOptions.map((l) => l.name)).toEqual(["East"]);
    expect(page.otherLocations.map((l) => l.name)).toEqual(["Main"]);
    expect(page.roleOptions).toEqual([]);
  });

  test("unknown locations and other studios' people are refused, and nobody is left with none", async () => {
    const { studio, main, mainCoach } = await twoLocationStudio();
    const other = await createTestStudio();
    expect(await assignLocations(studio.tenant, studio.owner, mainCoach.id, [main.id, other.location.id])).toEqual({
      ok: false,
      reason: "unknown-location",
    });
    await expect(assignLocations(studio.tenant, studio.owner, other.owner.id, [main.id])).rejects.toThrow(NotFound);
    expect(StaffLocationsSchema.safeParse({ accessible_locations: [] }).success).toBe(false);
  });
});

describe("roles", () => {
  test("only the owner changes roles, never an owner's own", async () => {
    const { studio, manager, eastCoach } = await twoLocationStudio();
    await changeRole(studio.tenant, studio.owner, eastCoach.id, "location_manager");
    expect((await findStaffById(database(), studio.tenant, eastCoach.id))?.role).toBe("location_manager");
    const coach = await staff(studio, "instructor", [manager.accessibleLocations[0] as string]);
    await expect(changeRole(studio.tenant, manager, coach.id, "receptionist")).rejects.toThrow(Forbidden);
    await expect(changeRole(studio.tenant, studio.owner, studio.owner.id, "instructor")).rejects.toThrow(Forbidden);
  });
});

describe("deactivating", () => {
  test("nobody deactivates themselves, and the last active owner stays", async () => {
    const { studio } = await twoLocationStudio();
    expect(await deactivateStaff(studio.tenant, studio.owner, studio.owner.id)).toEqual({ ok: false, reason: "self" });
    const partner = await staff(studio, "org_owner", [studio.location.id], "Partner Owner");
    expect(await deactivateStaff(studio.tenant, studio.owner, partner.id)).toEqual({ ok: true });
    // The partner is out; the remaining owner cannot be removed by anyone.
    await reactivateStaff(studio.tenant, studio.owner, partner.id);
    const outcomes = await Promise.all([
      deactivateStaff(studio.tenant, studio.owner, partner.id),
      deactivateStaff(studio.tenant, partner, studio.owner.id),
    ]);
    expect(outcomes).toContainEqual({ ok: false, reason: "last-owner" });
    expect(outcomes).toContainEqual({ ok: true });
  });

  test("a deactivated person's session ends at once; after reactivation they sign in afresh", async () => {
    const { studio, manager, eastCoach } = await twoLocationStudio();
    const cookie = (await signIn(studio.tenant, eastCoach)).headers.get("set-cookie")?.split(";")[0] ?? "";
    const host = `${studio.tenant.studio.slug}.localhost`;
    const request = () => new Request(`http://${host}/`, { headers: { host, cookie } });
    expect((await findSignedInUser(request(), studio.tenant))?.id).toBe(eastCoach.id);
    expect(await deactivateStaff(studio.tenant, manager, eastCoach.id)).toEqual({ ok: true });
    expect(await findSignedInUser(request(), studio.tenant)).toBeNull();
    await reactivateStaff(studio.tenant, manager, eastCoach.id);
    // The old cookie stays dead (its session was deleted), so a copy made before cannot return.
    expect(await findSignedInUser(request(), studio.tenant)).toBeNull();
    const fresh = (await signIn(studio.tenant, eastCoach)).headers.get("set-cookie")?.split(";")[0] ?? "";
    const again = new Request(`http://${host}/`, { headers: { host, cookie: fresh } });
    expect((await findSignedInUser(again, studio.tenant))?.id).toBe(eastCoach.id);
  });

  test("someone who never joined comes back as invited", async () => {
    const { studio, east } = await twoLocationStudio();
    const invitee = await insertUser(database(), studio.tenant, {
      email: "new@example.com",
      fullName: "New Person",
      role: "instructor",
      status: "invited",
      accessibleLocations: [east.id],
    });
    await deactivateStaff(studio.tenant, studio.owner, invitee.id);
    await reactivateStaff(studio.tenant, studio.owner, invitee.id);
    expect(await findStaffById(database(), studio.tenant, invitee.id)).toMatchObject({ status: "invited" });
  });

  test("a manager cannot deactivate the owner, another manager, or staff elsewhere", async () => {
    const { studio, east, manager, mainCoach } = await twoLocationStudio();
    const otherManager = await staff(studio, "location_manager", [east.id]);
    for (const target of [studio.owner, otherManager, mainCoach]) {
      await expect(deactivateStaff(studio.tenant, manager, target.id)).rejects.toThrow(Forbidden);
    }
  });
});
