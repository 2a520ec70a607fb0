import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { updateClient } from "~/models/client.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { SEND_REMINDER } from "../../../jobs/queues";
import { bookClass, cancelBooking, rescheduleBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import { queueBookingNotices, sendBookingReminder } from "./notices.server";

const HOUR = 60 * 60 * 1000;

type Studio = Awaited<ReturnType<typeof bookingStudio>>;

async function clientWithMobile(s: Studio, channels: User["messageChannels"] = "both") {
  const client = await s.client(5);
  await updateClient(database(), s.tenant, client.id, { phone: "+447700900123" });
  const { t } = s.tenant;
  await database().update(t.users).set({ messageChannels: channels }).where(eq(t.users.id, client.id));
  return { ...client, phone: "+447700900123", messageChannels: channels } as User;
}

async function messagesOf(s: Studio, bookingId: string) {
  const { t } = s.tenant;
  return database().select().from(t.outboxMessages).where(eq(t.outboxMessages.bookingId, bookingId));
}

/** The pg-boss jobs whose data names this message or booking. */
async function jobsAbout(key: "messageId" | "bookingId", id: string) {
  return database().execute<{ name: string; start_after: Date; data: Record<string, string> }>(
    sql`SELECT name, start_after, data FROM pgboss.job WHERE data->>${key} = ${id} ORDER BY start_after`,
  );
}

describe("booking notices", () => {
  test("a class booking writes its confirmation by email and SMS, each with its delivery job, and schedules its reminders", async () => {
    const s = await bookingStudio();
    const client = await clientWithMobile(s);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });

    const messages = await messagesOf(s, booking.id);
    expect(messages.map((m) => [m.channel, m.template, m.recipient]).sort()).toEqual([
      ["email", "booking_confirmed", client.email],
      ["sms", "booking_confirmed", "+447700900123"],
    ]);
    expect(messages.every((m) => m.userId === client.id && m.locationId === s.main.id)).toBe(true);
    // The email carries the check-in code in words and as a QR code; the SMS has no room for it.
    const code = `${booking.checkInCode.slice(0, 4)} ${booking.checkInCode.slice(4)}`;
    const email = messages.find((m) => m.channel === "email");
    expect(email?.body).toContain(`Your check-in code: ${code}`);
    expect(email?.html).toContain(`<svg role="img" aria-label="QR code of check-in code ${code}"`);
    expect(messages.find((m) => m.channel === "sms")?.body).not.toContain(code);
    for (const message of messages) expect(await jobsAbout("messageId", message.id)).toHaveLength(1);

    // 18:00 in London: 24 h before by email, 16:00 by SMS.
    const reminders = await jobsAbout("bookingId", booking.id);
    expect(reminders.map((j) => [j.name, j.data.kind, new Date(j.start_after).toISOString()])).toEqual([
      [SEND_REMINDER, "24h", new Date(booking.startsAt.getTime() - 24 * HOUR).toISOString()],
      [SEND_REMINDER, "2h", new Date(booking.startsAt.getTime() - 2 * HOUR).toISOString()],
    ]);
  });

  test("a change that rolls back leaves no message and no job", async () => {
    const s = await bookingStudio();
    const client = await clientWithMobile(s);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const before = await messagesOf(s, booking.id);
    const { t } = s.tenant;
    let written: string[] = [];

    await expect(
      database().transaction(async (tx) => {
        await queueBookingNotices(tx, s.tenant, booking.id, {
          kind: "cancelled",
          creditReturned: true,
          byStudio: true,
        });
        const rows = await tx.select().from(t.outboxMessages).where(eq(t.outboxMessages.bookingId, booking.id));
        written = rows.filter((m) => m.template === "booking_cancelled").map((m) => m.id);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    expect(written).toHaveLength(2);
    expect(await messagesOf(s, booking.id)).toHaveLength(before.length);
    for (const id of written) expect(await jobsAbout("messageId", id)).toHaveLength(0);
  });

  test("email only for a client who chose it, and for one whose number is no mobile", async () => {
    const s = await bookingStudio();
    const emailOnly = await clientWithMobile(s, "email");
    const noPhone = await s.client(5);
    const smsOnly = await clientWithMobile(s, "sms");
    for (const client of [emailOnly, noPhone, smsOnly]) {
      const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
      const channels = (await messagesOf(s, booking.id)).map((m) => m.channel);
      expect(channels).toEqual(client === smsOnly ? ["sms"] : ["email"]);
    }
  });

  test("a booking made less than a day ahead gets no 24 h reminder", async () => {
    const s = await bookingStudio();
    const client = await clientWithMobile(s);
    const now = new Date(s.yogaClass.startsAt.getTime() - 5 * HOUR);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }, { now });
    const reminders = await jobsAbout("bookingId", booking.id);
    expect(reminders.map((j) => j.data.kind)).toEqual(["2h"]);
  });

  test("no SMS in the quiet hours: an early class's reminder goes the evening before, or not at all", async () => {
    const s = await bookingStudio();
    const early = await s.classAt(s.at("07:00"));
    const sundayNoon = new Date(early.startsAt.getTime() - 19 * HOUR);
    const first = await clientWithMobile(s);
    const { booking } = await bookClass(s.tenant, first, { occurrenceId: early.id }, { now: sundayNoon });
    expect((await messagesOf(s, booking.id)).find((m) => m.channel === "sms")?.sendAfter).toBeNull();
    // 05:00 is quiet and 08:00 is after the class: 20:59 the evening before, London time (and
    // booked 19 h ahead, no 24 h reminder).
    const reminders = await jobsAbout("bookingId", booking.id);
    expect(reminders.map((j) => [j.data.kind, new Date(j.start_after).toISOString()])).toEqual([
      ["2h", new Date(early.startsAt.getTime() - 10 * HOUR - 1 * 60_000).toISOString()],
    ]);

    // Booked at 23:00: no text tonight, and 08:00 is too late, so email only.
    const late = await clientWithMobile(s);
    const elevenPm = new Date(early.startsAt.getTime() - 8 * HOUR);
    const { booking: lateBooking } = await bookClass(s.tenant, late, { occurrenceId: early.id }, { now: elevenPm });
    expect((await messagesOf(s, lateBooking.id)).map((m) => m.channel)).toEqual(["email"]);
    expect(await jobsAbout("bookingId", lateBooking.id)).toHaveLength(0);
  });

  test("a reminder is written once however often its job runs, and never for a cancelled or moved booking", async () => {
    const s = await bookingStudio();
    const client = await clientWithMobile(s);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const job = { studioId: s.tenant.studio.id, bookingId: booking.id, startsAt: booking.startsAt.toISOString() };
    const dayBefore = new Date(booking.startsAt.getTime() - 24 * HOUR);

    // Two workers and a restart run the same job three times at once.
    const runs = await Promise.all(
      [1, 2, 3].map(() => sendBookingReminder(s.tenant, { ...job, kind: "24h" }, dayBefore)),
    );
    expect(runs.sort()).toEqual(["duplicate", "duplicate", "queued"]);
    const reminders = (await messagesOf(s, booking.id)).filter((m) => m.template === "reminder_24h");
    expect(reminders.map((m) => [m.channel, m.recipient])).toEqual([["email", client.email]]);

    // Late, but before the class: still sent, once. After the start: nothing.
    const late = new Date(booking.startsAt.getTime() - 10 * 60 * 1000);
    expect(await sendBookingReminder(s.tenant, { ...job, kind: "2h" }, late)).toBe("queued");
    expect(await sendBookingReminder(s.tenant, { ...job, kind: "2h" }, late)).toBe("duplicate");
    expect(await sendBookingReminder(s.tenant, { ...job, kind: "24h" }, booking.startsAt)).toBe("too_late");

    // Moved: the old booking's reminders do nothing; the new one has its own, at the new time.
    const later = await s.classAt(new Date(booking.startsAt.getTime() + 2 * HOUR));
    const { booking: moved } = await rescheduleBooking(s.tenant, client, booking.id, {
      kind: "class",
      occurrenceId: later.id,
    });
    expect(await sendBookingReminder(s.tenant, { ...job, kind: "24h" }, dayBefore)).toBe("changed");
    expect((await jobsAbout("bookingId", moved.id)).map((j) => new Date(j.start_after).getTime())).toEqual([
      moved.startsAt.getTime() - 24 * HOUR,
      moved.startsAt.getTime() - 2 * HOUR,
    ]);
    const movedMessages = await messagesOf(s, moved.id);
    expect(movedMessages.map((m) => m.template)).toEqual(["booking_moved", "booking_moved"]);

    // Cancelled: its reminder does nothing, and the cancellation is written.
    await cancelBooking(s.tenant, client, moved.id);
    const movedJob = { ...job, bookingId: moved.id, startsAt: moved.startsAt.toISOString(), kind: "2h" as const };
    expect(await sendBookingReminder(s.tenant, movedJob, dayBefore)).toBe("changed");
    const cancelled = (await messagesOf(s, moved.id)).filter((m) => m.template === "booking_cancelled");
    expect(cancelled).toHaveLength(2);
  });
});
