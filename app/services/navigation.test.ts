import { describe, expect, test } from "vitest";
import { navigationFor } from "./navigation";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.label);

describe("navigation by role", () => {
  test.each([
    [null, ["Home", "Classes", "Services", "Locations"]],
    ["client", ["Home", "Classes", "Services", "My account"]],
    ["instructor", ["Home", "Classes", "Services", "My teaching", "Availability", "Clients", "Team", "My account"]],
    ["trainer", ["Home", "Classes", "Services", "My teaching", "Availability", "Clients", "Team", "My account"]],
    [
      "receptionist",
      ["Home", "Classes", "Services", "Today", "Calendar", "Timetable", "Clients", "Team", "My account"],
    ],
    [
      "location_manager",
      [
        "Home",
        "Classes",
        "Services",
        "Today",
        "Calendar",
        "Timetable",
        "Clients",
        "Team",
        "Locations",
        "Messages",
        "My account",
      ],
    ],
    [
      "org_owner",
      [
        "Home",
        "Classes",
        "Services",
        "My teaching",
        "Availability",
        "Today",
        "Calendar",
        "Timetable",
        "Clients",
        "Team",
        "Locations",
        "Messages",
        "Settings",
        "My account",
      ],
    ],
    ["finance_manager", ["Home", "Classes", "Services", "My account"]],
  ] as const)("%s", (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });
});
