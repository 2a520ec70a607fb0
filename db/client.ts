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
    // postgres.js waits longer before each new connection attempt while the server is down, up
    // to 20 s, and the pool reconnects only when that wait is over: a short outage would leave
    // requests queued, and /healthz at 503, for that long after the server is back.
    backoff: (retries) => Math.min(0.05 * 2 ** retries, 1),
    // Tenant queries name their schema, so nothing here depends on connection state.
    connection: { application_name: "wondrous" },
  });
  return { client, db: drizzle(preparing(client)) };
}

type Unsafe = postgres.Sql["unsafe"];

/**
 * Drizzle asks postgres.js not to prepare its queries, and postgres.js then sends every query
 * with parameters in two round trips (parse and describe, wait, then bind and execute) and
 * PostgreSQL parses and plans it each time. Prepared, a repeated query is one round trip and no
 * parse: the booking path sends a dozen of them per request (bench:booking). Queries without
 * parameters (migrations' multi-statement scripts) stay unprepared. Each connection keeps its
 * statements until postgres.js retires it (30–60 minutes), which bounds the cache a studio per
 * schema adds.
 */
function preparing<Client extends postgres.Sql>(client: Client): Client {
  const unsafe: Unsafe = (query, parameters, queryOptions) =>
    client.unsafe(query, parameters, parameters?.length ? { ...queryOptions, prepare: true } : queryOptions);
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: postgres.Sql) => unknown;
          // biome-ignore lint/suspicious/noExplicitAny: begin and savepoint take (options?, work)
          return (target as any)[property](...args, (inner: postgres.Sql) => work(preparing(inner)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
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
