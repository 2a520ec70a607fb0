import { DateTime } from "luxon";
import { fullDate } from "~/services/shared/date-words";

/**
 * An instant on a location's clock, for messages. A booking email writes its times four or five
 * times; a luxon DateTime for each, its zone's offset worked out again every time, was most of
 * composing it. One Intl reader per zone (shared/wall-clock.ts) answers the local date and time at
 * once, and the words of a day ("Fri 4 Dec") are the same in every zone, so they are kept per
 * local date.
 */

/** "2026-12-04" and "18:30": the local date and time of an instant in a zone. */
export { wallClockOf as wallClock } from "~/services/shared/wall-clock";

/** Words of the days messages have named, by local date; a few hundred a year per studio. */
function remembered(words: (date: string) => string) {
  const known = new Map<string, string>();
  return (date: string) => {
    let said = known.get(date);
    if (said === undefined) {
      if (known.size >= 5000) known.clear();
      said = words(date);
      known.set(date, said);
    }
    return said;
  };
}

/** "Fri 4 Dec", for a local date. */
export const shortDay = remembered((date) =>
  DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat("ccc d LLL"),
);

/** "Friday 4 December 2026", for a local date. */
export const fullDay = remembered(fullDate);
