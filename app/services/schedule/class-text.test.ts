import { expect, test } from "vitest";
import { clashText } from "./class-text";

test("a clash reads as the class, the place and the local time", () => {
  const conflict = {
    startsAt: new Date("2026-12-01T18:30:00Z"),
    endsAt: new Date("2026-12-01T19:30:00Z"),
    what: "Vinyasa Flow",
    locationName: "Camden",
  };
  expect(clashText(conflict, "Europe/London")).toBe("Vinyasa Flow at Camden, Tue 1 Dec 18:30–19:30");
  // In summer London is an hour ahead of UTC.
  expect(
    clashText({ ...conflict, startsAt: "2026-06-02T17:30:00Z", endsAt: "2026-06-02T18:30:00Z" }, "Europe/London"),
  ).toBe("Vinyasa Flow at Camden, Tue 2 Jun 18:30–19:30");
});
