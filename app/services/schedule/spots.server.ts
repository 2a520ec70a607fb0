import type { Occurrence } from "~db/schema/tenant";

/**
 * Places still free in an occurrence: the one place that knows how spots are counted. The
 * database keeps `booked_spots` from every live booking, pending to no-show, and `offered_spots`
 * from the waitlist offers still open (triggers), and refuses to let the two pass capacity: a
 * place held for an offer is not free, so this is never negative.
 */
export function spotsLeft(occurrence: Pick<Occurrence, "capacity" | "bookedSpots" | "offeredSpots">): number {
  return Math.max(0, occurrence.capacity - occurrence.bookedSpots - occurrence.offeredSpots);
}
