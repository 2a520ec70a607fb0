import {
  type DriverValueEncoder,
  Column as DrizzleColumn,
  DrizzleQueryError,
  getTableName,
  is,
  Param,
  Placeholder,
  SQL,
  Subquery,
  sql,
} from "drizzle-orm";
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

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type Encoder = { mapToDriverValue(value: unknown): unknown };
/** A selected field as drizzle's prepared query lists it: where it goes in the row, and what it is. */
type Field = { path: string[]; field: unknown };
/** Drizzle's prepared query, as far as the cache needs it (its fields are internal). */
type PreparedInternals = {
  queryString: string;
  params: unknown[];
  fields?: Field[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: unknown;
};
/** The driver under an executor: postgres.js, the pool's or the transaction's own connection. */
type Driver = {
  unsafe(
    query: string,
    parameters: unknown[],
    options: { prepare: boolean },
  ): Promise<unknown[]> & { values(): Promise<unknown[][]> };
};

/** Where each column of a row goes, decoded as drizzle would; `table` for a joined table's columns. */
type Column = { path: readonly string[]; decoder: Decoder; table: string | undefined };
type Shape = {
  sql: string;
  /** Each parameter from the call's values: a placeholder's value (encoded, if its column says so) or a constant. */
  params: ((values: Values) => unknown)[];
  /** Undefined: the statement returns rows as the driver gives them (no select list). */
  columns: Column[] | undefined;
  /** Tables joined so that their columns may all be null (left joins): drizzle's own map. */
  joins: Record<string, boolean> | undefined;
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

function placeholderValue(name: string, values: Values) {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

/** A parameter as drizzle's fillPlaceholders reads it, decided once instead of on every call. */
function parameterOf(param: unknown): (values: Values) => unknown {
  if (is(param, Placeholder)) return (values) => placeholderValue(param.name, values);
  if (is(param, Param) && is(param.value, Placeholder)) {
    const { name } = param.value;
    const encoder = param.encoder as Encoder;
    return (values) => encoder.mapToDriverValue(placeholderValue(name, values));
  }
  return () => param;
}

/** A field's decoder, found as drizzle's mapResultRow finds it, once. */
function columnOf({ path, field }: Field): Column {
  if (is(field, DrizzleColumn))
    return { path, decoder: field, table: path.length === 2 ? getTableName(field.table) : undefined };
  // An SQL's decoder is internal to drizzle: a selected expression, a subquery's or an alias's.
  const expression = is(field, SQL) ? field : is(field, Subquery) ? field._.sql : (field as { sql: SQL }).sql;
  return { path, decoder: (expression as unknown as { decoder: Decoder }).decoder, table: undefined };
}

function shapeOf(prepared: PreparedInternals): Shape {
  if (prepared.customResultMapper) throw new Error("tenant statements are selects and inserts, not relational queries");
  return {
    sql: prepared.queryString,
    params: prepared.params.map(parameterOf),
    columns: prepared.fields?.map(columnOf),
    joins: prepared.joinsNotNullableMap,
  };
}

/**
 * A row as drizzle's mapResultRow makes it, with the decoders already found. A joined table's
 * object is null when its first column is and the join may leave it empty: drizzle's own rule.
 */
function rowOf(columns: Column[], joins: Record<string, boolean> | undefined, raw: unknown[]) {
  const row: Record<string, unknown> = {};
  let emptied: Map<string, string | false> | undefined;
  for (let i = 0; i < columns.length; i++) {
    const { path, decoder, table } = columns[i] as Column;
    let node = row;
    for (let depth = 0; depth < path.length - 1; depth++) {
      const chunk = path[depth] as string;
      if (!(chunk in node)) node[chunk] = {};
      node = node[chunk] as Record<string, unknown>;
    }
    const value = raw[i] === null ? null : decoder.mapFromDriverValue(raw[i]);
    node[path[path.length - 1] as string] = value;
    if (joins && table !== undefined) {
      emptied ??= new Map();
      const object = path[0] as string;
      const seen = emptied.get(object);
      if (seen === undefined) emptied.set(object, value === null ? table : false);
      else if (seen !== false && seen !== table) emptied.set(object, false);
    }
  }
  if (joins && emptied) for (const [object, table] of emptied) if (table !== false && !joins[table]) row[object] = null;
  return row;
}

/** The shape for this studio and statement, built on first use, run on `x` (the pool or a transaction). */
async function run<Result>(
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
  // Straight to the driver of the executor's connection (a transaction's own, so the statement
  // runs there): drizzle's execute would find each parameter's and column's kind again per call.
  const driver = (x as unknown as { _: { session: { client: Driver } } })._.session.client;
  const params = shape.params.map((parameter) => parameter(values));
  const { columns, joins } = shape;
  try {
    if (!columns) return (await driver.unsafe(shape.sql, params, { prepare: true })) as Result;
    const rows = await driver.unsafe(shape.sql, params, { prepare: true }).values();
    return rows.map((raw) => rowOf(columns, joins, raw)) as Result;
  } catch (error) {
    // As drizzle reports it: callers read the database's refusal from the cause.
    throw new DrizzleQueryError(shape.sql, params, error as Error);
  }
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
