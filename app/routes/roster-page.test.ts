import { describe, expect, test } from "vitest";
import { insertParqResponse } from "~/models/parq.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { joinWaitlist } from "~/services/waitlist/line.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { callRoute } from "../../test/route-call";
import { loader } from "./schedule.$occurrenceId_.roster";

type Roster = {
  people: { name: string; parq: "review" | "missing" | null }[];
  waitlist: { position: number; name: string; status: string }[];
};

/** The printable roster over HTTP: PAR-Q flags only for staff who may read PAR-Q answers, and the waitlist. */
describe("the printable roster", () => {
  test("a manager sees the PAR-Q flag, a receptionist does not; both see the waitlist", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    const flagged = await s.client(2);
    const waiting = await s.client(2);
    await insertParqResponse(database(), s.tenant, {
      clientId: flagged.id,
      answers: [true],
      anyYes: true,
      declarationName: flagged.fullName,
      declaredOn: s.monday,
    });
    const early = new Date(s.at("18:00").getTime() - 24 * 3_600_000);
    await bookClass(s.tenant, flagged, { occurrenceId: s.yogaClass.id }, { now: early });
    await joinWaitlist(s.tenant, waiting, { occurrenceId: s.yogaClass.id }, early);
    const roster = async (as: User) => {
      const answer = await callRoute(loader, s.tenant, as, `/schedule/${s.yogaClass.id}/roster`, {
        params: { occurrenceId: s.yogaClass.id },
      });
      expect(answer.status).toBe(200);
      return answer.data as Roster;
    };
    const waitlist = [{ position: 1, name: waiting.fullName, status: "waiting" }];
    const manager = await roster(await s.person("location_manager", [s.main.id]));
    expect(manager.people).toEqual([expect.objectContaining({ name: flagged.fullName, parq: "review" })]);
    expect(manager.waitlist).toEqual(waitlist);
    const desk = await roster(await s.person("receptionist", [s.main.id]));
    expect(desk.people).toEqual([expect.objectContaining({ name: flagged.fullName, parq: null })]);
    expect(desk.waitlist).toEqual(waitlist);
  });
});
