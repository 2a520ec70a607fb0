import { icsDocument, icsText, icsUtc } from "~/services/shared/icalendar-lines";

/**
 * A minimal iCalendar (RFC 5545) writer for subscription feeds. Times are written in UTC
 * ("…Z"), which every calendar app converts to the reader's own zone; X-WR-TIMEZONE names the
 * studio's zone for apps that show the feed's own time zone.
 */
export type CalendarEvent = {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string;
  description?: string;
  status?: "CONFIRMED" | "CANCELLED";
  updatedAt?: Date;
};

export function renderCalendar(name: string, zone: string, events: CalendarEvent[], now = new Date()) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Wondrous//Studio schedule//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(name)}`,
    `X-WR-TIMEZONE:${zone}`,
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `DTSTAMP:${icsUtc(event.updatedAt ?? now)}`,
      `DTSTART:${icsUtc(event.startsAt)}`,
      `DTEND:${icsUtc(event.endsAt)}`,
      `SUMMARY:${icsText(event.summary)}`,
    );
    if (event.location) lines.push(`LOCATION:${icsText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${icsText(event.description)}`);
    lines.push(`STATUS:${event.status ?? "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return icsDocument(lines);
}
