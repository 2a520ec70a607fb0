import { expect } from "vitest";
import { type ZodType, z } from "zod";
import { errorsOf } from "./document.server";
import type { ApiOperation } from "./operation";
import { API_OPERATIONS } from "./operations";

/**
 * Holds an answer to what the document says of it: the status is one the operation lists and
 * the body parses with its schema, every object strictly (a field the route sends that the
 * document does not name fails, as does one it names that is missing or of another type).
 * Use it on a real answer of each operation in that route's tests.
 */
export async function expectDocumented(response: Response, method: ApiOperation["method"], path: ApiOperation["path"]) {
  const operation = API_OPERATIONS.find((op) => op.method === method && op.path === path);
  if (!operation) throw new Error(`${method} ${path} is not in the API document`);
  const body = response.headers.get("content-type")?.includes("json") ? await response.clone().json() : undefined;
  const documented = operation.responses[response.status as keyof ApiOperation["responses"]];
  if (!documented) {
    const known = errorsOf(operation).some((error) => error.status === response.status && error.code === body?.code);
    expect(
      known,
      `${method} ${path}: ${response.status} ${JSON.stringify(body)} is not among its documented errors`,
    ).toBe(true);
    return body;
  }
  if (documented.schema) {
    const parsed = strictly(documented.schema).safeParse(body);
    expect(
      parsed.success ? [] : parsed.error.issues,
      `${method} ${path} answered ${JSON.stringify(body).slice(0, 400)}`,
    ).toEqual([]);
  }
  return body;
}

/** The schema with every object in it strict (zod 3 has no deep `.strict()`). */
export function strictly(schema: ZodType): ZodType {
  if (schema instanceof z.ZodObject) {
    if (schema._def.unknownKeys === "passthrough") return schema;
    const shape = Object.fromEntries(
      Object.entries(schema.shape).map(([key, value]) => [key, strictly(value as ZodType)]),
    );
    return z.object(shape).strict();
  }
  if (schema instanceof z.ZodArray) return z.array(strictly(schema.element));
  if (schema instanceof z.ZodNullable) return strictly(schema.unwrap()).nullable();
  if (schema instanceof z.ZodOptional) return strictly(schema.unwrap()).optional();
  if (schema instanceof z.ZodUnion) return z.union(schema.options.map(strictly));
  if (schema instanceof z.ZodDiscriminatedUnion) return z.union(schema.options.map(strictly));
  if (schema instanceof z.ZodRecord) return z.record(strictly(schema.valueSchema));
  if (schema instanceof z.ZodEffects) return strictly(schema.innerType());
  if (schema instanceof z.ZodLazy) return strictly(schema.schema);
  return schema;
}
