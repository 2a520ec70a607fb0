import { beforeAll, describe, expect, test } from "vitest";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { churnAlerts } from "./churn.server";
import { createChurnStudio, NOW } from "./churn-fixtures.test-helper";

type Studio = Awaited<ReturnType<typeof createChurnStudio>>;
let s: Studio;

beforeAll(async () => {
  s = await createChurnStudio();
});

const brief = (alerts: Awaited<ReturnType<typeof churnAlerts>>["alerts"]) =>
  alerts.map((a) => ({ name: a.fullName, score: a.score, reasons: a.reasons }));

describe("churnAlerts", () => {
  test("the owner sees every client at risk, most at risk first, each reason in words", async () => {
    const page = await churnAlerts(s.tenant, s.staff.owner, {}, NOW);
    expect(page.settings).toEqual({ inactiveDays: 30, creditExpiryDays: 14 });
    expect(page.total).toBe(7);
    expect(brief(page.alerts)).toEqual([
      { name: "Tara Twice", score: 175, reasons: ["Came about twice a week for 3 months, once in the last 4 weeks"] },
      {
        name: "Walter Weekly",
        score: 135,
        reasons: [
          "Came weekly for 3 months, nothing for 4 weeks",
          "No booking for 35 days (last visit Wednesday 28 October)",
        ],
      },
      { name: "Clara Credits", score: 120, reasons: ["3 credits expire on Thursday 10 December unused"] },
      { name: "Ian Inactive", score: 78, reasons: ["No booking for 78 days (last visit Tuesday 15 September)"] },
      { name: "Sam Shoreditch", score: 60, reasons: ["No booking for 60 days (last visit Saturday 3 October)"] },
      { name: "Adam Ahead", score: 40, reasons: ["1 credit expires on Saturday 5 December unused"] },
      { name: "Paula Past", score: 30, reasons: ["No booking for 30 days (last visit Monday 2 November)"] },
    ]);
  });

  test("the facts behind each reason come as numbers and local dates", async () => {
    const { alerts } = await churnAlerts(s.tenant, s.staff.owner, {}, NOW);
    const walter = alerts.find((a) => a.clientId === s.at.walter.id);
    expect(walter).toEqual({
      clientId: s.at.walter.id,
      fullName: "Walter Weekly",
      email: s.at.walter.email,
      phone: null,
      homeLocation: s.camden.name,
      // The cancelled and the no-show bookings since are not visits.
      baselineVisits: 12,
      recentVisits: 0,
      lastVisitDate: "2026-10-28",
      daysSinceLastVisit: 35,
      dropped: true,
      inactive: true,
      expiringCredits: 0,
      firstExpiryDate: null,
      lastExpiryDate: null,
      score: 135,
      reasons: expect.any(Array),
    });
    expect(alerts.find((a) => a.clientId === s.at.tara.id)).toMatchObject({ baselineVisits: 24, recentVisits: 1 });
    expect(alerts.find((a) => a.clientId === s.at.clara.id)).toMatchObject({
      expiringCredits: 3,
      firstExpiryDate: "2026-12-10",
      lastExpiryDate: "2026-12-10",
    });
  });

  test("the occasional client, the one booked ahead and the one inside the days are not flagged for their visits", async () => {
    const { alerts } = await churnAlerts(s.tenant, s.staff.owner, {}, NOW);
    const ids = alerts.map((a) => a.clientId);
    expect(ids).not.toContain(s.at.olive.id);
    expect(ids).not.toContain(s.at.justin.id);
    expect(alerts.find((a) => a.clientId === s.at.adam.id)).toMatchObject({ dropped: false, inactive: false });
  });

  test("a location manager sees only their location's clients; the owner can pick one location", async () => {
    const manager = await churnAlerts(s.tenant, s.staff.manager, {}, NOW);
    expect(brief(manager.alerts).map((a) => a.name)).toEqual(["Sam Shoreditch"]);
    expect(manager.scope.label).toBe("Shoreditch");
    const camden = await churnAlerts(s.tenant, s.staff.owner, { requested: s.camden.id }, NOW);
    expect(camden.alerts.map((a) => a.fullName)).not.toContain("Sam Shoreditch");
    expect(camden.total).toBe(6);
  });

  test("the studio's settings move the lines; the limit keeps the total", async () => {
    await updateStudioSettings(database(), s.tenant, { churnInactiveDays: 60, churnCreditExpiryDays: 30 });
    try {
      const page = await churnAlerts(s.tenant, s.staff.owner, {}, NOW, { limit: 3 });
      expect(page.total).toBe(6);
      expect(brief(page.alerts)).toEqual([
        {
          name: "Clara Credits",
          score: 320,
          reasons: ["8 credits expire between Thursday 10 December and Wednesday 30 December unused"],
        },
        { name: "Tara Twice", score: 175, reasons: ["Came about twice a week for 3 months, once in the last 4 weeks"] },
        { name: "Walter Weekly", score: 100, reasons: ["Came weekly for 3 months, nothing for 4 weeks"] },
      ]);
    } finally {
      await updateStudioSettings(database(), s.tenant, { churnInactiveDays: 30, churnCreditExpiryDays: 14 });
    }
  });

  test.each(["receptionist", "instructor", "trainer", "finance"] as const)("a %s may not see it", async (role) => {
    await expect(churnAlerts(s.tenant, s.staff[role], {}, NOW)).rejects.toThrow(Forbidden);
  });
});
