import { describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { findClassNote } from "~/models/class-note.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import * as complete from "./api.bookings.$id.complete";
import * as attendance from "./api.classes.$id.attendance";
import * as notes from "./api.classes.$id.notes";

const DOCUMENTED = new Map<typeof complete.action, `/api/${string}`>([
  [complete.action, "/api/bookings/{id}/complete"],
  [attendance.action, "/api/classes/{id}/attendance"],
  [notes.action, "/api/classes/{id}/notes"],
]);

/** The attendance API over HTTP: JSON in, the service's answer or `{ error, code }` out. */

async function post(action: typeof complete.action, tenant: Tenant, as: User, id: string, body: unknown) {
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}/api/x/${id}`, {
    method: "POST",
    headers: { host, cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await action({ request, params: { id }, context: { requestId: "t", clientIp: "127.0.0.1" } });
  // Every answer, success or refusal, is one the API's document describes.
  await expectDocumented(response, "post", DOCUMENTED.get(action) ?? "/api/bookings/{id}/complete");
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A class that started 20 minutes ago with three clients booked in before it. */
async function startedClass() {
  const s = await bookingStudio();
  const startsAt = new Date(Date.now() - 20 * 60_000);
  const yoga = await s.classAt(startsAt);
  const clients = [await s.client(2), await s.client(2), await s.client(2)];
  const bookings: string[] = [];
  for (const client of clients) {
    const { booking } = await bookClass(
      s.tenant,
      client,
      { occurrenceId: yoga.id },
      { now: new Date(startsAt.getTime() - 3_600_000) },
    );
    bookings.push(booking.id);
  }
  return { s, yoga, clients, bookings };
}

describe("POST /api/bookings/:id/complete", () => {
  test("the instructor marks attended with a note; another instructor is refused; a bad body is a 400", async () => {
    const { s, bookings } = await startedClass();
    const id = bookings[0] as string;
    const done = await post(complete.action, s.tenant, s.instructor, id, { attended: true, notes: "Great form" });
    expect(done).toMatchObject({ status: 200, body: { status: "completed", changed: true } });
    expect(await findBooking(database(), s.tenant, id)).toMatchObject({ attendanceNote: "Great form" });
    const other = await s.person("instructor", [s.main.id]);
    expect(await post(complete.action, s.tenant, other, id, { attended: false })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
    expect(await post(complete.action, s.tenant, s.instructor, id, { attended: "yes" })).toMatchObject({
      status: 400,
    });
    expect(
      await post(complete.action, s.tenant, s.instructor, id, { attended: true, status: "completed" }),
    ).toMatchObject({ status: 400 });
  });
});

describe("POST /api/classes/:id/attendance", () => {
  test("attendees and absentees in one go; a foreign id is a 400 that names it", async () => {
    const { s, yoga, clients, bookings } = await startedClass();
    const [a, b] = clients as [User, User, User];
    const stranger = await s.client(1);
    const refused = await post(attendance.action, s.tenant, s.instructor, yoga.id, {
      attendees: [a.id, stranger.id],
      absent: [],
    });
    expect(refused).toMatchObject({ status: 400, body: { code: "NOT_IN_CLASS" } });
    expect(refused.body.error).toContain(stranger.id);
    const done = await post(attendance.action, s.tenant, s.instructor, yoga.id, { attendees: [a.id], absent: [b.id] });
    expect(done).toMatchObject({ status: 200, body: { attended: 1, noShow: 1, unchanged: 0 } });
    expect((await findBooking(database(), s.tenant, bookings[2] as string))?.status).toBe("confirmed");
    const desk = await s.person("receptionist", [s.second.id]);
    expect(await post(attendance.action, s.tenant, desk, yoga.id, { attendees: [a.id] })).toMatchObject({
      status: 404,
    });
    const client = clients[2] as User;
    expect(await post(attendance.action, s.tenant, client, yoga.id, { attendees: [client.id] })).toMatchObject({
      status: 403,
    });
  });
});

describe("POST /api/classes/:id/notes", () => {
  test("writes the class's note; the desk at the location may too", async () => {
    const { s, yoga } = await startedClass();
    const desk = await s.person("receptionist", [s.main.id]);
    expect(await post(notes.action, s.tenant, s.instructor, yoga.id, { notes: "Bring blocks" })).toMatchObject({
      status: 200,
      body: { note: { notes: "Bring blocks" } },
    });
    await post(notes.action, s.tenant, desk, yoga.id, { notes: "Heating broken" });
    expect((await findClassNote(database(), s.tenant, yoga.id))?.body).toBe("Heating broken");
    expect(await post(notes.action, s.tenant, s.instructor, yoga.id, { notes: "x".repeat(5001) })).toMatchObject({
      status: 400,
    });
  });
});
