import { describe, expect, test } from "vitest";
import { monthGrid, weekDates } from "./dates";

describe("calendar dates", () => {
  test("weeks run Monday to Sunday; a month grid is whole weeks covering the month", () => {
    expect(weekDates("2026-03-29")).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
    ]);
    const march = monthGrid("2026-03-15");
    expect(march).toHaveLength(6);
    expect(march[0]?.[0]).toEqual({ date: "2026-02-23", inMonth: false });
    expect(march[0]?.[6]).toEqual({ date: "2026-03-01", inMonth: true });
    expect(march[5]?.[6]).toEqual({ date: "2026-04-05", inMonth: false });
    // February 2027 starts on a Monday and fills exactly four weeks.
    expect(
      monthGrid("2027-02-10")
        .flat()
        .map((d) => d.date),
    ).toHaveLength(28);
  });
});
