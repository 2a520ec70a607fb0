import { describe, expect, test } from "vitest";
import { SlugSchema } from "./slug";

const errorOf = (value: string) => SlugSchema.safeParse(value).error?.issues[0]?.message;

describe("studio web address", () => {
  test("accepts and normalises a good address", () => {
    expect(SlugSchema.parse("  Camden-Yoga ")).toBe("camden-yoga");
  });

  test.each([
    ["ab", "Use at least 3 characters"],
    ["a".repeat(31), "Use at most 30 characters"],
    ["yoga studio", "Use only letters, numbers and hyphens"],
    ["<script>", "Use only letters, numbers and hyphens"],
    ["-yoga", "Start and end with a letter or number"],
    ["yoga-", "Start and end with a letter or number"],
    ["yo--ga", "Hyphens cannot be next to each other"],
  ])("refuses %s", (value, message) => {
    expect(errorOf(value)).toBe(message);
  });

  test.each(["www", "app", "api", "admin", "WWW"])("refuses reserved %s with a clear message", (value) => {
    expect(errorOf(value)).toBe("That address is reserved; please choose another");
  });
});
