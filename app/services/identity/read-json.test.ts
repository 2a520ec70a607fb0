import { describe, expect, test } from "vitest";
import { z } from "zod";
import { onlyKnownFields } from "~/services/shared/schema-helpers";
import { ApiError, readJson } from "./api.server";

const schema = onlyKnownFields(z.object({ name: z.string(), address: z.object({ line1: z.string() }).optional() }));
const post = (text: string) =>
  new Request("http://demo.localhost/api/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });

async function refusal(text: string) {
  const thrown = await readJson(post(text), schema).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(ApiError);
  return thrown as ApiError;
}

describe("readJson", () => {
  test("a NUL character is a 400 naming the field", async () => {
    const error = await refusal('{"name":"Ann","address":{"line1":"1\\u0000 Road"}}');
    expect([error.status, error.code, error.fieldErrors]).toEqual([
      400,
      "VALIDATION_ERROR",
      { "address.line1": ["Remove the invisible control character"] },
    ]);
  });

  test("fields named like Object.prototype members are a 400 naming each, prototype untouched", async () => {
    const error = await refusal('{"name":"Ann","__proto__":{"x":1},"toString":"a","hasOwnProperty":2}');
    expect(error.status).toBe(400);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["__proto__", "hasOwnProperty", "toString"]);
    expect(Object.getPrototypeOf(error.fieldErrors)).toBe(Object.prototype);
  });

  test("a body that is not JSON is a 400", async () => {
    expect((await refusal("{")).code).toBe("INVALID_JSON");
  });
});
