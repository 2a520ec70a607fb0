import { describe, expect, test } from "vitest";
import { localDayBounds, localInstant, localTimeOf } from "./local-time";

describe("wall-clock times in a location's zone", () => {
  test("07:00 in London is 07:00 local in winter and in summer", () => {
    const winter = localInstant("2026-01-12", "07:00", "Europe/London");
    const summer = localInstant("2026-07-13", "07:00", "Europe/London");
    expect(winter?.toISOString()).toBe("2026-01-12T07:00:00.000Z");
    expect(summer?.toISOString()).toBe("2026-07-13T06:00:00.000Z");
    expect(localTimeOf(summer as Date, "Europe/London")).toBe("07:00");
  });

  test("a time in the spring-forward gap does not exist", () => {
    expect(localInstant("2026-03-29", "01:30", "Europe/London")).toBeNull();
    expect(localInstant("2026-03-29", "02:00", "Europe/London")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  test("a repeated autumn time resolves to its first occurrence", () => {
    expect(localInstant("2026-10-25", "01:30", "Europe/London")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("DST days are 23 and 25 hours long", () => {
    const spring = localDayBounds("2026-03-29", "Europe/London");
    const autumn = localDayBounds("2026-10-25", "Europe/London");
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });
});
