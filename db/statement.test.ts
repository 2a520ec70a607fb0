import { and, DrizzleQueryError, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { beforeEach, describe, expect, it } from "vitest";
import { createTestStudio } from "../test/factories";
import { database, type Executor } from "./client";
import { SHAPE_LIMIT, statementCache, tenantInsert, tenantStatement, value } from "./statement";

const locationNamed = tenantStatement("test:locationNamed", (x, t) =>
  x
    .select({ id: t.locations.id, name: t.locations.name })
    .from(t.locations)
    .where(eq(t.locations.name, value("name"))),
);
const insertServiceRow = tenantInsert("test:insertService", (t) => t.services);

describe("statements built once per studio schema", () => {
  beforeEach(() => statementCache.clear());

  it("answers each studio from its own schema, though the statement's name is the same", async () => {
    const a = await createTestStudio({ name: "Alpha Statements" });
    const b = await createTestStudio({ name: "Bravo Statements" });
    const name = a.location.name;
    expect(b.location.name).toBe(name);
    const fromA = await locationNamed(database(), a.tenant, { name });
    const fromB = await locationNamed(database(), b.tenant, { name });
    expect(fromA).toEqual([{ id: a.location.id, name }]);
    expect(fromB).toEqual([{ id: b.location.id, name }]);
    expect(statementCache.size()).toBe(2);
  });

  it("runs in the transaction it is given: a rolled-back insert is gone, and seen inside it", async () => {
    const studio = await createTestStudio({ name: "Rollback Statements" });
    const rolledBack = new Error("roll back");
    await expect(
      database().transaction(async (tx) => {
        const [row] = await insertServiceRow(tx, studio.tenant, {
          name: "Inside",
          type: "session",
          durationMinutes: 30,
          locationIds: [studio.location.id],
        });
        const seen = await tx
          .select()
          .from(studio.tenant.t.services)
          .where(eq(studio.tenant.t.services.id, row?.id ?? ""));
        expect(seen).toHaveLength(1);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    const left = await database()
      .select()
      .from(studio.tenant.t.services)
      .where(eq(studio.tenant.t.services.name, "Inside"));
    expect(left).toEqual([]);
  });

  it("builds an insert per set of columns given, defaults for the rest, nulls as NULL, values encoded as the column encodes them", async () => {
    const studio = await createTestStudio({ name: "Columns Statements" });
    const base = { type: "class" as const, durationMinutes: 45, locationIds: [studio.location.id] };
    const [plain] = await insertServiceRow(database(), studio.tenant, { ...base, name: "Plain" });
    const [priced] = await insertServiceRow(database(), studio.tenant, {
      ...base,
      name: "Priced",
      priceMinor: 1500,
      capacity: 12,
      description: undefined,
      // A null timestamp: drizzle's encoder would fail on it as a placeholder's value.
      archivedAt: null,
    });
    expect(plain).toMatchObject({ name: "Plain", priceMinor: 0, locationIds: [studio.location.id] });
    expect(priced).toMatchObject({ name: "Priced", priceMinor: 1500, capacity: 12, archivedAt: null });
    expect(plain?.createdAt).toBeInstanceOf(Date);
    expect(statementCache.size()).toBe(2);
  });

  it("keeps at most SHAPE_LIMIT shapes, dropping the least recently used", async () => {
    const studio = await createTestStudio({ name: "Bounded Statements" });
    const name = studio.location.name;
    await locationNamed(database(), studio.tenant, { name });
    const filler = Array.from({ length: SHAPE_LIMIT }, (_, i) =>
      tenantStatement(`test:filler${i}`, (x, t) => x.select({ id: t.locations.id }).from(t.locations).limit(0)),
    );
    await filler[0]?.(database(), studio.tenant, {});
    // Used again: now the most recent, so the next shapes push out filler0 instead.
    await locationNamed(database(), studio.tenant, { name });
    for (const statement of filler.slice(1)) await statement(database(), studio.tenant, {});
    expect(statementCache.size()).toBe(SHAPE_LIMIT);
    expect(statementCache.has(studio.tenant, "test:locationNamed")).toBe(true);
    expect(statementCache.has(studio.tenant, "test:filler0")).toBe(false);
  });

  it("reads rows as drizzle would: nested objects, a left join's missing row as null, expressions, decoded values", async () => {
    const studio = await createTestStudio({ name: "Rows Statements" });
    const { t } = studio.tenant;
    const manager = alias(t.users, "manager");
    // Every location with its active row, the owner as manager where one exists, and an expression.
    const query = (x: Executor) =>
      x
        .select({
          location: t.locations,
          manager: { id: manager.id, name: manager.fullName },
          named: sql<string>`upper(${t.locations.name})`,
          checkedAt: sql`timestamptz '2026-01-02 03:04:05+00'`.mapWith(t.locations.createdAt),
        })
        .from(t.locations)
        .leftJoin(manager, and(eq(manager.id, value("managerId")), eq(t.locations.name, value("managedName"))))
        .orderBy(t.locations.name);
    const listed = tenantStatement("test:locationsWithManager", query);
    const { id: _id, createdAt: _at, ...main } = studio.location;
    await database()
      .insert(t.locations)
      .values({ ...main, name: "Annexe" });
    const values = { managerId: studio.owner.id, managedName: studio.location.name };
    const ours = await listed(database(), studio.tenant, values);
    const drizzles = await query(database()).prepare("test:drizzle").execute(values);
    expect(ours).toEqual(drizzles);
    expect(ours.map((row) => row.manager)).toEqual([null, { id: studio.owner.id, name: studio.owner.fullName }]);
    expect(ours[0]?.location.createdAt).toBeInstanceOf(Date);
    expect(ours[0]?.checkedAt).toBeInstanceOf(Date);
  });

  it("reports a refusal as drizzle does, with the database's error as the cause", async () => {
    const studio = await createTestStudio({ name: "Refusal Statements" });
    const error = await insertServiceRow(database(), studio.tenant, {
      name: "No length",
      type: "session",
      durationMinutes: -5,
      locationIds: [studio.location.id],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrizzleQueryError);
    expect((error as DrizzleQueryError).cause).toMatchObject({ code: "23514" });
  });
});
