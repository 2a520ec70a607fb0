import { icsDocument, icsText, icsUtc } from "~/services/shared/icalendar-lines";
import type { MessageAttachment } from "~db/schema/tenant";

/**
 * A booking as an iCalendar (RFC 5545) invitation, the attachment that lets a client add it to
 * their calendar in one tap. The UID stays the same for a booking's whole life, so a move
 * (REQUEST with a higher SEQUENCE) updates the entry already in their calendar and a
 * cancellation (CANCEL) removes it, instead of adding a second one.
 */
export type CalendarEvent = {
  uid: string;
  method: "REQUEST" | "CANCEL";
  /** Calendars apply a change only when its sequence is higher than the one they hold. */
  sequence: number;
  stampedAt: Date;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  url: string;
  organizer: { name: string; uri: string };
};

/** A parameter value may not hold a double quote; quoted, it may hold ":", ";" and ",". */
const param = (value: string) => `"${value.replace(/"/g, "'").replace(/[\r\n]+/g, " ")}"`;

function calendarInvite(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Wondrous//Bookings//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(event.stampedAt)}`,
    `DTSTART:${icsUtc(event.startsAt)}`,
    `DTEND:${icsUtc(event.endsAt)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `LOCATION:${icsText(event.location)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    `URL:${event.url}`,
    `ORGANIZER;CN=${param(event.organizer.name)}:${event.organizer.uri}`,
    `STATUS:${event.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return icsDocument(lines);
}

export function calendarAttachment(event: CalendarEvent): MessageAttachment {
  return {
    filename: event.method === "CANCEL" ? "cancelled.ics" : "booking.ics",
    // The method parameter is what makes mail clients offer "add" or "remove" buttons.
    contentType: `text/calendar; charset=utf-8; method=${event.method}`,
    contentBase64: Buffer.from(calendarInvite(event), "utf8").toString("base64"),
  };
}
