import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findClassNote } from "~/models/class-note.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import { callRoute } from "../../test/route-call";
import * as classPage from "./schedule.$occurrenceId";

/** The class page's roster forms over HTTP, as a browser without JavaScript sends them. */
describe("the class page's attendance form", () => {
  test("the instructor marks the class in one form after the start, and writes the note", async () => {
    const s = await bookingStudio();
    const startsAt = new Date(Date.now() - 20 * 60_000);
    const yoga = await s.classAt(startsAt);
    const [a, b, c] = [await s.client(2), await s.client(2), await s.client(2)];
    const ids: string[] = [];
    for (const client of [a, b, c]) {
      const { booking } = await bookClass(
        s.tenant,
        client,
        { occurrenceId: yoga.id },
        { now: new Date(startsAt.getTime() - 3_600_000) },
      );
      ids.push(booking.id);
    }
    const path = `/schedule/${yoga.id}`;
    const params = { occurrenceId: yoga.id };
    const page = await callRoute(classPage.loader, s.tenant, s.instructor, path, { params });
    // Twenty minutes in: check-in has closed (15 minutes after the start), attendance is open.
    expect(page.data?.attendance).toMatchObject({ mayMark: true, checkInOpen: false });
    const saved = await callRoute(classPage.action, s.tenant, s.instructor, path, {
      params,
      form: { intent: "attendance", [`mark-${a.id}`]: "attended", [`mark-${b.id}`]: "no_show" },
    });
    expect(saved).toMatchObject({ status: 200, data: { roster: { ok: true } } });
    expect(saved.data?.roster).toEqual({ ok: true, messages: ["Attendance saved: 1 attended, 1 no-show."] });
    const statuses = await Promise.all(ids.map(async (id) => (await findBooking(database(), s.tenant, id))?.status));
    expect(statuses).toEqual(["completed", "no_show", "confirmed"]);
    const noted = await callRoute(classPage.action, s.tenant, s.instructor, path, {
      params,
      form: { intent: "class-note", notes: "Two new faces" },
    });
    expect(noted).toMatchObject({ status: 303, location: `/schedule/${yoga.id}?note-saved=1#roster` });
    expect((await findClassNote(database(), s.tenant, yoga.id))?.body).toBe("Two new faces");
    // Another instructor cannot, and the refusal is a page, not a 500.
    const other = await s.person("instructor", [s.main.id]);
    const refused = await callRoute(classPage.action, s.tenant, other, path, {
      params,
      form: { intent: "attendance", [`mark-${c.id}`]: "attended" },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await findBooking(database(), s.tenant, ids[2] as string))?.status).toBe("confirmed");
  });

  test("the desk checks a person in from the roster while the window is open", async () => {
    const s = await bookingStudio();
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const yoga = await s.classAt(startsAt);
    const client = await s.client(2);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: yoga.id });
    const desk = await s.person("receptionist", [s.main.id]);
    const answer = await callRoute(classPage.action, s.tenant, desk, `/schedule/${yoga.id}`, {
      params: { occurrenceId: yoga.id },
      form: { intent: "check-in", bookingId: booking.id },
    });
    expect(answer).toMatchObject({ status: 200, data: { roster: { ok: true } } });
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("checked_in");
  });
});
