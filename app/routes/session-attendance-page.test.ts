import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import type { SessionAttendancePanel } from "~/services/desk/session-attendance.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { callRoute } from "../../test/route-call";
import { action, loader } from "./bookings.$id";

/** A 1:1 session's attendance on its booking page, over HTTP as a browser without JavaScript sends it. */
const MINUTE = 60_000;

/** A session booked (1 credit of 3) for next Monday, then moved to have started 20 minutes ago. */
async function startedSession() {
  const s = await bookingStudio();
  const client = await s.client(3);
  const { booking } = await bookSession(s.tenant, client, {
    serviceId: s.session.id,
    locationId: s.main.id,
    startsAt: s.at("10:00"),
  });
  const startsAt = new Date(Date.now() - 20 * MINUTE);
  await database()
    .update(s.tenant.t.bookings)
    .set({ startsAt, endsAt: new Date(startsAt.getTime() + 60 * MINUTE), status: "confirmed" })
    .where(eq(s.tenant.t.bookings.id, booking.id));
  const path = `/bookings/${booking.id}`;
  const params = { id: booking.id };
  const page = async (as: User, query = "") =>
    (await callRoute(loader, s.tenant, as, `${path}${query}`, { params })).data as {
      attendance: SessionAttendancePanel | null;
      marked: boolean;
    };
  const mark = (as: User, form: Record<string, string>) =>
    callRoute(action, s.tenant, as, path, { params, form: { intent: "attendance", ...form } });
  return { s, client, booking, path, page, mark };
}

describe("the booking page's attendance form", () => {
  test("the instructor marks the session attended with a note, and the page says who and when", async () => {
    const { s, booking, path, page, mark } = await startedSession();
    expect((await page(s.instructor)).attendance).toEqual({ mark: null, note: null, cost: null });
    const saved = await mark(s.instructor, { mark: "attended", attendanceNote: "Knee better" });
    expect(saved).toMatchObject({ status: 302, location: `${path}?marked=1` });
    expect(await findBooking(database(), s.tenant, booking.id)).toMatchObject({
      status: "completed",
      attendanceNote: "Knee better",
      attendanceMarkedById: s.instructor.id,
    });
    const after = await page(s.instructor, "?marked=1");
    expect(after.marked).toBe(true);
    expect(after.attendance).toMatchObject({
      // The time alone on the session's own day; marked after midnight (it started 20 minutes
      // ago), the date comes first.
      mark: { attended: true, by: s.instructor.fullName, at: expect.stringMatching(/^(\d{4}-\d\d-\d\d )?\d\d:\d\d$/) },
      note: "Knee better",
      cost: null,
    });
  });

  test("the desk marks a no-show and the studio's rule keeps the credit, said on the page", async () => {
    const { s, client, booking, page, mark } = await startedSession();
    await updateStudioSettings(database(), s.tenant, { noShowRule: "forfeit_credit" });
    const desk = await s.person("receptionist", [s.main.id]);
    const before = await clientCredits(s.tenant, s.owner, client.id);
    expect((await mark(desk, { mark: "no_show" })).status).toBe(302);
    expect(await findBooking(database(), s.tenant, booking.id)).toMatchObject({
      status: "no_show",
      creditForfeited: true,
      attendanceMarkedById: desk.id,
    });
    expect(await clientCredits(s.tenant, s.owner, client.id)).toEqual(before);
    expect((await page(desk, "?marked=1")).attendance).toMatchObject({
      mark: { attended: false, by: desk.fullName },
      cost: "The credit was kept as the no-show fee.",
    });
  });

  test("another instructor is refused on the page, a client sees no form, and a mark needs a choice", async () => {
    const { s, client, booking, page, mark } = await startedSession();
    const other = await s.person("instructor", [s.main.id]);
    expect((await page(client)).attendance).toBeNull();
    const refused = await mark(other, { mark: "attended" });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await mark(client, { mark: "attended" })).status).toBe(403);
    const blank = await mark(s.instructor, {});
    expect(blank.status).toBe(400);
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
  });
});
