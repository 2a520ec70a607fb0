import type { Occurrence } from "~db/schema/tenant";
import type { Tenant } from "./tenant.server";

/**
 * Places still free in each occurrence, by id: the one place that knows how spots are counted.
 * Nothing can be booked yet, so every place is free; the booking engine counts its confirmed
 * bookings here (one query for the whole list) and every schedule follows.
 */
export async function spotsLeft(
  _tenant: Tenant,
  occurrences: Pick<Occurrence, "id" | "capacity">[],
): Promise<Map<string, number>> {
  return new Map(occurrences.map((o) => [o.id, o.capacity]));
}
