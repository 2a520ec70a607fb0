import type { Occurrence } from "~db/schema/tenant";

/**
 * Places still free in an occurrence: the one place that knows how spots are counted. The
 * database keeps `booked_spots` from every live booking, pending to no-show (a trigger), and refuses
 * to let it pass capacity, so this is never negative.
 */
export function spotsLeft(occurrence: Pick<Occurrence, "capacity" | "bookedSpots">): number {
  return Math.max(0, occurrence.capacity - occurrence.bookedSpots);
}
