import { describe, expect, test } from "vitest";
import { BookClassSchema, BookSessionSchema, CancelBookingSchema, RescheduleSessionSchema } from "./forms.schema";

const id = "5b0e8c1e-7a4e-4d6b-9a3e-1f2d3c4b5a69";
const key = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("booking forms refuse tampered fields with a message", () => {
  test("a session booking needs ids, an instant with its offset and a one-time key", () => {
    const good = { serviceId: id, locationId: id, startsAt: "2026-12-01T09:00:00.000Z", idempotencyKey: key };
    expect(BookSessionSchema.safeParse(good).success).toBe(true);
    expect(BookSessionSchema.safeParse({ ...good, startsAt: "2026-12-01T09:00" }).success).toBe(false);
    const stale = BookSessionSchema.safeParse({ ...good, idempotencyKey: "again" });
    expect(stale.success ? null : stale.error.flatten().fieldErrors.idempotencyKey).toEqual([
      "This form is out of date. Please reload the page and try again.",
    ]);
    expect(BookSessionSchema.safeParse({ ...good, notes: "x".repeat(501) }).success).toBe(false);
  });

  test("a class booking takes 1 to 20 places, one by default", () => {
    expect(BookClassSchema.parse({ intent: "book", idempotencyKey: key }).spots).toBe(1);
    expect(BookClassSchema.safeParse({ intent: "book", spots: 0, idempotencyKey: key }).success).toBe(false);
    expect(BookClassSchema.safeParse({ intent: "other", idempotencyKey: key }).success).toBe(false);
  });

  test("cancel and move", () => {
    expect(CancelBookingSchema.parse({ idempotencyKey: key, forfeitCredit: true })).toMatchObject({
      forfeitCredit: true,
    });
    expect(
      RescheduleSessionSchema.safeParse({
        kind: "session",
        startsAt: "tomorrow",
        instructorId: id,
        idempotencyKey: key,
      }).success,
    ).toBe(false);
  });
});
