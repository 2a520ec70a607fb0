import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findBooking, updateBooking } from "~/models/booking.server";
import { findClassNote } from "~/models/class-note.server";
import { saveClientCard } from "~/models/client-card.server";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { NoShowRule, User } from "~db/schema/tenant";
import { CHARGE_NO_SHOW_FEE } from "../../../jobs/queues";
import { completeSession, markClassAttendance, saveClassNote } from "./attendance.server";
import { checkIn } from "./check-in.server";
import { NO_CARD_MESSAGE } from "./no-show.server";

type Studio = Awaited<ReturnType<typeof bookingStudio>>;

/** The Monday 18:00 class, with clients of 3 credits each booked in (1 credit each). */
async function classWith(people: number, rule: NoShowRule = "forfeit_credit", feeMinor = 0) {
  const s = await bookingStudio();
  await updateStudioSettings(database(), s.tenant, { noShowRule: rule, noShowFeeMinor: feeMinor });
  const clients: User[] = [];
  const bookings: string[] = [];
  for (let i = 0; i < people; i++) {
    const client = await s.client(3);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
    clients.push(client);
    bookings.push(booking.id);
  }
  return { s, clients, bookings };
}

const balance = async (s: Studio, client: User) => (await clientCredits(s.tenant, client, client.id)).balance;

async function feeJobs(tenant: Tenant, bookingId: string) {
  const rows = await database().execute(
    sql`SELECT id FROM pgboss.job WHERE name = ${CHARGE_NO_SHOW_FEE} AND data->>'bookingId' = ${bookingId} AND data->>'studioId' = ${tenant.studio.id}`,
  );
  return rows.length;
}

async function noShowEmails(s: Studio, bookingId: string) {
  const messages = await listRecentOutboxMessages(database(), s.tenant, 100);
  return messages.filter((m) => m.bookingId === bookingId && m.template === "booking_no_show");
}

const card = (clientId: string) => ({
  clientId,
  stripeCustomerId: "cus_test",
  stripePaymentMethodId: "pm_test",
  brand: "visa",
  last4: "4242",
  expMonth: 12,
  expYear: 2040,
});

describe("the no-show rules, each with its effect on the credits ledger", () => {
  test("forfeit_credit: the credit stays spent and the booking says so; the client is told", async () => {
    const { s, clients, bookings } = await classWith(1);
    const [client, id] = [clients[0] as User, bookings[0] as string];
    expect(await balance(s, client)).toBe(2);
    const marked = await completeSession(
      s.tenant,
      s.instructor,
      id,
      { attended: false, note: "No call" },
      s.at("18:20"),
    );
    expect(marked).toMatchObject({ status: "no_show", changed: true, detail: null });
    expect(await balance(s, client)).toBe(2);
    expect(await findBooking(database(), s.tenant, id)).toMatchObject({
      status: "no_show",
      creditForfeited: true,
      attendanceNote: "No call",
      attendanceMarkedById: s.instructor.id,
    });
    const [email] = await noShowEmails(s, id);
    expect(email?.body).toContain("the credit you booked with is used");
    // Corrected: the kept credit simply pays for the class.
    const corrected = await completeSession(s.tenant, s.instructor, id, { attended: true }, s.at("18:30"));
    expect(corrected).toMatchObject({ status: "completed", changed: true, detail: null });
    expect(await balance(s, client)).toBe(2);
    expect(await findBooking(database(), s.tenant, id)).toMatchObject({
      creditForfeited: false,
      attendanceNote: "No call",
    });
  });

  test("return_credit: the credit comes back once, and a correction says it stays", async () => {
    const { s, clients, bookings } = await classWith(1, "return_credit");
    const [client, id] = [clients[0] as User, bookings[0] as string];
    await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:20"));
    expect(await balance(s, client)).toBe(3);
    expect((await noShowEmails(s, id))[0]?.body).toContain("is back on your account");
    // The same mark again changes nothing and returns nothing more.
    expect(await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:21"))).toMatchObject({
      changed: false,
    });
    expect(await balance(s, client)).toBe(3);
    const corrected = await completeSession(s.tenant, s.instructor, id, { attended: true }, s.at("18:30"));
    expect(corrected.detail).toBe(
      "The credit returned for the no-show stays with the client; adjust their credits if it should not.",
    );
    expect(await balance(s, client)).toBe(3);
    // No-show again: nothing is held any more, so nothing comes back twice.
    await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:40"));
    expect(await balance(s, client)).toBe(3);
  });

  test("charge_fee with a card on file: the credit comes back and the fee is queued exactly once", async () => {
    const { s, clients, bookings } = await classWith(1, "charge_fee", 1500);
    const [client, id] = [clients[0] as User, bookings[0] as string];
    await saveClientCard(database(), s.tenant, card(client.id));
    const marked = await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:20"));
    expect(marked.detail).toBe("A no-show fee of £15.00 will be charged to the card on file.");
    expect(await balance(s, client)).toBe(3);
    expect(await feeJobs(s.tenant, id)).toBe(1);
    expect((await findBooking(database(), s.tenant, id))?.creditForfeited).toBe(false);
    expect((await noShowEmails(s, id))[0]?.body).toContain("a fee of £15.00 is charged to your visa card ending 4242");
    const corrected = await completeSession(s.tenant, s.instructor, id, { attended: true }, s.at("18:30"));
    expect(corrected.detail).toBe(
      "The no-show fee is not reversed here: refund it from the client's payments if it should not stand.",
    );
    const again = await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:40"));
    expect(again.detail).toContain("already asked for once");
    expect(await feeJobs(s.tenant, id)).toBe(1);
  });

  test("charge_fee without a card on file: the credit is kept instead, and the staff are told", async () => {
    const { s, clients, bookings } = await classWith(1, "charge_fee", 1500);
    const [client, id] = [clients[0] as User, bookings[0] as string];
    const marked = await completeSession(s.tenant, s.instructor, id, { attended: false }, s.at("18:20"));
    expect(marked.detail).toBe(NO_CARD_MESSAGE);
    expect(marked.message).toBe(`Marked as a no-show: ${client.fullName}. ${NO_CARD_MESSAGE}`);
    expect(await balance(s, client)).toBe(2);
    expect(await feeJobs(s.tenant, id)).toBe(0);
    expect((await findBooking(database(), s.tenant, id))?.creditForfeited).toBe(true);
  });
});

describe("when a booking may be marked", () => {
  test("from its start, for confirmed or checked-in bookings; waiting, unpaid and cancelled ones are refused", async () => {
    const { s, bookings } = await classWith(4);
    const [early, pending, unpaid, cancelled] = bookings as [string, string, string, string];
    await expect(
      completeSession(s.tenant, s.instructor, early, { attended: true }, s.at("17:59")),
    ).rejects.toMatchObject({
      code: "NOT_STARTED",
      message: "Attendance can be marked from the start, 18:00.",
    });
    await updateBooking(database(), s.tenant, pending, { status: "pending" });
    await updateBooking(database(), s.tenant, unpaid, { status: "awaiting_payment" });
    await updateBooking(database(), s.tenant, cancelled, { status: "cancelled" });
    for (const [id, code] of [
      [pending, "BOOKING_PENDING"],
      [unpaid, "PAYMENT_PENDING"],
      [cancelled, "BOOKING_CANCELLED"],
    ] as const) {
      await expect(
        completeSession(s.tenant, s.instructor, id, { attended: true }, s.at("18:10")),
      ).rejects.toMatchObject({
        status: 409,
        code,
      });
    }
    const checkedIn = await checkIn(s.tenant, s.instructor, early, { via: "staff" }, s.at("17:50"));
    expect(checkedIn.outcome).toBe("checked_in");
    expect(await completeSession(s.tenant, s.instructor, early, { attended: true }, s.at("18:00"))).toMatchObject({
      status: "completed",
      changed: true,
    });
  });
});

describe("a class's attendance in one form", () => {
  test("a mix of states: checked in, already marked, confirmed, and someone left out", async () => {
    const { s, clients, bookings } = await classWith(4);
    const [a, b, c] = clients as [User, User, User, User];
    await checkIn(s.tenant, s.instructor, bookings[0] as string, { via: "staff" }, s.at("17:45"));
    await completeSession(s.tenant, s.instructor, bookings[2] as string, { attended: false }, s.at("18:05"));
    const result = await markClassAttendance(
      s.tenant,
      s.instructor,
      s.yogaClass.id,
      { attendees: [a.id, c.id], absent: [b.id] },
      s.at("18:20"),
    );
    expect(result).toMatchObject({ attended: 2, noShow: 1, unchanged: 0 });
    const status = async (i: number) => (await findBooking(database(), s.tenant, bookings[i] as string))?.status;
    expect([await status(0), await status(1), await status(2), await status(3)]).toEqual([
      "completed",
      "no_show",
      "completed",
      "confirmed",
    ]);
    const again = await markClassAttendance(
      s.tenant,
      s.instructor,
      s.yogaClass.id,
      { attendees: [a.id, c.id], absent: [b.id] },
      s.at("18:25"),
    );
    expect(again).toMatchObject({ attended: 0, noShow: 0, unchanged: 3 });
  });

  test("an id not booked into the class is a 400 naming it, and nothing is marked", async () => {
    const { s, clients, bookings } = await classWith(2);
    const stranger = await s.client(1);
    const form = { attendees: [(clients[0] as User).id], absent: [stranger.id] };
    await expect(
      markClassAttendance(s.tenant, s.instructor, s.yogaClass.id, form, s.at("18:20")),
    ).rejects.toMatchObject({
      status: 400,
      code: "NOT_IN_CLASS",
      message: `Not booked into this class: ${stranger.id}.`,
    });
    expect((await findBooking(database(), s.tenant, bookings[0] as string))?.status).toBe("confirmed");
    const both = { attendees: [(clients[0] as User).id], absent: [(clients[0] as User).id] };
    await expect(
      markClassAttendance(s.tenant, s.instructor, s.yogaClass.id, both, s.at("18:20")),
    ).rejects.toMatchObject({
      code: "MARKED_TWICE",
    });
    await expect(
      markClassAttendance(s.tenant, s.instructor, s.yogaClass.id, { attendees: [], absent: [] }, s.at("17:30")),
    ).rejects.toMatchObject({ code: "NOT_STARTED" });
  });

  test("a series and a date find the class of that day", async () => {
    const s = await bookingStudio();
    const { series, dated } = await s.weeklyClassAt("07:00");
    const client = await s.client(2);
    await bookClass(s.tenant, client, { occurrenceId: dated.id }, { now: s.at("06:00") });
    const form = { date: s.monday, attendees: [client.id], absent: [] };
    expect(await markClassAttendance(s.tenant, s.instructor, series.id, form, s.at("07:30"))).toMatchObject({
      occurrenceId: dated.id,
      attended: 1,
    });
    await expect(
      markClassAttendance(s.tenant, s.instructor, series.id, { ...form, date: undefined }, s.at("07:30")),
    ).rejects.toThrow(NotFound);
  });
});

describe("class notes", () => {
  test("one note per class date, rewritten; an empty note clears it", async () => {
    const s = await bookingStudio();
    const desk = await s.person("receptionist", [s.main.id]);
    await saveClassNote(s.tenant, s.instructor, s.yogaClass.id, { notes: "Knees: go easy" });
    const rewritten = await saveClassNote(s.tenant, desk, s.yogaClass.id, { notes: "  Room 2 tonight " });
    expect(rewritten.notes).toBe("Room 2 tonight");
    expect(await findClassNote(database(), s.tenant, s.yogaClass.id)).toMatchObject({
      body: "Room 2 tonight",
      authorId: desk.id,
    });
    await saveClassNote(s.tenant, s.instructor, s.yogaClass.id, { notes: " " });
    expect(await findClassNote(database(), s.tenant, s.yogaClass.id)).toBeUndefined();
  });
});

describe("who may mark attendance", () => {
  test("the instructor of their own class, the desk and managers at its location, the owner; nobody else", async () => {
    const { s, bookings } = await classWith(1);
    const id = bookings[0] as string;
    const at = s.at("18:10");
    const mark = (actor: User, attended = true) => completeSession(s.tenant, actor, id, { attended }, at);
    const other = await s.person("instructor", [s.main.id]);
    const deskElsewhere = await s.person("receptionist", [s.second.id]);
    const finance = await s.person("finance_manager", [s.main.id]);
    const client = await s.client(1);
    await expect(mark(other)).rejects.toThrow(Forbidden);
    await expect(mark(other)).rejects.toThrow("You can mark attendance only for your own sessions and classes.");
    await expect(mark(deskElsewhere)).rejects.toThrow(NotFound);
    await expect(mark(finance)).rejects.toThrow(Forbidden);
    await expect(mark(client)).rejects.toThrow(Forbidden);
    await expect(saveClassNote(s.tenant, other, s.yogaClass.id, { notes: "x" })).rejects.toThrow(Forbidden);
    await expect(
      markClassAttendance(s.tenant, deskElsewhere, s.yogaClass.id, { attendees: [], absent: [] }, at),
    ).rejects.toThrow(NotFound);
    expect((await mark(s.instructor)).status).toBe("completed");
    expect((await mark(await s.person("receptionist", [s.main.id]), false)).status).toBe("no_show");
    expect((await mark(await s.person("location_manager", [s.main.id]))).status).toBe("completed");
    expect((await mark(s.owner, false)).status).toBe("no_show");
  });
});
