import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { findBooking } from "~/models/booking.server";
import { upsertSmsReplyRoute } from "~/models/sms-reply-route.server";
import { clientCredits } from "~/services/credits/ledger.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking, User } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";
import { bookClass } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";
import { handleSmsReply, isCancelWord, phoneFrom } from "./sms-reply.server";

type Studio = Awaited<ReturnType<typeof bookingStudio>>;
let s: Studio;

beforeAll(async () => {
  s = await bookingStudio();
});

let sequence = 0;
const newPhone = () => `+447700${String(900000 + Math.floor(Math.random() * 90000) + sequence++).padStart(6, "0")}`;
const inbound = (phone: string, text: string) => ({
  messageId: `in-${crypto.randomUUID()}`,
  from: phone.slice(1), // Infobip writes numbers without the plus
  to: "447860099999",
  text,
});

/** A booking text to `phone` in the log, as the delivery job leaves it, and the route back. */
async function texted(tenant: Tenant, phone: string, booking: Booking) {
  await database().insert(tenant.t.outboxMessages).values({
    channel: "sms",
    recipient: phone,
    body: "Booked. Reply CANCEL to cancel.",
    template: "bookingConfirmedSms",
    status: "sent",
    bookingId: booking.id,
    userId: booking.clientId,
    locationId: booking.locationId,
  });
  await upsertSmsReplyRoute(database(), phone, tenant.studio.id);
}

const repliesTo = (tenant: Tenant, phone: string) =>
  database()
    .select()
    .from(tenant.t.outboxMessages)
    .where(and(eq(tenant.t.outboxMessages.recipient, phone), eq(tenant.t.outboxMessages.template, "cancelReplySms")));

async function booked(client: User, occurrenceId = s.yogaClass.id) {
  return (await bookClass(s.tenant, client, { occurrenceId })).booking;
}

describe("reading a reply", () => {
  test("CANCEL in any case with spaces around it; nothing else", () => {
    for (const word of ["CANCEL", "cancel", " Cancel ", "\tcAnCeL\n"]) expect(isCancelWord(word), word).toBe(true);
    for (const word of ["cancel please", "CANCELLED", "stop", "", null])
      expect(isCancelWord(word), String(word)).toBe(false);
  });

  test("Infobip's numbers become E.164", () => {
    expect(phoneFrom("447700900123")).toBe("+447700900123");
    expect(phoneFrom("+44 7700 900123")).toBe("+447700900123");
    expect(phoneFrom("abc")).toBeNull();
  });
});

describe("a client replies CANCEL", () => {
  test("inside the window: cancelled as the client, credit back, no reply of ours (the engine's message tells them)", async () => {
    const client = await s.client(2);
    const booking = await booked(client);
    const phone = newPhone();
    await texted(s.tenant, phone, booking);
    expect(await handleSmsReply(inbound(phone, " cancel "))).toBe("cancelled");
    expect(await findBooking(database(), s.tenant, booking.id)).toMatchObject({
      status: "cancelled",
      cancelledById: client.id,
      creditForfeited: false,
    });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(2);
    expect(await repliesTo(s.tenant, phone)).toEqual([]);
  });

  test("the same reply delivered twice by the provider cancels once and answers nothing more", async () => {
    const client = await s.client(2);
    const booking = await booked(client);
    const phone = newPhone();
    await texted(s.tenant, phone, booking);
    const sms = inbound(phone, "Cancel");
    expect(await handleSmsReply(sms)).toBe("cancelled");
    expect(await handleSmsReply(sms)).toBe("already-handled");
    expect(await repliesTo(s.tenant, phone)).toEqual([]);
  });

  test("outside the window: not cancelled, the credit kept; a text says to call the studio, in one segment", async () => {
    const client = await s.client(2);
    const soon = await s.classAt(new Date(Date.now() + 3 * 60 * 60_000));
    const booking = await booked(client, soon.id);
    const phone = newPhone();
    await texted(s.tenant, phone, booking);
    expect(await handleSmsReply(inbound(phone, "Cancel"))).toBe("refused");
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
    const [reply, ...more] = await repliesTo(s.tenant, phone);
    expect(more).toEqual([]);
    expect(reply).toMatchObject({ channel: "sms", bookingId: booking.id, userId: client.id, status: "pending" });
    expect(reply!.body).toContain("too late to cancel Yoga");
    expect(reply!.body).toContain("Please call the studio.");
    expect(reply!.body.length).toBeLessThanOrEqual(160);
  });

  test("already cancelled: told so", async () => {
    const client = await s.client(2);
    const booking = await booked(client);
    const phone = newPhone();
    await texted(s.tenant, phone, booking);
    expect(await handleSmsReply(inbound(phone, "cancel"))).toBe("cancelled");
    expect(await handleSmsReply(inbound(phone, "CANCEL"))).toBe("refused");
    const [reply] = await repliesTo(s.tenant, phone);
    expect(reply!.body).toContain("we couldn't find an upcoming booking of yours to cancel. Please call the studio.");
  });

  test("the newest booking text decides which booking; other words and unknown numbers change nothing", async () => {
    const client = await s.client(3);
    const first = await booked(client);
    const later = await booked(client, (await s.classAt(new Date(Date.now() + 5 * 24 * 60 * 60_000))).id);
    const phone = newPhone();
    await texted(s.tenant, phone, first);
    await texted(s.tenant, phone, later);
    expect(await handleSmsReply(inbound(phone, "Thanks!"))).toBe("ignored");
    expect(await handleSmsReply(inbound(newPhone(), "CANCEL"))).toBe("ignored");
    expect((await findBooking(database(), s.tenant, later.id))?.status).toBe("confirmed");
    expect(await handleSmsReply(inbound(phone, "CANCEL"))).toBe("cancelled");
    expect((await findBooking(database(), s.tenant, later.id))?.status).toBe("cancelled");
    expect((await findBooking(database(), s.tenant, first.id))?.status).toBe("confirmed");
  });

  test("a number another studio texted last is that studio's reply: this studio's booking stays", async () => {
    const client = await s.client(2);
    const booking = await booked(client);
    const phone = newPhone();
    await texted(s.tenant, phone, booking);
    const other = await createTestStudio();
    await upsertSmsReplyRoute(database(), phone, other.tenant.studio.id);
    expect(await handleSmsReply(inbound(phone, "CANCEL"))).toBe("ignored");
    expect((await findBooking(database(), s.tenant, booking.id))?.status).toBe("confirmed");
  });
});
