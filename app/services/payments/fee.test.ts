import { describe, expect, test } from "vitest";
import { platformFeeMinor } from "./fee";

describe("platformFeeMinor", () => {
  test("2.9% in whole minor units, half up", () => {
    expect(platformFeeMinor(1000, 290)).toBe(29);
    expect(platformFeeMinor(3900, 290)).toBe(113); // 113.1
    expect(platformFeeMinor(50, 290)).toBe(1); // 1.45
    expect(platformFeeMinor(1724, 290)).toBe(50); // 49.996
    expect(platformFeeMinor(0, 290)).toBe(0);
    expect(platformFeeMinor(12345, 0)).toBe(0);
    expect(platformFeeMinor(12345, 10_000)).toBe(12345);
  });

  test("refuses fractions and out-of-range rates", () => {
    expect(() => platformFeeMinor(10.5, 290)).toThrow(RangeError);
    expect(() => platformFeeMinor(100, 10_001)).toThrow(RangeError);
    expect(() => platformFeeMinor(-1, 290)).toThrow(RangeError);
  });
});
