import { localDateOf, localTimeOf } from "~/services/schedule/local-time";
import { dayDate } from "~/services/shared/date-words";
import type { StudioSettings } from "~db/schema/tenant";

/**
 * When a booking may be checked in: from `opens` minutes before its start to `closes` minutes
 * after (studio settings, 30 and 15 by default). Instants, so a day that changes its clocks
 * moves nothing; the reasons are written on the location's clock.
 */

export type CheckInWindowSettings = Pick<StudioSettings, "checkInOpensMinutes" | "checkInClosesMinutes">;

export type CheckInTiming =
  | { open: true; opensAt: Date; closesAt: Date }
  | { open: false; code: "CHECK_IN_NOT_OPEN" | "CHECK_IN_CLOSED"; message: string; opensAt: Date; closesAt: Date };

const MINUTE = 60_000;

export function checkInWindow(startsAt: Date, settings: CheckInWindowSettings) {
  return {
    opensAt: new Date(startsAt.getTime() - settings.checkInOpensMinutes * MINUTE),
    closesAt: new Date(startsAt.getTime() + settings.checkInClosesMinutes * MINUTE),
  };
}

/** Whether check-in is open now; if not, why, in words for the person at the desk or the client. */
export function checkInTiming(
  startsAt: Date,
  settings: CheckInWindowSettings,
  zone: string,
  now = new Date(),
): CheckInTiming {
  const { opensAt, closesAt } = checkInWindow(startsAt, settings);
  const at = (instant: Date) => {
    const date = localDateOf(instant, zone);
    const time = localTimeOf(instant, zone);
    return date === localDateOf(now, zone) ? time : `${time} on ${dayDate(date)}`;
  };
  if (now < opensAt) {
    return {
      open: false,
      code: "CHECK_IN_NOT_OPEN",
      message: `Check-in opens at ${at(opensAt)}, ${settings.checkInOpensMinutes} minutes before the start.`,
      opensAt,
      closesAt,
    };
  }
  if (now > closesAt) {
    return {
      open: false,
      code: "CHECK_IN_CLOSED",
      message: `Check-in closed at ${at(closesAt)}, ${settings.checkInClosesMinutes} minutes after the start. The instructor marks attendance now.`,
      opensAt,
      closesAt,
    };
  }
  return { open: true, opensAt, closesAt };
}
