import { describe, expect, test } from "vitest";
import { navigationFor } from "./navigation";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.label);

describe("navigation by role, the day's work first", () => {
  test.each([
    [null, ["Home", "Classes", "Services", "Locations"]],
    ["client", ["Home", "Book", "My bookings", "Classes", "Services", "Packages", "My account"]],
    [
      "instructor",
      ["Home", "My teaching", "Clients", "Bookings", "Availability", "Team", "Classes", "Services", "My account"],
    ],
    [
      "trainer",
      ["Home", "My teaching", "Clients", "Bookings", "Availability", "Team", "Classes", "Services", "My account"],
    ],
    [
      "receptionist",
      ["Home", "Today", "Bookings", "Calendar", "Clients", "Timetable", "Team", "Classes", "Services", "My account"],
    ],
    [
      "location_manager",
      [
        "Home",
        "Today",
        "Bookings",
        "Calendar",
        "Clients",
        "Timetable",
        "Team",
        "Classes",
        "Services",
        "Packages",
        "Locations",
        "Messages",
        "My account",
      ],
    ],
    [
      "org_owner",
      [
        "Home",
        "Today",
        "Bookings",
        "Calendar",
        "My teaching",
        "Clients",
        "Availability",
        "Timetable",
        "Team",
        "Classes",
        "Services",
        "Packages",
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
