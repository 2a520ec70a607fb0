import { describe, expect, test } from "vitest";
import { formatMoney, minorToPounds, parsePoundsToMinor } from "./money";

describe("parsePoundsToMinor", () => {
  test.each([
    ["50", 5000],
    ["50.00", 5000],
    ["12.5", 1250],
    ["0", 0],
    ["0.99", 99],
    [" £1,250.05 ", 125005],
    ["10000", 1_000_000],
  ])("%s is %i pence", (text, minor) => {
    expect(parsePoundsToMinor(text)).toBe(minor);
  });

  test.each(["", "-5", "12.345", "1,2", "fifty", "5e3", ".5", "50.", "Infinity", "99999999999999999999"])(
    "%s is not an amount",
    (text) => {
      expect(parsePoundsToMinor(text)).toBeNull();
    },
  );
});

test("pence read back as pounds and as the studio's currency", () => {
  expect(minorToPounds(5000)).toBe("50.00");
  expect(minorToPounds(1205)).toBe("12.05");
  expect(formatMoney(5000, "GBP")).toBe("£50.00");
  expect(formatMoney(125005, "GBP")).toBe("£1,250.05");
});
