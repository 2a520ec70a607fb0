import { describe, expect, test } from "vitest";
import { z } from "zod";
import { NUL_MESSAGE } from "./nul-characters";
import {
  DATE_RANGE_MESSAGE,
  isInstantInRange,
  isoDate,
  onlyKnownFields,
  requiredText,
  searchText,
} from "./schema-helpers";

const messages = (result: z.SafeParseReturnType<unknown, unknown>) =>
  result.success ? [] : result.error.issues.map((issue) => issue.message);

describe("text", () => {
  test("a NUL character is refused with a message, in required text and in a search", () => {
    expect(messages(requiredText("a name", 50).safeParse("Ann\u0000"))).toEqual([NUL_MESSAGE]);
    expect(messages(searchText(100).safeParse("\u0000"))).toEqual([NUL_MESSAGE]);
    expect(requiredText("a name", 50).safeParse("Ann").success).toBe(true);
  });
});

describe("dates", () => {
  const date = isoDate({ format: "Use YYYY-MM-DD", unreal: "No such day" });

  test("years outside 2000 to 2100 are refused with the range's message", () => {
    for (const value of ["0000-01-01", "1999-12-31", "2101-01-01", "9999-12-31"]) {
      expect(messages(date.safeParse(value)), value).toEqual([DATE_RANGE_MESSAGE]);
    }
  });

  test("the range's first and last days, and the field's own messages, are kept", () => {
    expect(date.safeParse("2000-01-01").success).toBe(true);
    expect(date.safeParse("2100-12-31").success).toBe(true);
    expect(messages(date.safeParse("2026-02-30"))).toEqual(["No such day"]);
    expect(messages(date.safeParse("tomorrow"))).toEqual(["Use YYYY-MM-DD"]);
  });

  test("instants are held to the same years", () => {
    expect(isInstantInRange("2031-01-06T10:00:00Z")).toBe(true);
    expect(isInstantInRange("0000-01-01T00:00:00Z")).toBe(false);
    expect(isInstantInRange("9999-12-31T23:59:59+14:00")).toBe(false);
  });
});

describe("JSON bodies", () => {
  test("keys named like Object.prototype members are unknown fields, not a crash", () => {
    const schema = onlyKnownFields(z.object({ name: z.string() }));
    const body = JSON.parse('{"name":"x","__proto__":{"role":"org_owner"},"toString":1,"constructor":{}}');
    const result = schema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["__proto__", "constructor", "toString"]);
  });
});
