import type { PgDatabase } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase, type PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import postgres from "postgres";

export type Db = PostgresJsDatabase;
/** A database handle or an open transaction: models take one as their first argument. */
export type Executor = PgDatabase<PostgresJsQueryResultHKT>;

export function connect(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Tenant queries name their schema, so nothing here depends on connection state.
    connection: { application_name: "wondrous" },
  });
  return { client, db: drizzle(client) };
}

let shared: ReturnType<typeof connect> | undefined;

/** The process-wide pool, opened on first use from DATABASE_URL. */
export function database(): Db {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one");
    shared = connect(url);
  }
  return shared.db;
}

export async function closeDatabase() {
  const current = shared;
  shared = undefined;
  await current?.client.end({ timeout: 5 });
}
