import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { renderCalendar } from "./icalendar";

describe("iCalendar feed", () => {
  const ics = renderCalendar("Priya's classes, Wondrous Demo", "Europe/London", [
    {
      uid: "occ-1@demo.wondrous",
      startsAt: new Date("2026-10-19T17:00:00Z"),
      endsAt: new Date("2026-10-19T18:00:00Z"),
      summary: "Vinyasa; all levels, bring a mat",
      location: "Camden, 12 Jamestown Road, London",
      description: `Line one\nLine two with a very long text that goes on and on past seventy-five octets é é é é`,
    },
    {
      uid: "occ-2@demo.wondrous",
      startsAt: new Date("2026-10-26T18:00:00Z"),
      endsAt: new Date("2026-10-26T19:00:00Z"),
      summary: "Vinyasa",
      status: "CANCELLED",
    },
  ]);

  test("parses with a standard iCalendar parser, round-tripping every field", () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first?.summary).toBe("Vinyasa; all levels, bring a mat");
    expect(first?.location).toBe("Camden, 12 Jamestown Road, London");
    expect(first?.description).toContain(
      "Line two with a very long text that goes on and on past seventy-five octets é",
    );
    // 18:00 London in summer time and in winter time: the instants are right either side of DST.
    expect(first?.startDate.toJSDate().toISOString()).toBe("2026-10-19T17:00:00.000Z");
    expect(second?.startDate.toJSDate().toISOString()).toBe("2026-10-26T18:00:00.000Z");
    expect(second?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  test("uses CRLF line ends and folds long lines at 75 octets", () => {
    const lines = ics.split("\r\n");
    expect(ics.endsWith("\r\n")).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
  });
});
