import { describe, expect, test } from "vitest";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { checkIn, checkInByCode } from "./check-in.server";

describe("checking in", () => {
  test("every booking has a code; the desk checks in once, the second time says already", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const desk = await s.person("receptionist", [s.main.id]);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
    expect(booking.checkInCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const first = await checkIn(s.tenant, desk, booking.id, { via: "staff" }, s.at("17:40"));
    expect(first.outcome).toBe("checked_in");
    const again = await checkInByCode(s.tenant, desk, s.main.id, booking.checkInCode.toLowerCase(), s.at("17:45"));
    expect(again.outcome).toBe("already");
    expect(again.message).toContain("Already checked in");
  });

  test("outside the window the reason names the local time", async () => {
    const s = await bookingStudio();
    const client = await s.client(3);
    const desk = await s.person("receptionist", [s.main.id]);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
    await expect(checkIn(s.tenant, desk, booking.id, { via: "staff" }, s.at("17:29"))).rejects.toMatchObject({
      code: "CHECK_IN_NOT_OPEN",
      message: "Check-in opens at 17:30, 30 minutes before the start.",
    });
    await expect(checkIn(s.tenant, desk, booking.id, { via: "staff" }, s.at("18:16"))).rejects.toMatchObject({
      code: "CHECK_IN_CLOSED",
    });
  });
});
