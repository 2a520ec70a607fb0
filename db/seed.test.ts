import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { freshDatabase } from "../test/db";
import { closeDatabase } from "./client";
import { migrateAll } from "./migrator";
import { seedDemoStudio } from "./seed";

describe("demo studio seed", () => {
  afterAll(async () => {
    await closeDatabase();
  });

  test("is idempotent: a second run adds nothing and changes nothing", async () => {
    const fresh = await freshDatabase();
    // Services scheduled by the seed use the shared pool: point it at this database.
    await closeDatabase();
    process.env.DATABASE_URL = fresh.url;
    try {
      await migrateAll(fresh.db);
      expect(await seedDemoStudio(fresh.db)).toEqual({ created: true });
      const [{ schema_name: schema } = { schema_name: "" }] = await fresh.db.execute<{ schema_name: string }>(
        sql`SELECT schema_name FROM public.organizations WHERE slug = 'demo'`,
      );
      const counts = () =>
        fresh.db.execute(
          sql.raw(
            [
              "users",
              "locations",
              "services",
              "instructor_availability",
              "class_series",
              "occurrences",
              "location_travel_times",
              "packages",
              "credit_grants",
              "credit_ledger",
              "bookings",
            ]
              .map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM "${schema}"."${table}"`)
              .join(" UNION ALL "),
          ),
        );
      const first = await counts();
      expect(first.find((row) => row.t === "occurrences")?.n).toBeGreaterThan(100);
      expect(first.filter((row) => ["packages", "credit_grants"].includes(row.t as string))).toEqual([
        { t: "packages", n: 3 },
        { t: "credit_grants", n: 6 },
      ]);
      // Demo bookings go through the engine: each spent a credit from the ledger.
      const booked = first.find((row) => row.t === "bookings")?.n as number;
      expect(booked).toBeGreaterThanOrEqual(6);
      expect(first.find((row) => row.t === "credit_ledger")?.n).toBe(6 + booked);
      const [settings] = await fresh.db.execute<{ max: number }>(
        sql.raw(`SELECT max_spots_per_booking AS max FROM "${schema}".studio_settings`),
      );
      expect(settings?.max).toBe(3);
      expect(await seedDemoStudio(fresh.db)).toEqual({ created: false });
      expect(await counts()).toEqual(first);
    } finally {
      await closeDatabase();
      await fresh.close();
    }
  });
});
