import { beforeAll, describe, expect, test } from "vitest";
import { database } from "~db/client";
import { createTestStudio } from "../../test/factories";
import * as authTokens from "./auth-token.server";
import * as locations from "./location.server";
import * as users from "./user.server";

/**
 * Two studios with deliberately overlapping data (same owner email, same location name).
 * Every tenant model function is called with studio A and must only ever see A's rows,
 * even when handed B's ids.
 */
describe("two studios' data never mix through a model function", () => {
  type Studio = Awaited<ReturnType<typeof createTestStudio>>;
  let a: Studio;
  let b: Studio;
  const db = database();

  beforeAll(async () => {
    a = await createTestStudio({ name: "Alpha Fitness", ownerEmail: "same@example.com" });
    b = await createTestStudio({ name: "Bravo Yoga", ownerEmail: "same@example.com" });
    await users.insertUser(db, b.tenant, { email: "only-b@example.com", fullName: "Only B", role: "instructor" });
    await authTokens.insertAuthToken(db, b.tenant, {
      userId: b.owner.id,
      purpose: "handoff",
      tokenHash: "b-token",
      expiresAt: new Date(Date.now() + 60_000),
    });
  });

  const checks: Record<string, () => Promise<void>> = {
    "locations.insertLocation": async () => {
      const made = await locations.insertLocation(db, a.tenant, {
        name: "Annex",
        timezone: "Europe/London",
        address: { line1: "2 Road", city: "London", postcode: "N2", country: "GB" },
        operatingHours: a.location.operatingHours,
      });
      expect((await locations.listActiveLocations(db, b.tenant)).map((l) => l.id)).not.toContain(made.id);
    },
    "locations.listActiveLocations": async () => {
      const ids = (await locations.listActiveLocations(db, a.tenant)).map((l) => l.id);
      expect(ids).toContain(a.location.id);
      expect(ids).not.toContain(b.location.id);
    },
    "locations.findLocationByName": async () => {
      expect((await locations.findLocationByName(db, a.tenant, "Main"))?.id).toBe(a.location.id);
    },
    "users.insertUser": async () => {
      const made = await users.insertUser(db, a.tenant, { email: "new@example.com", fullName: "New", role: "client" });
      expect(await users.findActiveUserById(db, b.tenant, made.id)).toBeUndefined();
    },
    "users.findUserByEmail": async () => {
      expect((await users.findUserByEmail(db, a.tenant, "SAME@example.com"))?.id).toBe(a.owner.id);
      expect(await users.findUserByEmail(db, a.tenant, "only-b@example.com")).toBeUndefined();
    },
    "users.findActiveUserById": async () => {
      expect((await users.findActiveUserById(db, a.tenant, a.owner.id))?.id).toBe(a.owner.id);
      expect(await users.findActiveUserById(db, a.tenant, b.owner.id)).toBeUndefined();
    },
    "users.listStaff": async () => {
      const emails = (await users.listStaff(db, a.tenant)).map((u) => u.email);
      expect(emails).toContain("same@example.com");
      expect(emails).not.toContain("only-b@example.com");
    },
    "authTokens.insertAuthToken": async () => {
      await authTokens.insertAuthToken(db, a.tenant, {
        userId: a.owner.id,
        purpose: "handoff",
        tokenHash: "a-token",
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await authTokens.consumeAuthToken(db, b.tenant, "handoff", "a-token", new Date())).toBeUndefined();
    },
    "authTokens.deleteStaleAuthTokens": async () => {
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: b.owner.id,
        purpose: "handoff",
        tokenHash: "b-stale",
        expiresAt: new Date(Date.now() - 60_000),
      });
      expect(await authTokens.deleteStaleAuthTokens(db, a.tenant, new Date())).toBe(0);
      expect(await authTokens.deleteStaleAuthTokens(db, b.tenant, new Date())).toBe(1);
    },
    "authTokens.consumeAuthToken": async () => {
      expect(await authTokens.consumeAuthToken(db, a.tenant, "handoff", "b-token", new Date())).toBeUndefined();
      expect(await authTokens.consumeAuthToken(db, b.tenant, "handoff", "b-token", new Date())).toBe(b.owner.id);
    },
  };

  test("every tenant model function is covered here", () => {
    const exported = [
      ...Object.keys(locations).map((name) => `locations.${name}`),
      ...Object.keys(users).map((name) => `users.${name}`),
      ...Object.keys(authTokens).map((name) => `authTokens.${name}`),
    ];
    expect(Object.keys(checks).sort()).toEqual(exported.sort());
  });

  test.each(Object.keys(checks))("%s", async (name) => {
    await checks[name]!();
  });
});
