import { describe, expect, test } from "vitest";
import { type ChurnFacts, churnReasons, habitWords } from "./churn-words";

const quiet: ChurnFacts = {
  baselineVisits: 0,
  recentVisits: 0,
  lastVisitDate: null,
  daysSinceLastVisit: null,
  dropped: false,
  inactive: false,
  expiringCredits: 0,
  firstExpiryDate: null,
  lastExpiryDate: null,
};

describe("churnReasons", () => {
  test.each([
    [6, "about every two weeks"],
    [8, "about every two weeks"],
    [9, "weekly"],
    [20, "weekly"],
    [21, "about twice a week"],
    [29, "about twice a week"],
    [30, "about 3 times a week"],
    [48, "about 4 times a week"],
  ])("%i visits in 12 weeks is %j", (visits, words) => {
    expect(habitWords(visits)).toBe(words);
  });

  test.each([
    [12, 0, "Came weekly for 3 months, nothing for 4 weeks"],
    [24, 1, "Came about twice a week for 3 months, once in the last 4 weeks"],
    [24, 2, "Came about twice a week for 3 months, twice in the last 4 weeks"],
    [36, 3, "Came about 3 times a week for 3 months, 3 times in the last 4 weeks"],
  ])("a drop from %i to %i reads %j", (baselineVisits, recentVisits, words) => {
    expect(churnReasons({ ...quiet, baselineVisits, recentVisits, dropped: true })).toEqual([words]);
  });

  test("silence names the last visit, with its year once it is more than half a year ago", () => {
    expect(churnReasons({ ...quiet, inactive: true, lastVisitDate: "2026-10-12", daysSinceLastVisit: 45 })).toEqual([
      "No booking for 45 days (last visit Monday 12 October)",
    ]);
    expect(churnReasons({ ...quiet, inactive: true, lastVisitDate: "2025-10-12", daysSinceLastVisit: 410 })).toEqual([
      "No booking for 410 days (last visit Sunday 12 October 2025)",
    ]);
  });

  test("credits expiring on one day, or over several", () => {
    const credits = (expiringCredits: number, first: string, last: string) =>
      churnReasons({ ...quiet, expiringCredits, firstExpiryDate: first, lastExpiryDate: last });
    expect(credits(3, "2026-12-18", "2026-12-18")).toEqual(["3 credits expire on Friday 18 December unused"]);
    expect(credits(1, "2026-12-18", "2026-12-18")).toEqual(["1 credit expires on Friday 18 December unused"]);
    expect(credits(4, "2026-12-18", "2026-12-21")).toEqual([
      "4 credits expire between Friday 18 December and Monday 21 December unused",
    ]);
  });

  test("every reason at once, the drop first", () => {
    expect(
      churnReasons({
        ...quiet,
        baselineVisits: 12,
        dropped: true,
        inactive: true,
        lastVisitDate: "2026-10-12",
        daysSinceLastVisit: 45,
        expiringCredits: 2,
        firstExpiryDate: "2026-12-18",
        lastExpiryDate: "2026-12-18",
      }),
    ).toEqual([
      "Came weekly for 3 months, nothing for 4 weeks",
      "No booking for 45 days (last visit Monday 12 October)",
      "2 credits expire on Friday 18 December unused",
    ]);
  });

  test("nothing to say for a client not at risk", () => {
    expect(churnReasons(quiet)).toEqual([]);
  });
});
