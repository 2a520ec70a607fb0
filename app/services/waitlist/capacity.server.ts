import { insertDomainEvents } from "~/models/domain-event.server";
import { findOccurrence, lockOccurrence, updateOccurrence } from "~/models/occurrence.server";
import { lockWaitlistOf } from "~/models/waitlist.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Occurrence, User } from "~db/schema/tenant";
import { fillWaitlist } from "./fill.server";
import { MAX_CAPACITY } from "./forms.schema";

/**
 * Staff change how many places one class has. Raised, the new places go to the waitlist first;
 * lowered, never below the places booked and held for offers (those people keep them).
 */
export async function changeClassCapacity(
  tenant: Tenant,
  actor: User,
  occurrenceId: string,
  capacity: number,
  now = new Date(),
): Promise<Occurrence> {
  const found = await findOccurrence(database(), tenant, occurrenceId);
  if (!found) throw new NotFound("There is no such class.");
  assertCan(actor, "schedule.modify", { locationId: found.locationId, scheduleOwnerId: found.instructorId });
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
    throw new Refused(422, "INVALID_CAPACITY", `Places must be a whole number from 1 to ${MAX_CAPACITY}.`);
  if (found.status === "cancelled") throw new Refused(409, "CLASS_CANCELLED", "This class is cancelled.");
  if (found.startsAt <= now) throw new Refused(409, "CLASS_STARTED", "This class has already started.");
  const changed = await database().transaction(async (tx) => {
    await lockWaitlistOf(tx, tenant, occurrenceId);
    const occurrence = await lockOccurrence(tx, tenant, occurrenceId);
    if (!occurrence) throw new NotFound("There is no such class.");
    const taken = occurrence.bookedSpots + occurrence.offeredSpots;
    if (capacity < taken)
      throw new Refused(
        409,
        "CAPACITY_BELOW_TAKEN",
        `This class can't have fewer than ${taken} places: ${occurrence.bookedSpots} booked` +
          (occurrence.offeredSpots > 0 ? ` and ${occurrence.offeredSpots} held for waitlist offers.` : "."),
      );
    const updated = await updateOccurrence(tx, tenant, occurrenceId, { capacity });
    await insertDomainEvents(tx, tenant, [
      {
        type: "class.capacity_changed",
        bookingId: null,
        occurrenceId,
        payload: { from: occurrence.capacity, to: capacity, actorId: actor.id },
      },
    ]);
    return updated ?? occurrence;
  });
  if (capacity > found.capacity) await fillWaitlist(tenant, occurrenceId, now);
  return changed;
}
