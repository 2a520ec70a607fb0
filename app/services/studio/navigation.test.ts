import { describe, expect, test } from "vitest";
import { navigationFor, PRIMARY_LINKS } from "./navigation";

const labels = (role: Parameters<typeof navigationFor>[0], type?: Parameters<typeof navigationFor>[1]) =>
  navigationFor(role, type).map((item) => item.label);

describe("navigation by role, the day's work first", () => {
  test.each([
    [null, ["Home", "Classes", "Services", "Locations"]],
    ["client", ["Home", "Classes", "My bookings", "Book", "Services", "Packages", "My account"]],
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
      [
        "Home",
        "Desk",
        "Today",
        "Bookings",
        "Calendar",
        "Clients",
        "Timetable",
        "Team",
        "Classes",
        "Services",
        "Messages",
        "My account",
      ],
    ],
    [
      "location_manager",
      [
        "Home",
        "Dashboard",
        "Desk",
        "Today",
        "Bookings",
        "Calendar",
        "Clients",
        "Timetable",
        "Team",
        "Classes",
        "Services",
        "Reports",
        "Packages",
        "Intro sign-ups",
        "Locations",
        "Messages",
        "My account",
      ],
    ],
    [
      "org_owner",
      [
        "Home",
        "Dashboard",
        "Desk",
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
        "Reports",
        "Payments",
        "Packages",
        "Intro sign-ups",
        "Locations",
        "Messages",
        "Settings",
        "My account",
      ],
    ],
    ["finance_manager", ["Home", "Reports", "Payments", "Classes", "Services", "My account"]],
  ] as const)("%s", (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });
});

test("a client's header row (the first links a phone shows) holds Classes unless the studio sells sessions only", () => {
  const row = (type: Parameters<typeof navigationFor>[1]) => labels("client", type).slice(0, PRIMARY_LINKS);
  expect(row("hybrid")).toEqual(["Home", "Classes", "My bookings"]);
  expect(row("class_based")).toEqual(["Home", "Classes", "My bookings"]);
  expect(row("session_based")).toEqual(["Home", "Book", "My bookings"]);
});

describe("the studio's type puts what it mostly sells first", () => {
  test("hybrid, the default, keeps the order above", () => {
    for (const role of [null, "client", "receptionist", "org_owner"] as const)
      expect(labels(role, "hybrid")).toEqual(labels(role));
  });
  test("session-based: services before classes", () => {
    expect(labels(null, "session_based")).toEqual(["Home", "Services", "Classes", "Locations"]);
    expect(labels("client", "session_based")).toEqual([
      "Home",
      "Book",
      "My bookings",
      "Services",
      "Classes",
      "Packages",
      "My account",
    ]);
    expect(labels("receptionist", "session_based").slice(-4)).toEqual([
      "Services",
      "Classes",
      "Messages",
      "My account",
    ]);
  });
  test("class-based: the class schedule first for clients, the timetable early for the front desk", () => {
    expect(labels("client", "class_based")).toEqual(labels("client", "hybrid"));
    expect(labels("receptionist", "class_based").slice(0, 6)).toEqual([
      "Home",
      "Desk",
      "Today",
      "Bookings",
      "Calendar",
      "Timetable",
    ]);
    expect(labels("instructor", "class_based")).toEqual(labels("instructor"));
  });
});

test("the owner's and managers' header row opens with the dashboard; the finance manager's with the reports", () => {
  const row = (role: Parameters<typeof navigationFor>[0]) => labels(role).slice(0, PRIMARY_LINKS);
  expect(row("org_owner")).toEqual(["Home", "Dashboard", "Desk"]);
  expect(row("location_manager")).toEqual(["Home", "Dashboard", "Desk"]);
  expect(row("finance_manager")).toEqual(["Home", "Reports", "Payments"]);
});
