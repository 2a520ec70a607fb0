import { describe, expect, test } from "vitest";
import { Forbidden } from "~/services/shared/errors";
import { AFTER, peopleStudio } from "../../../test/people-report-fixtures";
import { locationsCsv, locationsReport, NO_LOCATION } from "./locations.server";

const march = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31" });

/**
 * Worked out by hand from test/people-report-fixtures.ts.
 * London: taken £50 + £30, refunded £15 + £30 (the £20 at 00:30 BST on 1 April is April's, the
 * failed £7 is nothing); 9 places booked in March and still live; 4 cancellations of which 1
 * late; came 5 (Amara thrice, Ben, Ella), no-shows 2, Ella not marked; classes 4 of 20 places
 * (the cancelled class left out); Amara new; 3 active clients.
 * New York: £40 at 23:30 EDT on 31 March (the £10 at 23:30 EST on 28 February is February's);
 * 4 places booked; came 3, no-show 1; 3 of 8 places; Fay new (23:30 EDT on 31 March); Fay and
 * Ella active. No location: £25 online, Ivy new. Ella came to both: 4 active clients in all.
 */
describe("locations compared", () => {
  test("every figure of March per location, studio-wide sales apart, and the total", async () => {
    const s = await peopleStudio();
    const { locations, total } = await locationsReport(s.tenant, s.staff.owner, march, null, AFTER);
    expect(locations).toEqual([
      {
        locationId: s.london.id,
        name: "London",
        takenMinor: 8000,
        refundedMinor: 4500,
        netRevenueMinor: 3500,
        bookingsMade: 9,
        cancellations: 4,
        lateCancellations: 1,
        attended: 5,
        noShows: 2,
        unmarked: 1,
        attendanceRate: 0.7143,
        bookedSpots: 4,
        capacity: 20,
        utilisation: 0.2,
        newClients: 1,
        activeClients: 3,
      },
      {
        locationId: s.newYork.id,
        name: "New York",
        takenMinor: 4000,
        refundedMinor: 0,
        netRevenueMinor: 4000,
        bookingsMade: 4,
        cancellations: 0,
        lateCancellations: 0,
        attended: 3,
        noShows: 1,
        unmarked: 0,
        attendanceRate: 0.75,
        bookedSpots: 3,
        capacity: 8,
        utilisation: 0.375,
        newClients: 1,
        activeClients: 2,
      },
      {
        locationId: null,
        name: NO_LOCATION,
        takenMinor: 2500,
        refundedMinor: 0,
        netRevenueMinor: 2500,
        bookingsMade: 0,
        cancellations: 0,
        lateCancellations: 0,
        attended: 0,
        noShows: 0,
        unmarked: 0,
        attendanceRate: null,
        bookedSpots: 0,
        capacity: 0,
        utilisation: null,
        newClients: 1,
        activeClients: 0,
      },
    ]);
    expect(total).toEqual({
      locationId: null,
      name: "Total",
      takenMinor: 14500,
      refundedMinor: 4500,
      netRevenueMinor: 10000,
      bookingsMade: 13,
      cancellations: 4,
      lateCancellations: 1,
      attended: 8,
      noShows: 3,
      unmarked: 1,
      attendanceRate: 0.7273,
      bookedSpots: 7,
      capacity: 28,
      utilisation: 0.25,
      newClients: 3,
      activeClients: 4,
    });
  });

  test("the CSV has the same figures, a line per location and the total", async () => {
    const s = await peopleStudio();
    const { stream, filename } = await locationsCsv(s.tenant, s.staff.owner, march, null);
    expect(filename).toBe("locations-2026-03-01-to-2026-03-31.csv");
    // Decoded keeping the byte-order mark, which tells a spreadsheet the file is UTF-8.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    expect(text.split("\r\n")).toEqual([
      "\uFEFFLocation,Taken,Refunded,Net revenue,Bookings made,Cancellations,Late cancellations,Attended,No-shows,Attendance rate (%),Class places booked,Class places offered,Utilisation (%),New clients,Active clients",
      "London,80.00,45.00,35.00,9,4,1,5,2,71.4,4,20,20,1,3",
      "New York,40.00,0.00,40.00,4,0,0,3,1,75,3,8,37.5,1,2",
      "No location,25.00,0.00,25.00,0,0,0,0,0,,0,0,,1,0",
      "Total,145.00,45.00,100.00,13,4,1,8,3,72.7,7,28,25,3,4",
      "",
    ]);
  });

  test("a manager compares only their locations: no studio-wide sales", async () => {
    const s = await peopleStudio();
    const { locations, total } = await locationsReport(s.tenant, s.staff.manager, march, null, AFTER);
    expect(locations.map((l) => [l.name, l.netRevenueMinor, l.activeClients])).toEqual([["New York", 4000, 2]]);
    expect(total).toMatchObject({ takenMinor: 4000, attended: 3, noShows: 1, activeClients: 2, newClients: 1 });
  });

  test("one location of the owner's choice, without the studio-wide sales", async () => {
    const s = await peopleStudio();
    const one = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31", location: s.london.id });
    const { locations } = await locationsReport(s.tenant, s.staff.owner, one, null, AFTER);
    expect(locations.map((l) => l.name)).toEqual(["London"]);
  });

  test("finance, the front desk and instructors may not see it", async () => {
    const s = await peopleStudio();
    for (const who of [s.staff.finance, s.staff.receptionist, s.staff.tom]) {
      await expect(locationsReport(s.tenant, who, march, null, AFTER)).rejects.toThrow(Forbidden);
    }
  });
});
