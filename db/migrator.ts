import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type MigrationMeta, readMigrationFiles } from "drizzle-orm/migrator";
import { installJobQueues } from "../jobs/install";
import type { Db, Executor } from "./client";

// This file runs from db/ (scripts, tests) and from build/ (bundled into the app), so the
// migrations are found from the project root rather than from this file's own folder.
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const CONTROL_MIGRATIONS = path.join(root, "db/migrations/control");
export const TENANT_MIGRATIONS = path.join(root, "db/migrations/tenant");

/** The schema name drizzle-kit generates tenant migrations against; replaced per studio. */
const TEMPLATE = '"tenant_template"';
const CONTROL_SCHEMA = "public";
const STUDIO_SCHEMA = /^studio_[0-9a-f]{32}$/;

// Advisory lock keys: one for the control schema, one per studio schema (hashed name).
const CONTROL_LOCK = 72_001;

export function studioSchemaName(organizationId: string) {
  return `studio_${organizationId.replaceAll("-", "")}`;
}

export type MigrationSet = { control: MigrationMeta[]; tenant: MigrationMeta[] };

export function readMigrations(folders = { control: CONTROL_MIGRATIONS, tenant: TENANT_MIGRATIONS }): MigrationSet {
  return {
    control: readMigrationFiles({ migrationsFolder: folders.control }),
    tenant: readMigrationFiles({ migrationsFolder: folders.tenant }),
  };
}

let current: MigrationSet | undefined;
/** The migrations shipped with this build, read from disk once per process. */
export function shippedMigrations(): MigrationSet {
  current ??= readMigrations();
  return current;
}

async function ensureBookkeeping(x: Executor) {
  await x.execute(sql`
    CREATE TABLE IF NOT EXISTS public.schema_migrations (
      schema_name text NOT NULL,
      hash text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (schema_name, hash)
    )`);
}

async function appliedHashes(x: Executor, schemaName: string) {
  const rows = await x.execute<{ hash: string }>(
    sql`SELECT hash FROM public.schema_migrations WHERE schema_name = ${schemaName}`,
  );
  return new Set(rows.map((row) => row.hash));
}

async function runMigration(x: Executor, schemaName: string, migration: MigrationMeta, rewrite: (s: string) => string) {
  for (const statement of migration.sql) {
    const text = rewrite(statement).trim();
    if (text) await x.execute(sql.raw(text));
  }
  await x.execute(
    sql`INSERT INTO public.schema_migrations (schema_name, hash) VALUES (${schemaName}, ${migration.hash})`,
  );
}

/** Rewrites template SQL for one studio's schema. The name is checked, never interpolated raw. */
function forSchema(schemaName: string) {
  if (!STUDIO_SCHEMA.test(schemaName)) throw new Error(`Refusing to migrate unexpected schema name "${schemaName}"`);
  const quoted = `"${schemaName}"`;
  return (statement: string) =>
    statement
      .replaceAll(TEMPLATE, quoted)
      .replace(new RegExp(`^\\s*CREATE SCHEMA ${quoted}`, "m"), `CREATE SCHEMA IF NOT EXISTS ${quoted}`);
}

/**
 * Applies the pending tenant migrations to one studio's schema, inside the caller's
 * transaction. The per-schema advisory lock makes concurrent migrators (two deploys, or a
 * deploy racing a sign-up) queue here, and the applied set is re-read under the lock.
 */
export async function migrateStudioSchema(tx: Executor, schemaName: string, migrations: MigrationMeta[]) {
  const rewrite = forSchema(schemaName);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTROL_LOCK}, hashtext(${schemaName}))`);
  const applied = await appliedHashes(tx, schemaName);
  const pending = migrations.filter((m) => !applied.has(m.hash));
  for (const migration of pending) await runMigration(tx, schemaName, migration, rewrite);
  return pending.length;
}

export type MigrationReport = {
  control: number;
  studios: number;
  studiosMigrated: number;
  tenantMigrationsApplied: number;
  failures: { schemaName: string; error: string }[];
};

/**
 * Control migrations first, then every studio schema, each in its own transaction so that
 * one broken studio does not block the rest (it is reported, and the run fails at the end).
 * Safe to run twice and from two processes at once.
 */
export async function migrateAll(db: Db, migrations = shippedMigrations()): Promise<MigrationReport> {
  const control = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTROL_LOCK})`);
    await ensureBookkeeping(tx);
    const applied = await appliedHashes(tx, CONTROL_SCHEMA);
    const pending = migrations.control.filter((m) => !applied.has(m.hash));
    for (const migration of pending) await runMigration(tx, CONTROL_SCHEMA, migration, (s) => s);
    return pending.length;
  });
  await installJobQueues(db);

  const latest = migrations.tenant.map((m) => m.hash);
  // One query tells which studios are behind, so an up-to-date fleet costs one round trip.
  const behind = await db.execute<{ schema_name: string }>(sql`
    SELECT o.schema_name FROM public.organizations o
    WHERE (SELECT count(*) FROM public.schema_migrations m
           WHERE m.schema_name = o.schema_name AND m.hash = ANY(${`{${latest.join(",")}}`}::text[])) < ${latest.length}
    ORDER BY o.created_at`);
  const [{ n: studios } = { n: 0 }] = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM public.organizations`,
  );

  const report: MigrationReport = { control, studios, studiosMigrated: 0, tenantMigrationsApplied: 0, failures: [] };
  for (const { schema_name: schemaName } of behind) {
    try {
      const applied = await db.transaction((tx) => migrateStudioSchema(tx, schemaName, migrations.tenant));
      if (applied > 0) report.studiosMigrated += 1;
      report.tenantMigrationsApplied += applied;
    } catch (error) {
      report.failures.push({ schemaName, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
