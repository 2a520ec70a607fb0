import { describe, expect, test } from "vitest";
import { bookClass, bookSession } from "~/services/booking/engine.server";
import { checkIn } from "./check-in.server";
import { deskDay } from "./day.server";
import { deskStudio } from "./desk.test-helper";

describe("the desk's day", () => {
  test("classes and sessions in time order, who is due and who has arrived, on the location's clock", async () => {
    const s = await deskStudio();
    const bob = await s.named("Bob Due", "bob@example.com");
    await bookClass(s.tenant, bob, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
    const { booking: session } = await bookSession(
      s.tenant,
      bob,
      { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") },
      { now: s.at("08:00") },
    );
    await checkIn(s.tenant, s.desk, s.adasBooking.id, { via: "staff" }, s.at("17:41"));

    const day = await deskDay(s.tenant, s.desk, s.main.id, s.at("17:45"));
    expect(day.location).toEqual({ id: s.main.id, name: s.main.name });
    expect(day.items.map((i) => [i.kind, i.time, i.name])).toEqual([
      ["session", "10:00", "PT 60"],
      ["class", "18:00", "Yoga"],
    ]);
    const [pt, yoga] = day.items;
    expect(pt).toMatchObject({ id: session.id, checkIn: { open: false, note: "Check-in closed" } });
    expect(pt?.people).toEqual([expect.objectContaining({ name: "Bob Due", arrived: false, mayCheckIn: false })]);
    expect(yoga).toMatchObject({
      id: s.yogaClass.id,
      instructor: s.instructor.fullName,
      booked: 2,
      capacity: 10,
      arrived: 1,
      full: false,
      started: false,
      checkIn: { open: true, note: "Check-in open" },
    });
    expect(yoga?.people).toEqual([
      expect.objectContaining({ name: "Ada Lovelace", arrived: true, checkedInAt: "17:41", mayCheckIn: false }),
      expect.objectContaining({ name: "Bob Due", status: "confirmed", arrived: false, mayCheckIn: true }),
    ]);

    // The second location's desk has nothing of the main location's day.
    expect((await deskDay(s.tenant, s.owner, s.second.id, s.at("17:45"))).items).toEqual([]);
    await expect(deskDay(s.tenant, s.desk, s.second.id)).rejects.toMatchObject({ name: "Forbidden" });
  });
});
