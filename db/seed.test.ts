import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, describe, expect, test } from "vitest";
import { findStudioBySlug } from "../app/models/organization.server";
import { tenantFor } from "../app/services/tenancy/tenant.server";
import { freshDatabase } from "../test/db";
import { closeDatabase, type Db } from "./client";
import { migrateAll } from "./migrator";
import { seedDemoStudio } from "./seed";
import { fillTheWeek, REGULARS } from "./seed-regulars";

type ClassRow = {
  id: string;
  location: string;
  hours: Record<string, { open: string; close: string } | null>;
  instructor: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
};

const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** The studio's classes with where, when and how full, read straight from its schema. */
async function classes(db: Db, schema: string): Promise<ClassRow[]> {
  const rows = await db.execute<ClassRow>(
    sql.raw(`SELECT o.id, l.name AS location, l.operating_hours AS hours, o.instructor_id AS instructor,
                    o.starts_at, o.ends_at, o.capacity, o.booked_spots AS booked
               FROM "${schema}".occurrences o
               JOIN "${schema}".locations l ON l.id = o.location_id
              WHERE o.status = 'scheduled' ORDER BY o.starts_at`),
  );
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }));
}

const DAY_MS = 24 * 60 * 60 * 1000;
const local = (at: Date) => DateTime.fromJSDate(new Date(at), { zone: "Europe/London" });

describe("demo studio seed", () => {
  afterAll(async () => {
    await closeDatabase();
  });

  test("is idempotent: a second run adds nothing and changes nothing", { timeout: 180_000 }, async () => {
    const fresh = await freshDatabase();
    // Services scheduled by the seed use the shared pool: point it at this database.
    await closeDatabase();
    process.env.DATABASE_URL = fresh.url;
    try {
      await migrateAll(fresh.db);
      const started = performance.now();
      expect(await seedDemoStudio(fresh.db)).toEqual({ created: true });
      const took = Math.round(performance.now() - started);
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
      expect(first.find((row) => row.t === "packages")?.n).toBe(4);
      // Demo bookings go through the engine: each spent a credit from the ledger, and every
      // grant (the demo clients' and the packs the regulars bought) wrote one entry.
      const booked = first.find((row) => row.t === "bookings")?.n as number;
      const grants = first.find((row) => row.t === "credit_grants")?.n as number;
      expect(booked).toBeGreaterThan(200);
      expect(first.find((row) => row.t === "credit_ledger")?.n).toBe(grants + booked);
      // The named demo clients keep their own credits: the regulars fill the classes.
      const [named] = await fresh.db.execute<{ grants: number; bookings: number }>(
        sql.raw(`SELECT (SELECT count(*)::int FROM "${schema}".credit_grants g JOIN "${schema}".users u ON u.id = g.client_id
                          WHERE u.email NOT IN (${REGULARS.map((r) => `'${r.email}'`).join(",")})) AS grants,
                        (SELECT count(*)::int FROM "${schema}".bookings b JOIN "${schema}".users u ON u.id = b.client_id
                          WHERE u.email NOT IN (${REGULARS.map((r) => `'${r.email}'`).join(",")})) AS bookings`),
      );
      expect(named?.grants).toBe(6);
      expect(named?.bookings).toBeGreaterThanOrEqual(6);
      expect(named?.bookings).toBeLessThanOrEqual(10);
      const [settings] = await fresh.db.execute<{ max: number }>(
        sql.raw(`SELECT max_spots_per_booking AS max FROM "${schema}".studio_settings`),
      );
      expect(settings?.max).toBe(3);
      const restart = performance.now();
      expect(await seedDemoStudio(fresh.db)).toEqual({ created: false });
      process.stdout.write(`seed: first run ${took} ms, second ${Math.round(performance.now() - restart)} ms\n`);
      expect(await counts()).toEqual(first);

      // A real week: classes every day of the next seven at both locations, five to eight on a
      // weekday and fewer at weekends, each inside its location's opening hours.
      const now = new Date();
      const rows = await classes(fresh.db, schema);
      const today = local(now).startOf("day");
      for (let day = 0; day < 7; day++) {
        const date = today.plus({ days: day });
        for (const place of ["Camden", "Shoreditch"]) {
          const that = rows.filter((r) => r.location === place && local(r.starts_at).hasSame(date, "day"));
          expect(that.length, `${place} on ${date.toISODate()}`).toBeGreaterThanOrEqual(date.weekday >= 6 ? 3 : 5);
          expect(that.length, `${place} on ${date.toISODate()}`).toBeLessThanOrEqual(8);
          // The first class of a day keeps places: journeys book "the first class on the schedule".
          expect(that[0]?.booked).toBeLessThan(that[0]?.capacity as number);
        }
      }
      const hhmm = (at: Date) => local(at).toFormat("HH:mm");
      for (const r of rows) {
        const hours = r.hours[WEEKDAY_KEYS[local(r.starts_at).weekday - 1] as string];
        expect(
          hours && hhmm(r.starts_at) >= hours.open && hhmm(r.ends_at) <= hours.close,
          `${r.location} ${r.starts_at}`,
        ).toBe(true);
      }
      // No one teaches in the hours they keep for 1:1 sessions.
      const blocks = await fresh.db.execute<{ instructor: string; weekday: number; start: string; end: string }>(
        sql.raw(`SELECT instructor_id AS instructor, weekday, start_time::text AS start, end_time::text AS "end"
                   FROM "${schema}".instructor_availability`),
      );
      for (const r of rows) {
        const clash = blocks.find(
          (b) =>
            b.instructor === r.instructor &&
            b.weekday === local(r.starts_at).weekday &&
            hhmm(r.starts_at) < b.end.slice(0, 5) &&
            hhmm(r.ends_at) > b.start.slice(0, 5),
        );
        expect(clash, `${r.location} ${r.starts_at}`).toBeUndefined();
      }
      // Some of the coming days' classes are full and some nearly full.
      const full = (r: ClassRow) => r.booked === r.capacity;
      const nearlyFull = (r: ClassRow) => r.capacity - r.booked >= 1 && r.capacity - r.booked <= 2;
      const within = (from: Date, days: number) =>
        rows.filter((r) => r.starts_at > from && r.starts_at.getTime() < from.getTime() + days * DAY_MS);
      expect(within(now, 5).filter(full).length).toBeGreaterThanOrEqual(4);
      expect(within(now, 5).filter(nearlyFull).length).toBeGreaterThanOrEqual(4);

      // The seed runs at every start: three days on, the days that have come within reach fill too.
      const later = new Date(now.getTime() + 3 * DAY_MS);
      const studio = await findStudioBySlug(fresh.db, "demo");
      await fillTheWeek(fresh.db, tenantFor(studio!), later);
      const newDays = (await classes(fresh.db, schema)).filter(
        (r) =>
          r.starts_at.getTime() >= now.getTime() + 5 * DAY_MS && r.starts_at < new Date(later.getTime() + 5 * DAY_MS),
      );
      expect(newDays.filter(full).length).toBeGreaterThanOrEqual(2);
      expect(newDays.filter(nearlyFull).length).toBeGreaterThanOrEqual(2);
    } finally {
      await closeDatabase();
      await fresh.close();
    }
  });
});
