import { describe, expect, test } from "vitest";
import { newServiceDefaults } from "./service-defaults";

describe("a new service starts as what the studio mostly sells", () => {
  test("session-based: a 1:1 session its trainers book", () => {
    expect(newServiceDefaults("session_based")).toMatchObject({ type: "session", bookingMode: "instructor_led" });
    expect(newServiceDefaults("session_based").capacity).toBeUndefined();
  });
  test("class-based: a self-booked class with a room of 12", () => {
    expect(newServiceDefaults("class_based")).toMatchObject({
      type: "class",
      bookingMode: "self_booking",
      capacity: 12,
    });
  });
  test("hybrid: a self-booked class, as before", () => {
    expect(newServiceDefaults("hybrid")).toEqual({
      type: "class",
      durationMinutes: 60,
      cancellationWindowHours: 24,
      bookingMode: "self_booking",
      requiresCredit: true,
    });
  });
});
