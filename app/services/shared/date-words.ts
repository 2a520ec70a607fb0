import { DateTime } from "luxon";

/**
 * How the studio writes a day, in one place so every client page reads the same: "Friday 4
 * December 2026", never "2026-12-04" or "4 Dec 2026". Lists of the coming days may leave the
 * year out ("Friday 4 December"); the weekday always comes first.
 */
const FULL_DATE = "cccc d LLLL yyyy";
const DAY_DATE = "cccc d LLLL";

const onDate = (date: string) => DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB");
const atInstant = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).setLocale("en-GB");

/** "Friday 4 December 2026", for a local date ("2026-12-04"). */
export const fullDate = (date: string) => onDate(date).toFormat(FULL_DATE);
/** "Friday 4 December 2026", the local day an instant falls on in a time zone. */
export const fullDateAt = (instant: Date, zone: string) => atInstant(instant, zone).toFormat(FULL_DATE);
/** "Friday 4 December", for a local date in the coming weeks. */
export const dayDate = (date: string) => onDate(date).toFormat(DAY_DATE);
/** "Friday 4 December", the local day an instant falls on in a time zone. */
export const dayDateAt = (instant: Date, zone: string) => atInstant(instant, zone).toFormat(DAY_DATE);
