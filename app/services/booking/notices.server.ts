import {
  type BookingNoticeFacts,
  findBookingNoticeFacts,
  listBookingNoticeFacts,
} from "~/models/booking-notice.server";
import { insertOutboxMessageOnce, insertOutboxMessages, type NewOutboxMessage } from "~/models/outbox.server";
import {
  type BookingFacts,
  bookingCancelledEmail,
  bookingCancelledSms,
  bookingConfirmedEmail,
  bookingConfirmedSms,
  bookingMovedEmail,
  bookingMovedSms,
  bookingRequestedEmail,
  bookingRequestedSms,
  type EmailContent,
  reminderEmail,
  reminderSms,
  type StudioVoice,
} from "~/services/messages/templates/booking";
import { smsSendTime } from "~/services/messages/templates/quiet-hours";
import { checkInQrSvg, displayCheckInCode } from "~/services/shared/check-in-code";
import { messageRoute } from "~/services/shared/message-channels";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { NewJob } from "../../../jobs/enqueue";
import { SEND_REMINDER } from "../../../jobs/queues";

/** What happened to a booking that its client hears about. */
export type BookingNotice =
  | { kind: "booked" }
  | { kind: "confirmed" }
  | { kind: "cancelled"; creditReturned: boolean; byStudio: boolean }
  | { kind: "moved"; previousStartsAt: Date };

export type ReminderKind = "24h" | "2h";
/** A reminder job: for this booking at this time, so a moved booking's old reminder does nothing. */
export type ReminderJob = { studioId: string; bookingId: string; kind: ReminderKind; startsAt: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/** Where this client hears about bookings: their choice, but email when they cannot get a text. */
function addressesOf(facts: BookingNoticeFacts) {
  const route = messageRoute(facts.client, facts.settings.country);
  return { email: route.email ? facts.client.email : null, sms: route.sms };
}

export function voiceOf(tenant: Tenant): StudioVoice {
  const { name, slug } = tenant.studio;
  return { name, slug, url: (path) => studioUrl(slug, path) };
}

export function bookingFactsOf(facts: BookingNoticeFacts): BookingFacts {
  const { booking, location } = facts;
  const { line1, city } = location.address;
  return {
    bookingId: booking.id,
    clientName: facts.client.fullName,
    serviceName: facts.service.name,
    instructorName: facts.instructorName,
    locationName: location.name,
    locationAddress: [line1, city].filter(Boolean).join(", ") || null,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    zone: location.timezone,
    spots: booking.spotsBooked,
    kind: facts.service.type,
  };
}

function compose(notice: BookingNotice, status: string, voice: StudioVoice, b: BookingFacts) {
  switch (notice.kind) {
    case "booked":
      return status === "pending"
        ? { template: "booking_requested", email: bookingRequestedEmail(voice, b), sms: bookingRequestedSms(voice, b) }
        : { template: "booking_confirmed", email: bookingConfirmedEmail(voice, b), sms: bookingConfirmedSms(voice, b) };
    case "confirmed":
      return {
        template: "booking_confirmed",
        email: bookingConfirmedEmail(voice, b, { afterRequest: true }),
        sms: bookingConfirmedSms(voice, b, { afterRequest: true }),
      };
    case "cancelled":
      return {
        template: "booking_cancelled",
        email: bookingCancelledEmail(voice, b, notice),
        sms: bookingCancelledSms(voice, b, notice),
      };
    case "moved":
      return {
        template: "booking_moved",
        email: bookingMovedEmail(voice, b, notice),
        sms: bookingMovedSms(voice, b, notice),
      };
  }
}

function emailValues(email: EmailContent): Pick<NewOutboxMessage, "subject" | "body" | "html" | "attachments"> {
  return { subject: email.subject, body: email.text, html: email.html, attachments: email.attachments };
}

/** When an SMS may go out: now, or the end of the quiet hours; null when that is too late. */
function smsTime(facts: BookingNoticeFacts, desired: Date, now: Date) {
  const { settings, location, booking } = facts;
  return smsSendTime({
    desired,
    zone: location.timezone,
    quietStart: settings.quietHoursStart,
    quietEnd: settings.quietHoursEnd,
    notAfter: booking.startsAt,
    now,
  });
}

/**
 * Writes the client's messages about a booking change, in the transaction of the change (a
 * rolled-back booking leaves no message), and schedules its reminders when it is confirmed.
 */
export async function queueBookingNotices(
  tx: Executor,
  tenant: Tenant,
  bookingId: string,
  notice: BookingNotice,
  now = new Date(),
): Promise<BookingNoticeFacts | undefined> {
  const facts = await findBookingNoticeFacts(tx, tenant, bookingId);
  if (facts) await writeNotices(tx, tenant, [facts], notice, now);
  // What the messages say is what the booking's answer shows: the caller need not read it again.
  return facts;
}

/**
 * As queueBookingNotices for several bookings told the same thing (a class's, moved together):
 * three statements in all rather than several per booking, inside the class's lock.
 */
export async function queueNoticesOfBookings(
  tx: Executor,
  tenant: Tenant,
  bookingIds: string[],
  notice: BookingNotice,
  now = new Date(),
) {
  const all = await listBookingNoticeFacts(tx, tenant, bookingIds);
  if (all.length > 0) await writeNotices(tx, tenant, all, notice, now);
}

/** Every booking's messages in one insert, their delivery jobs and reminders in one more. */
async function writeNotices(tx: Executor, tenant: Tenant, all: BookingNoticeFacts[], notice: BookingNotice, now: Date) {
  const voice = voiceOf(tenant);
  const messages: NewOutboxMessage[] = [];
  const reminders: NewJob[] = [];
  for (const facts of all) {
    messages.push(...(await noticeMessages(facts, notice, voice, now)));
    if (facts.booking.status === "confirmed" && notice.kind !== "cancelled")
      reminders.push(...reminderJobs(tenant, facts, now));
  }
  await insertOutboxMessages(tx, tenant, messages, reminders);
}

/** Only the confirmation shows the check-in code: the QR code is drawn for it alone. */
const showsCheckIn = (notice: BookingNotice, status: string) =>
  status === "confirmed" && (notice.kind === "booked" || notice.kind === "confirmed");

async function noticeMessages(facts: BookingNoticeFacts, notice: BookingNotice, voice: StudioVoice, now: Date) {
  const { booking } = facts;
  const to = addressesOf(facts);
  // A confirmed booking's email carries the code to check in with, and its QR code.
  const checkIn = showsCheckIn(notice, booking.status)
    ? { code: displayCheckInCode(booking.checkInCode), qrSvg: await checkInQrSvg(booking.checkInCode) }
    : undefined;
  const b = { ...bookingFactsOf(facts), checkIn };
  const { template, email, sms } = compose(notice, booking.status, voice, b);
  const about = { template, userId: facts.client.id, bookingId: booking.id, locationId: booking.locationId };
  const messages: NewOutboxMessage[] = [];
  if (to.email) messages.push({ channel: "email", recipient: to.email, ...emailValues(email), ...about });
  const sendAt = to.sms ? smsTime(facts, now, now) : null;
  if (to.sms && sendAt) {
    messages.push({
      channel: "sms",
      recipient: to.sms,
      subject: null,
      body: sms,
      sendAfter: sendAt > now ? sendAt : null,
      ...about,
    });
  }
  return messages;
}

function reminderJobs(tenant: Tenant, facts: BookingNoticeFacts, now: Date): NewJob[] {
  const { booking, settings } = facts;
  const to = addressesOf(facts);
  const job = (kind: ReminderKind, startAfter: Date): NewJob => {
    const data: ReminderJob = {
      studioId: tenant.studio.id,
      bookingId: booking.id,
      kind,
      startsAt: booking.startsAt.toISOString(),
    };
    return { queue: SEND_REMINDER, data, startAfter };
  };
  const jobs: NewJob[] = [];
  // Booked less than a day ahead: the confirmation is the reminder.
  const dayBefore = new Date(booking.startsAt.getTime() - DAY_MS);
  if (to.email && dayBefore > now) jobs.push(job("24h", dayBefore));
  if (to.sms && settings.smsReminders) {
    const at = smsTime(facts, new Date(booking.startsAt.getTime() - TWO_HOURS_MS), now);
    if (at && at > now) jobs.push(job("2h", at));
  }
  return jobs;
}

/**
 * The reminder job's work: one message per booking, kind and start time, however many times
 * the job runs (two workers, a restart); nothing for a booking cancelled, moved or started.
 */
export async function sendBookingReminder(tenant: Tenant, job: ReminderJob, now = new Date()) {
  return database().transaction(async (tx) => {
    const facts = await findBookingNoticeFacts(tx, tenant, job.bookingId);
    if (!facts) return "gone";
    const { booking } = facts;
    if (booking.status !== "confirmed" || booking.startsAt.toISOString() !== job.startsAt) return "changed";
    if (now >= booking.startsAt) return "too_late";
    const to = addressesOf(facts);
    const voice = voiceOf(tenant);
    const b = bookingFactsOf(facts);
    const about = {
      userId: facts.client.id,
      bookingId: booking.id,
      locationId: booking.locationId,
      dedupeKey: `reminder:${job.kind}:${booking.id}:${job.startsAt}`,
    };
    if (job.kind === "24h") {
      if (!to.email) return "no_channel";
      const written = await insertOutboxMessageOnce(tx, tenant, {
        channel: "email",
        recipient: to.email,
        template: "reminder_24h",
        ...emailValues(reminderEmail(voice, b)),
        ...about,
      });
      return written ? "queued" : "duplicate";
    }
    if (!to.sms || !facts.settings.smsReminders) return "no_channel";
    // A job that runs late (a worker was down) still respects the quiet hours.
    const at = smsTime(facts, now, now);
    if (!at) return "too_late";
    const written = await insertOutboxMessageOnce(tx, tenant, {
      channel: "sms",
      recipient: to.sms,
      subject: null,
      body: reminderSms(voice, b),
      template: "reminder_2h",
      sendAfter: at > now ? at : null,
      ...about,
    });
    return written ? "queued" : "duplicate";
  });
}
