import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { provisionStudio } from "~/services/studio/provisioning.server";
import { freshDatabase } from "../test/db";
import { testPasswordHash } from "../test/factories";
import { connect } from "./client";
import { CONTROL_MIGRATIONS, migrateAll, readMigrations, studioSchemaName, TENANT_MIGRATIONS } from "./migrator";

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((handle) => handle.close()));
});

async function database() {
  const handle = await freshDatabase();
  open.push(handle);
  return handle;
}

async function provision(db: Awaited<ReturnType<typeof database>>["db"], slug: string) {
  const outcome = await provisionStudio(db, {
    name: slug,
    slug,
    owner: { fullName: "Owner", email: `owner@${slug}.test`, passwordHash: await testPasswordHash() },
    location: {
      name: "Main",
      timezone: "Europe/London",
      address: { line1: "1 Road", city: "London", postcode: "N1", country: "GB" },
    },
  });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.tenant.studio;
}

/** The shipped tenant migrations plus one more, as the next release would bring. */
async function withExtraTenantMigration() {
  const folder = await mkdtemp(path.join(os.tmpdir(), "tenant-migrations-"));
  await cp(TENANT_MIGRATIONS, folder, { recursive: true });
  const journalPath = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8"));
  const tag = "9999_add_nickname";
  journal.entries.push({ idx: journal.entries.length, version: "7", when: Date.now(), tag, breakpoints: true });
  await writeFile(journalPath, JSON.stringify(journal));
  await writeFile(path.join(folder, `${tag}.sql`), 'ALTER TABLE "tenant_template"."users" ADD COLUMN "nickname" text;');
  return readMigrations({ control: CONTROL_MIGRATIONS, tenant: folder });
}

const bookkeeping = (db: Awaited<ReturnType<typeof database>>["db"]) =>
  db.execute<{ schema_name: string; n: number }>(
    sql`SELECT schema_name, count(*)::int AS n FROM public.schema_migrations GROUP BY schema_name ORDER BY schema_name`,
  );

describe("migrator", () => {
  test("applies control migrations once; a second run changes nothing", async () => {
    const { db } = await database();
    const first = await migrateAll(db);
    expect(first.control).toBeGreaterThan(0);
    const second = await migrateAll(db);
    expect(second).toMatchObject({ control: 0, studiosMigrated: 0, tenantMigrationsApplied: 0, failures: [] });
  });

  test("a new tenant migration reaches every studio once, and a rerun is a no-op", async () => {
    const { db } = await database();
    await migrateAll(db);
    const a = await provision(db, "alpha");
    const b = await provision(db, "bravo");
    const next = await withExtraTenantMigration();

    const report = await migrateAll(db, next);
    expect(report).toMatchObject({ studios: 2, studiosMigrated: 2, tenantMigrationsApplied: 2, failures: [] });
    for (const studio of [a, b]) {
      const columns = await db.execute(
        sql`SELECT 1 FROM information_schema.columns WHERE table_schema = ${studio.schemaName} AND table_name = 'users' AND column_name = 'nickname'`,
      );
      expect(columns).toHaveLength(1);
    }
    expect(await migrateAll(db, next)).toMatchObject({ studiosMigrated: 0, tenantMigrationsApplied: 0 });
  });

  test("two migrators at once apply each migration exactly once", async () => {
    const first = await database();
    await migrateAll(first.db);
    await provision(first.db, "charlie");
    await provision(first.db, "delta");
    // A second process: its own connection pool on the same database.
    const other = connect(first.url, { max: 4 });
    open.push({ close: () => other.client.end() });
    const next = await withExtraTenantMigration();

    const reports = await Promise.all([migrateAll(first.db, next), migrateAll(other.db, next)]);
    expect(reports.flatMap((r) => r.failures)).toEqual([]);
    expect(reports.reduce((sum, r) => sum + r.tenantMigrationsApplied, 0)).toBe(2);
    const rows = await bookkeeping(first.db);
    const perStudio = rows.filter((r) => r.schema_name !== "public").map((r) => r.n);
    expect(perStudio).toEqual([next.tenant.length, next.tenant.length]);
  });

  test("one broken studio is reported without blocking the others", async () => {
    const { db } = await database();
    await migrateAll(db);
    const broken = await provision(db, "echo");
    const healthy = await provision(db, "foxtrot");
    // Someone hand-made the column the next migration adds: that studio's migration fails.
    await db.execute(sql.raw(`ALTER TABLE "${broken.schemaName}"."users" ADD COLUMN "nickname" text`));

    const report = await migrateAll(db, await withExtraTenantMigration());
    expect(report.failures.map((f) => f.schemaName)).toEqual([broken.schemaName]);
    expect(report.studiosMigrated).toBe(1);
    const healthyColumns = await db.execute(
      sql`SELECT 1 FROM information_schema.columns WHERE table_schema = ${healthy.schemaName} AND column_name = 'nickname'`,
    );
    expect(healthyColumns).toHaveLength(1);
  });

  test("schema names come from the studio id only", () => {
    expect(studioSchemaName("0b6f6c1e-8a51-4c53-9a4e-2f1d6a9f3c11")).toBe("studio_0b6f6c1e8a514c539a4e2f1d6a9f3c11");
  });
});
