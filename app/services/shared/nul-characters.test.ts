import { expect, test } from "vitest";
import { findNul } from "./nul-characters";

test("findNul names the first place a NUL hides: a value, a nested value, a key", () => {
  expect(findNul({ name: "Ann", notes: "ok" })).toBeUndefined();
  expect(findNul("a\u0000b")).toBe("_");
  expect(findNul({ address: { line1: "1\u0000 Road" } })).toBe("address.line1");
  expect(findNul({ tags: ["a", "b\u0000"] })).toBe("tags.1");
  expect(findNul({ "na\u0000me": "Ann" })).toBe("name");
});
