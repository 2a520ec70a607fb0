import { DateTime } from "luxon";

/** "Tue 1 Dec 18:30–19:30" in the location's zone: how the timetable names one meeting. */
export function whenText(startsAt: Date | string, endsAt: Date | string, zone: string) {
  const at = (instant: Date | string) => DateTime.fromJSDate(new Date(instant), { zone }).setLocale("en-GB");
  return `${at(startsAt).toFormat("ccc d LLL HH:mm")}–${at(endsAt).toFormat("HH:mm")}`;
}

/** A clash, in words: "Vinyasa Flow at Camden, Tue 1 Dec 18:30–19:30". */
export function clashText(
  conflict: { startsAt: Date | string; endsAt: Date | string; what: string; locationName: string },
  zone: string,
) {
  return `${conflict.what} at ${conflict.locationName}, ${whenText(conflict.startsAt, conflict.endsAt, zone)}`;
}
