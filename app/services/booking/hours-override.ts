import { openingHoursText } from "~/services/schedule/opening-hours";
import type { HoursOverride } from "~/services/schedule/slots";

/**
 * Booking past published hours (spec §5, issue 12): owners and location managers may book a
 * client in where an instructor publishes no hours, or the location is closed, once they have
 * confirmed what they override. Pure: the words and who may, tested without a database.
 */

export const HOURS_OVERRIDES = ["instructor_hours", "opening_hours"] as const satisfies readonly HoursOverride[];

export const OVERRIDE_CODES: Record<HoursOverride, "OUTSIDE_INSTRUCTOR_HOURS" | "OUTSIDE_OPENING_HOURS"> = {
  instructor_hours: "OUTSIDE_INSTRUCTOR_HOURS",
  opening_hours: "OUTSIDE_OPENING_HOURS",
};

export { mayOverrideHours as mayBookPastHours } from "~/services/schedule/opening-hours";

type Range = { start: string; end: string };
export type OverrideContext = {
  /** Short weekday name at the location ("Tue"). */
  weekday: string;
  instructorName: string;
  instructorHours: Range[];
  locationName: string;
  opening: { open: string; close: string } | null;
};

const ranges = (list: Range[]) => list.map((r) => `${r.start}–${r.end}`).join(", ");

/** What a booking at this time overrides, in words: "outside Sam's published hours (Tue 09:00–17:00)". */
export function describeOverride(kind: HoursOverride, context: OverrideContext): string {
  if (kind === "instructor_hours") {
    const name = context.instructorName.split(" ")[0] ?? context.instructorName;
    const hours = context.instructorHours.length
      ? `${context.weekday} ${ranges(context.instructorHours)}`
      : `none on ${context.weekday}`;
    return `outside ${name}'s published hours (${hours})`;
  }
  return `outside ${openingHoursText(context.locationName, context.weekday, context.opening)}`;
}

/** The refusal for a time past published hours that was not confirmed. */
export function overrideRefusalMessage(descriptions: string[], mayOverride: boolean): string {
  const what = `That time is ${descriptions.join(" and ")}.`;
  return mayOverride
    ? `${what} Confirm to book it anyway.`
    : `${what} Only an owner or a location manager can book it.`;
}
