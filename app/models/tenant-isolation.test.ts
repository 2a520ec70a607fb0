/// <reference types="vite/client" />
import { beforeAll, describe, expect, test } from "vitest";
import { database } from "~db/client";
import { createTestStudio } from "../../test/factories";
import * as apiTokens from "./api-token.server";
import * as authTokens from "./auth-token.server";
import * as clientInstructors from "./client-instructor.server";
import * as locations from "./location.server";
import * as outbox from "./outbox.server";
import * as users from "./user.server";

/** Models of the control schema (before a studio is known): not tenant-scoped. */
const CONTROL_MODELS = ["organization.server.ts", "health.server.ts"];

/** Every model module that works inside one studio's schema (not the control schema's). */
const TENANT_MODELS = { apiTokens, authTokens, clientInstructors, locations, outbox, users };

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
    "apiTokens.insertApiToken": async () => {
      await apiTokens.insertApiToken(db, a.tenant, { userId: a.owner.id, tokenHash: "a-api", label: "test" });
      expect(await apiTokens.findUserByApiToken(db, b.tenant, "a-api", new Date())).toBeUndefined();
    },
    "apiTokens.findUserByApiToken": async () => {
      await apiTokens.insertApiToken(db, b.tenant, { userId: b.owner.id, tokenHash: "b-api", label: "test" });
      expect(await apiTokens.findUserByApiToken(db, a.tenant, "b-api", new Date())).toBeUndefined();
      expect((await apiTokens.findUserByApiToken(db, b.tenant, "b-api", new Date()))?.id).toBe(b.owner.id);
    },
    "apiTokens.revokeApiToken": async () => {
      await apiTokens.insertApiToken(db, b.tenant, { userId: b.owner.id, tokenHash: "b-api-2", label: "test" });
      expect(await apiTokens.revokeApiToken(db, a.tenant, "b-api-2", new Date())).toBe(false);
      expect((await apiTokens.findUserByApiToken(db, b.tenant, "b-api-2", new Date()))?.id).toBe(b.owner.id);
    },
    "clientInstructors.assignInstructor": async () => {
      const client = await users.insertUser(db, a.tenant, { email: "c1@example.com", fullName: "C1", role: "client" });
      await clientInstructors.assignInstructor(db, a.tenant, client.id, a.owner.id);
      expect(await clientInstructors.listInstructorIdsForClient(db, b.tenant, client.id)).toEqual([]);
    },
    "clientInstructors.listInstructorIdsForClient": async () => {
      const client = await users.insertUser(db, b.tenant, { email: "c2@example.com", fullName: "C2", role: "client" });
      await clientInstructors.assignInstructor(db, b.tenant, client.id, b.owner.id);
      expect(await clientInstructors.listInstructorIdsForClient(db, a.tenant, client.id)).toEqual([]);
      expect(await clientInstructors.listInstructorIdsForClient(db, b.tenant, client.id)).toEqual([b.owner.id]);
    },
    "outbox.insertOutboxMessage": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "x@example.com",
        subject: "Hi",
        body: "B only",
        template: "t",
      };
      await outbox.insertOutboxMessage(db, b.tenant, msg);
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).map((m) => m.body)).not.toContain("B only");
    },
    "outbox.listRecentOutboxMessages": async () => {
      const msg = { channel: "sms" as const, recipient: "+44", subject: null, body: "A only", template: "t" };
      await outbox.insertOutboxMessage(db, a.tenant, msg);
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).map((m) => m.body)).toContain("A only");
      expect((await outbox.listRecentOutboxMessages(db, b.tenant, 50)).map((m) => m.body)).not.toContain("A only");
    },
    "authTokens.consumeAuthToken": async () => {
      expect(await authTokens.consumeAuthToken(db, a.tenant, "handoff", "b-token", new Date())).toBeUndefined();
      expect(await authTokens.consumeAuthToken(db, b.tenant, "handoff", "b-token", new Date())).toBe(b.owner.id);
    },
  };

  test("every tenant model function is covered here", () => {
    const exported = Object.entries(TENANT_MODELS).flatMap(([module, fns]) =>
      Object.keys(fns).map((name) => `${module}.${name}`),
    );
    expect(Object.keys(checks).sort()).toEqual(exported.sort());
  });

  test("every model file is listed (a new one must be added above)", () => {
    const files = Object.keys(import.meta.glob("./*.server.ts"))
      .map((file) => file.replace("./", ""))
      .filter((file) => !CONTROL_MODELS.includes(file));
    expect(files.length).toBe(Object.keys(TENANT_MODELS).length);
  });

  test.each(Object.keys(checks))("%s", async (name) => {
    await checks[name]!();
  });
});
