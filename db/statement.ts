import { type DriverValueEncoder, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client";
import type { TenantTables } from "./schema/tenant";

/** A studio and its tables (the app's Tenant): the schema names the cache entry. */
type Tenant = { readonly studio: { readonly schemaName: string }; readonly t: TenantTables };

/**
 * Statements the hot paths send on every booking and page, built once per studio schema and
 * reused (decision 0021). Drizzle assembles a query's SQL text in JavaScript on every call
 * (entity checks, chunk walking, name escaping): under booking load that was a fifth of the web
 * process's CPU. A statement here is built the first time a studio sends it, with placeholders
 * for its values, and later calls only fill the placeholders and map the rows.
 *
 * The cache is keyed by schema and statement name and holds the SQL text, its parameter list
 * and the drizzle field map the rows are read with: never values, never rows. It is bounded (the
 * least recently used shape goes first), so ten thousand studios cost at most `SHAPE_LIMIT`
 * shapes, not one each per statement.
 */
export const SHAPE_LIMIT = 5_000;

type Values = Record<string, unknown>;
/** What drizzle's builders return from `prepare`: only its execute is used, through the session. */
type Preparable<Result> = { prepare(name: string): { execute(values?: Values): Promise<Result> } };

/** Drizzle's prepared query, as far as the cache needs it (its fields are internal). */
type PreparedInternals = {
  queryString: string;
  params: unknown[];
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  customResultMapper?: unknown;
  isResponseInArrayMode(): boolean;
};
type Session = {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: unknown,
    name: string,
    arrayMode: boolean,
    mapper: unknown,
  ): { joinsNotNullableMap?: unknown; execute(values?: Values): Promise<unknown> };
};
type Shape = {
  query: { sql: string; params: unknown[] };
  fields: unknown;
  joins: unknown;
  mapper: unknown;
  arrayMode: boolean;
};

const shapes = new Map<string, Shape>();
const keyOf = (tenant: Tenant, name: string) => `${tenant.studio.schemaName}\u0000${name}`;

function remember(key: string, shape: Shape) {
  if (shapes.size >= SHAPE_LIMIT) shapes.delete(shapes.keys().next().value as string);
  shapes.set(key, shape);
}

function recall(key: string): Shape | undefined {
  const shape = shapes.get(key);
  if (shape) {
    // Most recently used last: Map keeps insertion order, so the first key is the oldest.
    shapes.delete(key);
    shapes.set(key, shape);
  }
  return shape;
}

function shapeOf(prepared: PreparedInternals): Shape {
  return {
    query: { sql: prepared.queryString, params: prepared.params },
    fields: prepared.fields,
    joins: prepared.joinsNotNullableMap,
    mapper: prepared.customResultMapper,
    arrayMode: prepared.isResponseInArrayMode(),
  };
}

/** The shape for this studio and statement, built on first use, run on `x` (the pool or a transaction). */
function run<Result>(
  x: Executor,
  tenant: Tenant,
  name: string,
  build: () => Preparable<Result>,
  values: Values,
): Promise<Result> {
  const key = keyOf(tenant, name);
  let shape = recall(key);
  if (!shape) {
    shape = shapeOf(build().prepare(name) as unknown as PreparedInternals);
    remember(key, shape);
  }
  // The session is the executor's connection (a transaction's own), so the statement runs there.
  const session = (x as unknown as { _: { session: Session } })._.session;
  const query = session.prepareQuery(shape.query, shape.fields, name, shape.arrayMode, shape.mapper);
  query.joinsNotNullableMap = shape.joins;
  return query.execute(values) as Promise<Result>;
}

/**
 * A tenant statement with named placeholders (`sql.placeholder("id")`, via `value`): `build`
 * runs once per studio schema.
 */
export function tenantStatement<V extends Values, Result>(
  name: string,
  build: (x: Executor, t: TenantTables) => Preparable<Result>,
) {
  return (x: Executor, tenant: Tenant, values: V): Promise<Result> =>
    run(x, tenant, name, () => build(x, tenant.t), values);
}

/**
 * A named placeholder, filled from the values a statement is called with. Give the column when
 * its value needs converting for the driver (timestamps, JSON): drizzle then encodes it as the
 * column does, as it would a literal value.
 */
export const value = (name: string, column?: DriverValueEncoder<unknown, unknown>) =>
  column ? sql.param(sql.placeholder(name), column) : sql.placeholder(name);

/**
 * `INSERT … RETURNING *` built once per studio and set of columns given (an absent or undefined
 * column takes its default, as drizzle's own insert does). A null goes into the statement as
 * NULL: drizzle's encoders turn values, not nulls, into the driver's form.
 */
export function tenantInsert<Table extends PgTable>(name: string, table: (t: TenantTables) => Table) {
  return async (x: Executor, tenant: Tenant, values: Table["$inferInsert"]): Promise<Table["$inferSelect"][]> => {
    const given = values as Values;
    const columns = Object.keys(given)
      .filter((column) => given[column] !== undefined)
      .sort();
    const shape = columns.map((column) => (given[column] === null ? `${column}=null` : column)).join(",");
    return run(
      x,
      tenant,
      `${name}(${shape})`,
      () =>
        x
          .insert(table(tenant.t))
          .values(
            Object.fromEntries(
              columns.map((column) => [column, given[column] === null ? sql`null` : sql.placeholder(column)]),
            ) as never,
          )
          .returning() as unknown as Preparable<Table["$inferSelect"][]>,
      given,
    );
  };
}

/** For tests: what the cache holds, and a clean slate. */
export const statementCache = {
  size: () => shapes.size,
  has: (tenant: Tenant, name: string) => shapes.has(keyOf(tenant, name)),
  clear: () => shapes.clear(),
};
