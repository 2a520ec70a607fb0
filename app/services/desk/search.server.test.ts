import { describe, expect, test } from "vitest";
import { bookClass } from "~/services/booking/engine.server";
import { deskStudio } from "./desk.test-helper";
import { searchDesk } from "./search.server";

describe("the desk's search", () => {
  test("finds a client by part of their name, their email, a phone fragment or a check-in code", async () => {
    const s = await deskStudio();
    const find = async (q: string) =>
      (await searchDesk(s.tenant, s.desk, s.main.id, q, s.at("17:40"))).map((r) => r.name);
    expect(await find("lov")).toEqual(["Ada Lovelace"]);
    expect(await find("LOVELACE")).toEqual(["Ada Lovelace"]);
    expect(await find(s.ada.email)).toEqual(["Ada Lovelace"]);
    expect(await find("07700 900101")).toEqual(["Ada Lovelace"]);
    expect(await find("900 101")).toEqual(["Ada Lovelace"]);
    const code = s.adasBooking.checkInCode;
    expect(await find(`${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase())).toEqual(["Ada Lovelace"]);
    expect(await find("")).toEqual([]);
    expect(await find("   ")).toEqual([]);
    expect(await find("nobody-like-this")).toEqual([]);
  });

  test("a result carries today's booking here: Check in while the window is open, the profile otherwise", async () => {
    const s = await deskStudio();
    const [open] = await searchDesk(s.tenant, s.desk, s.main.id, "Ada", s.at("17:40"));
    expect(open?.bookings).toEqual([
      expect.objectContaining({
        bookingId: s.adasBooking.id,
        classId: s.yogaClass.id,
        service: "Yoga",
        time: "18:00",
        status: "confirmed",
        arrived: false,
        mayCheckIn: true,
      }),
    ]);
    expect(open?.primary).toEqual({ kind: "check-in", bookingId: s.adasBooking.id });

    const [early] = await searchDesk(s.tenant, s.desk, s.main.id, "Ada", s.at("12:00"));
    expect(early?.bookings[0]).toMatchObject({ mayCheckIn: false, checkInNote: "Check-in opens at 17:30" });
    expect(early?.primary).toEqual({ kind: "profile" });
    // Another day's bookings are not the desk's business today.
    const [dayBefore] = await searchDesk(s.tenant, s.desk, s.main.id, "Ada", new Date(s.at("17:40").getTime() - 864e5));
    expect(dayBefore?.bookings).toEqual([]);
  });

  test("the code's client comes first, ahead of names that happen to match", async () => {
    const s = await deskStudio();
    const other = await s.named("Someone Else", "else@example.com");
    const { booking } = await bookClass(s.tenant, other, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
    // A client whose name contains the other booking's code as text: found, but after the code's client.
    await s.named(`Code ${booking.checkInCode}`, "lookalike@example.com");
    const results = await searchDesk(s.tenant, s.desk, s.main.id, booking.checkInCode, s.at("17:40"));
    expect(results.map((r) => r.name)).toEqual(["Someone Else", `Code ${booking.checkInCode}`]);
  });

  test("scoping: the desk of one location finds nothing of another's, and nobody else may search", async () => {
    const s = await deskStudio();
    const deskB = await s.person("receptionist", [s.second.id]);
    // Ada belongs to the main location: the second location's desk does not find her, even by code.
    expect(await searchDesk(s.tenant, deskB, s.second.id, "Ada", s.at("17:40"))).toEqual([]);
    expect(await searchDesk(s.tenant, deskB, s.second.id, s.adasBooking.checkInCode, s.at("17:40"))).toEqual([]);
    // Nor may the main desk open the second location's desk.
    await expect(searchDesk(s.tenant, s.desk, s.second.id, "Ada")).rejects.toMatchObject({ name: "Forbidden" });
    // The owner's desk at the second location finds the client, but not by another location's code.
    expect((await searchDesk(s.tenant, s.owner, s.second.id, "Ada", s.at("17:40"))).map((r) => r.name)).toEqual([
      "Ada Lovelace",
    ]);
    const [byCode] = await searchDesk(s.tenant, s.owner, s.second.id, s.adasBooking.checkInCode, s.at("17:40"));
    expect(byCode).toBeUndefined();
    for (const role of ["instructor", "finance_manager", "client"] as const) {
      const someone = await s.person(role, [s.main.id]);
      await expect(searchDesk(s.tenant, someone, s.main.id, "Ada")).rejects.toMatchObject({ name: "Forbidden" });
    }
  });
});
