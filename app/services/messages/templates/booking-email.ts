import { fullDate } from "~/services/shared/date-words";
import { emailLayout } from "~/services/shared/email-layout";
import { wallClockOf } from "~/services/shared/wall-clock";
import {
  type BookingFacts,
  bookAgainPath,
  bookingPath,
  type EmailContent,
  longWhen,
  type StudioVoice,
  shortWhen,
  where,
  withInstructor,
} from "./facts";
import { type CalendarEvent, calendarAttachment } from "./ics";

/**
 * Booking emails, written as the studio ("we") to the client. Each says what happened, the
 * booking's facts on the location's clock, and one link to the client's booking page.
 */

/** Every email may be told the moment it is written; tests fix it, callers leave it out. */
type Written = { now?: Date };

// Calendars keep the highest SEQUENCE they have seen for a UID. Seconds since 2020 grow with
// every change without a counter in the database, and stay within a 32-bit integer until 2088.
const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);
const sequenceAt = (now: Date) => Math.floor((now.getTime() - SEQUENCE_EPOCH) / 1000);

function facts(b: BookingFacts): string {
  const lines = [withInstructor(b), longWhen(b), where(b)];
  if (b.spots > 1) lines.push(`${b.spots} places`);
  return lines.join("\n");
}

function invite(studio: StudioVoice, b: BookingFacts, method: CalendarEvent["method"], sequence: number, now: Date) {
  const url = studio.url(bookingPath(b));
  return calendarAttachment({
    uid: `booking-${b.bookingId}@${studio.slug}.wondrous`,
    method,
    sequence,
    stampedAt: now,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    summary: `${withInstructor(b)} at ${studio.name}`,
    location: where(b),
    description: `Your booking at ${studio.name}: ${url}`,
    url,
    organizer: { name: studio.name, uri: studio.url("/") },
  });
}

const signOff = (studio: StudioVoice) => `See you soon,\n${studio.name}`;
const thing = (b: BookingFacts) => (b.kind === "class" ? "class" : "session");

export function bookingConfirmedEmail(
  studio: StudioVoice,
  b: BookingFacts,
  o: { afterRequest?: boolean } & Written = {},
): EmailContent {
  const now = o.now ?? new Date();
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [
      o.afterRequest ? "Good news: we have confirmed your booking request. You're booked in:" : "You're booked in:",
      facts(b),
      "Add it to your calendar with the invitation attached.",
      ...(b.checkIn ? ["When you arrive, show the desk this code, or check in on your booking page."] : []),
    ],
    code: b.checkIn && { label: "Your check-in code", value: b.checkIn.code, svg: b.checkIn.qrSvg },
    action: { label: "See your booking", url: studio.url(bookingPath(b)) },
    after: [`Can't come after all? Cancel on the same page, so someone else can have your place.`, signOff(studio)],
  });
  return {
    subject: `${o.afterRequest ? "Confirmed" : "Booked"}: ${b.serviceName}, ${shortWhen(b.startsAt, b.zone)}`,
    ...body,
    attachments: [invite(studio, b, "REQUEST", 0, now)],
  };
}

export function bookingRequestedEmail(studio: StudioVoice, b: BookingFacts): EmailContent {
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [
      `Thank you for your request. Your ${thing(b)} is waiting for us to confirm it:`,
      facts(b),
      "We will let you know as soon as it is confirmed. Until then the place is not yours yet.",
    ],
    action: { label: "See your request", url: studio.url(bookingPath(b)) },
    after: [studio.name],
  });
  return {
    subject: `Waiting for confirmation: ${b.serviceName}, ${shortWhen(b.startsAt, b.zone)}`,
    ...body,
    attachments: [],
  };
}

export function bookingCancelledEmail(
  studio: StudioVoice,
  b: BookingFacts,
  o: { creditReturned: boolean; byStudio: boolean } & Written,
): EmailContent {
  const now = o.now ?? new Date();
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [
      o.byStudio ? `We're sorry: we have had to cancel your ${thing(b)}:` : `Your ${thing(b)} is cancelled:`,
      facts(b),
      o.creditReturned
        ? "The credit you used for it is back in your account."
        : "The credit used for it has not been returned to your account.",
    ],
    action: { label: "Book another time", url: studio.url(bookAgainPath(b)) },
    after: [studio.name],
  });
  return {
    subject: `Cancelled: ${b.serviceName}, ${shortWhen(b.startsAt, b.zone)}`,
    ...body,
    attachments: [invite(studio, b, "CANCEL", sequenceAt(now), now)],
  };
}

export function bookingMovedEmail(
  studio: StudioVoice,
  b: BookingFacts,
  o: { previousStartsAt: Date } & Written,
): EmailContent {
  const now = o.now ?? new Date();
  const previous = wallClockOf(o.previousStartsAt, b.zone);
  const before = `${fullDate(previous.date)} at ${previous.time}`;
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [
      `Your ${thing(b)} on ${before} has moved. It is now:`,
      facts(b),
      "The invitation attached updates your calendar.",
    ],
    action: { label: "See your booking", url: studio.url(bookingPath(b)) },
    after: [signOff(studio)],
  });
  return {
    subject: `Moved: ${b.serviceName}, now ${shortWhen(b.startsAt, b.zone)}`,
    ...body,
    attachments: [invite(studio, b, "REQUEST", sequenceAt(now), now)],
  };
}

export function reminderEmail(studio: StudioVoice, b: BookingFacts): EmailContent {
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [`A reminder of your ${thing(b)}:`, facts(b)],
    action: { label: "See your booking", url: studio.url(bookingPath(b)) },
    after: [`Can't come? Please cancel on the same page, so someone else can have your place.`, signOff(studio)],
  });
  return {
    subject: `Reminder: ${b.serviceName}, ${shortWhen(b.startsAt, b.zone)}`,
    ...body,
    attachments: [],
  };
}
