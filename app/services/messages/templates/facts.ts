import { fullDate, shortDate } from "~/services/shared/date-words";
import { wallClockOf } from "~/services/shared/wall-clock";
import type { MessageAttachment } from "~db/schema/tenant";

/** Who speaks in a message: the studio, with links on its own subdomain. */
export type StudioVoice = {
  name: string;
  slug: string;
  /** absolute URL on the studio's subdomain */
  url: (path: string) => string;
};

/** What a booking message is about, already read from the database by the caller. */
export type BookingFacts = {
  bookingId: string;
  clientName: string;
  serviceName: string;
  instructorName: string | null;
  locationName: string;
  locationAddress: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The location's IANA time zone: every time is written on its clock. */
  zone: string;
  spots: number;
  kind: "session" | "class";
  /** A confirmed booking's check-in code ("K7M2 Q9XD") and its QR code (inline SVG), when the email shows it. */
  checkIn?: { code: string; qrSvg: string };
};

export type EmailContent = { subject: string; text: string; html: string; attachments: MessageAttachment[] };

/** "18:30" on the location's clock. */
export const timeAt = (instant: Date, zone: string) => wallClockOf(instant, zone).time;

/** "Fri 4 Dec 18:30": dates in SMS and subjects, where space is short. */
export function shortWhen(instant: Date, zone: string) {
  const { date, time } = wallClockOf(instant, zone);
  return `${shortDate(date)} ${time}`;
}

/** "Friday 4 December 2026, 18:30–19:30". */
export function longWhen(b: BookingFacts) {
  const start = wallClockOf(b.startsAt, b.zone);
  return `${fullDate(start.date)}, ${start.time}–${timeAt(b.endsAt, b.zone)}`;
}

/** "Maya" of "Maya Patel": SMS greet by first name. */
export const firstName = (fullName: string) => fullName.trim().split(/\s+/)[0] ?? "";

export const withInstructor = (b: BookingFacts) =>
  b.instructorName ? `${b.serviceName} with ${b.instructorName}` : b.serviceName;

export const where = (b: BookingFacts) =>
  b.locationAddress ? `${b.locationName}, ${b.locationAddress}` : b.locationName;

/** The client's own page of the booking, where they can see, move or cancel it. */
export const bookingPath = (b: BookingFacts) => `/bookings/${encodeURIComponent(b.bookingId)}`;

/** Where to book something else: the timetable for classes, the session booker for sessions. */
export const bookAgainPath = (b: BookingFacts) => (b.kind === "class" ? "/schedule" : "/book");
