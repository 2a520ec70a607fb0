import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { listLedger, lockSpendableGrants } from "~/models/credit.server";
import { insertPackage, updatePackage } from "~/models/package.server";
import { insertService } from "~/models/service.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { database } from "~db/client";
import type { Package } from "~db/schema/tenant";
import { AdjustCreditsSchema, GrantCreditsSchema } from "./grant.schema";
import { adjustCredits, clientCredits, grantCredits, pickGrants } from "./ledger.server";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
const DAY_MS = 24 * 60 * 60 * 1000;

let s: Studio;
let tenPack: Package;

beforeAll(async () => {
  s = await createClientsStudio();
  tenPack = await insertPackage(database(), s.tenant, {
    name: "10-class pack",
    credits: 10,
    priceMinor: 12000,
    validDays: 90,
    locationIds: [s.camden.id],
  });
});

describe("grantCredits", () => {
  test("a package gives its credits, coverage and validity, with the reason and who on the ledger", async () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const grant = await grantCredits(
      s.tenant,
      s.staff.receptionist,
      { clientId: s.clients.amara.id, packageId: tenPack.id, reason: "Paid by card at the desk" },
      now,
    );
    expect(grant).toMatchObject({
      clientId: s.clients.amara.id,
      packageId: tenPack.id,
      name: "10-class pack",
      remaining: 10,
      locationIds: [s.camden.id],
      serviceIds: [],
    });
    expect(grant.expiresAt).toEqual(new Date(now.getTime() + 90 * DAY_MS));
    const [entry] = await listLedger(database(), s.tenant, s.clients.amara.id);
    expect(entry?.entry).toMatchObject({
      grantId: grant.id,
      kind: "grant",
      delta: 10,
      reason: "Paid by card at the desk",
      actorId: s.staff.receptionist.id,
      bookingId: null,
    });
    expect(entry?.actorName).toBe("Rosa Desk");
  });

  test("a plain number of credits is good everywhere, for anything, for the days given", async () => {
    const now = new Date();
    const grant = await grantCredits(
      s.tenant,
      s.staff.owner,
      { clientId: s.clients.ella.id, credits: 3, validDays: 14, reason: "Moved from the old system" },
      now,
    );
    expect(grant).toMatchObject({ name: "Credits from the studio", remaining: 3, locationIds: [], serviceIds: [] });
    expect(grant.packageId).toBeNull();
    expect(grant.expiresAt).toEqual(new Date(now.getTime() + 14 * DAY_MS));
    const named = await grantCredits(s.tenant, s.staff.owner, {
      clientId: s.clients.ella.id,
      credits: 1,
      validDays: 7,
      name: "Welcome credit",
      reason: "New member",
    });
    expect(named.name).toBe("Welcome credit");
  });

  test("an archived package, or another studio's, cannot be granted", async () => {
    const old = await insertPackage(database(), s.tenant, { name: "Old", credits: 1, priceMinor: 100, validDays: 1 });
    await updatePackage(database(), s.tenant, old.id, { archivedAt: new Date() });
    const grant = (packageId: string) =>
      grantCredits(s.tenant, s.staff.owner, { clientId: s.clients.ben.id, packageId, reason: "x" });
    await expect(grant(old.id)).rejects.toThrow(NotFound);
    const other = await createClientsStudio();
    const theirs = await insertPackage(database(), other.tenant, {
      name: "Theirs",
      credits: 1,
      priceMinor: 100,
      validDays: 1,
    });
    await expect(grant(theirs.id)).rejects.toThrow(NotFound);
  });

  test("clients, instructors and finance cannot grant; the front desk only at their locations", async () => {
    const input = { clientId: s.clients.amara.id, credits: 5, validDays: 30, reason: "Free" };
    for (const actor of [s.clients.amara, s.clients.ben, s.staff.instructor, s.staff.finance]) {
      await expect(grantCredits(s.tenant, actor, input)).rejects.toThrow(Forbidden);
    }
    // Chloé's home is Shoreditch; the receptionist works at Camden.
    await expect(
      grantCredits(s.tenant, s.staff.receptionist, { ...input, clientId: s.clients.chloe.id }),
    ).rejects.toThrow(Forbidden);
  });
});

describe("adjustCredits", () => {
  test("adds or takes away with the reason on record, never below zero", async () => {
    const client = s.clients.ben;
    const grant = await grantCredits(s.tenant, s.staff.owner, {
      clientId: client.id,
      credits: 2,
      validDays: 30,
      reason: "Start",
    });
    await adjustCredits(s.tenant, s.staff.receptionist, {
      clientId: client.id,
      grantId: grant.id,
      delta: 3,
      reason: "Class cancelled by the studio",
    });
    await adjustCredits(s.tenant, s.staff.owner, { clientId: client.id, grantId: grant.id, delta: -4, reason: "Typo" });
    const after = await clientCredits(s.tenant, s.staff.owner, client.id);
    expect(after.grants.find((g) => g.id === grant.id)?.remaining).toBe(1);
    expect(after.ledger.slice(0, 2).map((e) => [e.kind, e.delta, e.reason, e.actorName])).toEqual([
      ["adjustment", -4, "Typo", "Owner Person"],
      ["adjustment", 3, "Class cancelled by the studio", "Rosa Desk"],
    ]);

    const tooMuch = adjustCredits(s.tenant, s.staff.owner, {
      clientId: client.id,
      grantId: grant.id,
      delta: -2,
      reason: "Oops",
    });
    await expect(tooMuch).rejects.toThrow(Refused);
    await expect(tooMuch).rejects.toMatchObject({ status: 409, code: "NOT_ENOUGH_CREDITS" });
    const unchanged = await clientCredits(s.tenant, s.staff.owner, client.id);
    expect(unchanged.grants.find((g) => g.id === grant.id)?.remaining).toBe(1);
    expect(unchanged.ledger).toHaveLength(after.ledger.length);
  });

  test("a client or an instructor cannot adjust; nor can anyone adjust another client's grant", async () => {
    const grant = await grantCredits(s.tenant, s.staff.owner, {
      clientId: s.clients.amara.id,
      credits: 1,
      validDays: 30,
      reason: "Start",
    });
    const input = { clientId: s.clients.amara.id, grantId: grant.id, delta: 5, reason: "Please" };
    for (const actor of [s.clients.amara, s.staff.instructor, s.staff.trainer]) {
      await expect(adjustCredits(s.tenant, actor, input)).rejects.toThrow(Forbidden);
    }
    await expect(adjustCredits(s.tenant, s.staff.owner, { ...input, clientId: s.clients.ella.id })).rejects.toThrow(
      NotFound,
    );
  });
});

describe("clientCredits", () => {
  test("the balance is the ledger's sum over unexpired grants; expired ones are shown, not counted", async () => {
    const s2 = await createClientsStudio();
    const client = s2.clients.ella;
    const longAgo = new Date(Date.now() - 60 * DAY_MS);
    const expired = await grantCredits(
      s2.tenant,
      s2.staff.owner,
      { clientId: client.id, credits: 4, validDays: 30, reason: "Old pack" },
      longAgo,
    );
    const live = await grantCredits(s2.tenant, s2.staff.owner, {
      clientId: client.id,
      credits: 6,
      validDays: 30,
      reason: "New pack",
    });
    await adjustCredits(s2.tenant, s2.staff.owner, { clientId: client.id, grantId: live.id, delta: -1, reason: "x" });
    const credits = await clientCredits(s2.tenant, client, client.id);
    expect(credits.balance).toBe(5);
    expect(credits.grants.map((g) => [g.id, g.remaining, g.expired])).toEqual([
      [expired.id, 4, true],
      [live.id, 5, false],
    ]);
    expect(credits.ledger.map((e) => e.delta)).toEqual([-1, 6, 4]);
  });

  test("a client sees their own; not another client's; staff see the clients they may see", async () => {
    const s2 = await createClientsStudio();
    expect((await clientCredits(s2.tenant, s2.clients.amara, s2.clients.amara.id)).balance).toBe(0);
    await expect(clientCredits(s2.tenant, s2.clients.amara, s2.clients.ben.id)).rejects.toThrow(Forbidden);
    // Amara is Priya's client, not Tom's.
    await expect(clientCredits(s2.tenant, s2.staff.instructor, s2.clients.amara.id)).resolves.toBeTruthy();
    await expect(clientCredits(s2.tenant, s2.staff.trainer, s2.clients.amara.id)).rejects.toThrow(Forbidden);
    // A staff member's own id, and another studio's client, are no client here.
    await expect(clientCredits(s2.tenant, s2.staff.owner, s2.staff.owner.id)).rejects.toThrow(NotFound);
    await expect(clientCredits(s2.tenant, s2.staff.owner, s.clients.amara.id)).rejects.toThrow(NotFound);
  });
});

describe("pickGrants", () => {
  const grants = [
    { id: "soonest", remaining: 1 },
    { id: "empty", remaining: 0 },
    { id: "later", remaining: 5 },
  ];

  test("takes from the grants in the order given (soonest expiry first), spanning grants", () => {
    expect(pickGrants(grants, 1)).toEqual([{ grantId: "soonest", credits: 1 }]);
    expect(pickGrants(grants, 3)).toEqual([
      { grantId: "soonest", credits: 1 },
      { grantId: "later", credits: 2 },
    ]);
    expect(pickGrants(grants, 6)).toEqual([
      { grantId: "soonest", credits: 1 },
      { grantId: "later", credits: 5 },
    ]);
  });

  test("null when there are not enough", () => {
    expect(pickGrants(grants, 7)).toBeNull();
    expect(pickGrants([], 1)).toBeNull();
  });

  test("spendable grants come soonest expiry first, valid here, for this, and not expired", async () => {
    const s2 = await createClientsStudio();
    const db = database();
    const yoga = await insertService(db, s2.tenant, {
      name: "Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [s2.camden.id],
    });
    const pt = await insertService(db, s2.tenant, {
      name: "PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [s2.camden.id],
    });
    const client = s2.clients.ella.id;
    const now = new Date();
    const give = async (validDays: number, coverage: { locationIds?: string[]; serviceIds?: string[] } = {}) => {
      const pack = await insertPackage(db, s2.tenant, {
        name: `${validDays} days`,
        credits: 2,
        priceMinor: 0,
        validDays,
        ...coverage,
      });
      return (await grantCredits(s2.tenant, s2.staff.owner, { clientId: client, packageId: pack.id, reason: "x" }, now))
        .id;
    };
    const late = await give(60);
    const soon = await give(10);
    const middle = await give(30);
    await give(5, { locationIds: [s2.shoreditch.id] });
    await give(6, { serviceIds: [pt.id] });
    await grantCredits(
      s2.tenant,
      s2.staff.owner,
      { clientId: client, credits: 9, validDays: 1, reason: "expired" },
      new Date(now.getTime() - 2 * DAY_MS),
    );
    const spendable = await db.transaction((tx) =>
      lockSpendableGrants(tx, s2.tenant, { clientId: client, locationId: s2.camden.id, serviceId: yoga.id, at: now }),
    );
    expect(spendable.map((g) => g.id)).toEqual([soon, middle, late]);
    expect(pickGrants(spendable, 3)).toEqual([
      { grantId: soon, credits: 2 },
      { grantId: middle, credits: 1 },
    ]);
  });
});

describe("the ledger is append-only and the only way to move credits", () => {
  test("updating or deleting a ledger row, or writing remaining directly, fails", async () => {
    const grant = await grantCredits(s.tenant, s.staff.owner, {
      clientId: s.clients.chloe.id,
      credits: 2,
      validDays: 30,
      reason: "Start",
    });
    const db = database();
    const { creditLedger, creditGrants } = s.tenant.t;
    await expect(
      db.update(creditLedger).set({ delta: 50 }).where(eq(creditLedger.grantId, grant.id)),
    ).rejects.toThrow();
    await expect(db.delete(creditLedger).where(eq(creditLedger.grantId, grant.id))).rejects.toThrow();
    await expect(db.update(creditGrants).set({ remaining: 99 }).where(eq(creditGrants.id, grant.id))).rejects.toThrow();
    const [row] = await db.select().from(creditGrants).where(eq(creditGrants.id, grant.id));
    expect(row?.remaining).toBe(2);
    expect((await clientCredits(s.tenant, s.staff.owner, s.clients.chloe.id)).balance).toBe(2);
  });

  test("a new grant starts empty whatever remaining it is given", async () => {
    const db = database();
    const [row] = await db
      .insert(s.tenant.t.creditGrants)
      .values({ clientId: s.clients.chloe.id, name: "Forged", expiresAt: new Date(Date.now() + DAY_MS), remaining: 50 })
      .returning();
    expect(row?.remaining).toBe(0);
  });
});

describe("the credit forms", () => {
  test("a package, or a number of credits with days, always with a reason", () => {
    const id = randomUUID();
    expect(GrantCreditsSchema.parse({ packageId: id, reason: " Paid " })).toEqual({ packageId: id, reason: "Paid" });
    expect(GrantCreditsSchema.parse({ packageId: "custom", credits: "3", validDays: "30", reason: "Gift" })).toEqual({
      credits: 3,
      validDays: 30,
      name: undefined,
      reason: "Gift",
    });
    const missing = GrantCreditsSchema.safeParse({ packageId: "custom" });
    expect(missing.error?.issues.map((i) => i.path[0]).sort()).toEqual(["credits", "reason", "validDays"]);
  });

  test("an adjustment is a whole number other than 0, with a reason", () => {
    const grantId = randomUUID();
    expect(AdjustCreditsSchema.parse({ grantId, delta: "-2", reason: "Typo" })).toEqual({
      grantId,
      delta: -2,
      reason: "Typo",
    });
    for (const delta of ["0", "1.5", "x", "501"]) {
      expect(AdjustCreditsSchema.safeParse({ grantId, delta, reason: "r" }).error?.issues[0]?.path).toEqual(["delta"]);
    }
    expect(AdjustCreditsSchema.safeParse({ grantId, delta: "1" }).error?.issues[0]?.path).toEqual(["reason"]);
  });
});
