import { describe, expect, test } from "vitest";
import { Forbidden } from "~/services/shared/errors";
import { AFTER, peopleStudio } from "../../../test/people-report-fixtures";
import { instructorsReport } from "./instructors.server";

const march = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31" });

/**
 * The figures below are worked out by hand from test/people-report-fixtures.ts.
 * Priya: London class of 10 March (Amara came, Ben no-show, Chloé late and Dan early
 * cancelled), New York class of 20 March (Fay and Ella came, Gus no-show), New York session at
 * 23:30 EDT on 31 March (Fay came); the session at 23:30 EST on 28 February and the cancelled
 * class of 14 March do not count. Rebooked: Amara (29 days after), Fay (her session, booked 9
 * days after the class); not Ella (31 days after).
 * Sam: the class he covered on 12 March (Amara checked in, Ella not marked).
 * Tom: sessions of 11, 23, 29 (a no-show) and 31 March (23:30 BST); the one at 00:30 BST on 1
 * April is April's. Rebooked: Ella only (Ben's rebooking was cancelled).
 */
describe("instructor performance", () => {
  test("every figure of March at both locations, each on its own clock", async () => {
    const s = await peopleStudio();
    const { instructors, days } = await instructorsReport(s.tenant, s.staff.owner, march, null, AFTER);
    expect(days).toEqual({ from: "2026-03-01", to: "2026-03-31", error: null });
    expect(instructors).toEqual([
      {
        instructorId: s.staff.priya.id,
        name: "Priya Teach",
        sessions: 1,
        classes: 2,
        placesFilled: 5,
        capacity: 18,
        attended: 4,
        noShows: 2,
        unmarked: 0,
        lateCancellations: 1,
        attendedClients: 3,
        rebookedClients: 2,
        attendanceRate: 0.6667,
        rebookingRate: 0.6667,
        classFill: 0.2778,
      },
      {
        instructorId: s.staff.sam.id,
        name: "Sam Cover",
        sessions: 0,
        classes: 1,
        placesFilled: 2,
        capacity: 10,
        attended: 1,
        noShows: 0,
        unmarked: 1,
        lateCancellations: 0,
        attendedClients: 1,
        rebookedClients: 0,
        attendanceRate: 1,
        rebookingRate: 0,
        classFill: 0.2,
      },
      {
        instructorId: s.staff.tom.id,
        name: "Tom Train",
        sessions: 4,
        classes: 0,
        placesFilled: 0,
        capacity: 0,
        attended: 3,
        noShows: 1,
        unmarked: 0,
        lateCancellations: 0,
        attendedClients: 3,
        rebookedClients: 1,
        attendanceRate: 0.75,
        rebookingRate: 0.3333,
        classFill: null,
      },
    ]);
  });

  test("the week of London's clock change ends at midnight BST: 23:30 UTC on the Sunday is Monday's", async () => {
    const s = await peopleStudio();
    const week = new URLSearchParams({ from: "2026-03-23", to: "2026-03-29", location: s.london.id });
    const { instructors } = await instructorsReport(s.tenant, s.staff.owner, week, null, AFTER);
    expect(instructors).toMatchObject([
      { name: "Tom Train", sessions: 1, attended: 1, noShows: 0, attendedClients: 1, rebookedClients: 1 },
    ]);
  });

  test("a manager sees their location only, whatever they ask for", async () => {
    const s = await peopleStudio();
    const asked = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31", location: s.london.id });
    const { instructors, scope } = await instructorsReport(s.tenant, s.staff.manager, asked, s.london.id, AFTER);
    expect(scope.locations.map((l) => l.name)).toEqual(["New York"]);
    expect(instructors).toEqual([
      expect.objectContaining({
        name: "Priya Teach",
        sessions: 1,
        classes: 1,
        placesFilled: 3,
        capacity: 8,
        attended: 3,
        noShows: 1,
        unmarked: 0,
        lateCancellations: 0,
        attendedClients: 2,
        rebookedClients: 1,
        attendanceRate: 0.75,
        rebookingRate: 0.5,
      }),
    ]);
  });

  test("finance, the front desk and instructors may not see it", async () => {
    const s = await peopleStudio();
    for (const who of [s.staff.finance, s.staff.receptionist, s.staff.priya, s.clients.amara]) {
      await expect(instructorsReport(s.tenant, who, march, null, AFTER)).rejects.toThrow(Forbidden);
    }
  });
});
