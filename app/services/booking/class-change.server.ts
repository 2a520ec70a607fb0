import { moveOccurrenceBookings } from "~/models/booking.server";
import { moveCommitmentForOccurrence } from "~/models/commitment.server";
import { lockOccurrence, updateOccurrence } from "~/models/occurrence.server";
import { listBookableInstructors } from "~/models/staff.server";
import { assertCan } from "~/services/identity/permissions";
import { type Conflict, conflictsFor } from "~/services/schedule/class-schedule.server";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { isExclusionViolation, isUniqueViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Occurrence, User } from "~db/schema/tenant";
import { queueNoticesOfBookings } from "./notices.server";
import { signalFreedPlaces } from "./waitlist-signal.server";

/*
 * Changing one class date moves its bookings and tells their clients in the same transaction,
 * so it lives with the bookings, as cancelling does (schedule never imports booking).
 */

/** What may change on one date; what is left out stays. The end moves with the start. */
export type ClassDateChange = { startsAt?: Date; instructorId?: string; capacity?: number };

/** A refusal the person fixes in one field of the form. */
export type ClassDateRefusal = { field: "startsAt" | "instructorId"; message: string };

export type ClassDateOutcome =
  | { ok: true; value: Occurrence }
  | { ok: false; reason: "conflict"; conflicts: Conflict[] }
  | { ok: false; reason: "invalid"; refusal: ClassDateRefusal };

class Clash extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super("instructor conflict");
  }
}

const refuse = (field: ClassDateRefusal["field"], message: string) => ({
  ok: false as const,
  reason: "invalid" as const,
  refusal: { field, message },
});

/**
 * Changes one date of a class: its start (and end, the length kept), its instructor, its
 * capacity. Owners, and managers at its location. The invariants stay the database's: the
 * instructor's hold moves under the exclusion index (free, and clear of their sessions'
 * buffers), capacity under the check that places booked fit. Booked clients hear of a new time
 * as of any moved booking; a new instructor alone changes their bookings as a substitute does.
 */
export async function changeClassDate(
  tenant: Tenant,
  actor: User,
  occurrenceId: string,
  change: ClassDateChange,
  now = new Date(),
): Promise<ClassDateOutcome> {
  try {
    return await database().transaction(async (tx) => {
      // The lock every writer of this date takes (cancel, substitute, and each booking's count).
      const occurrence = await lockOccurrence(tx, tenant, occurrenceId);
      if (!occurrence) throw new NotFound("Class not found");
      assertCan(actor, "schedule.modify", { locationId: occurrence.locationId });
      if (actor.role !== "org_owner" && actor.role !== "location_manager")
        throw new Forbidden("Only the owner or a manager can change a class's date, instructor or places.");
      if (occurrence.status === "cancelled") throw new Refused(409, "CLASS_CANCELLED", "This class is cancelled.");
      if (occurrence.startsAt <= now) throw new Refused(409, "CLASS_STARTED", "This class has already started.");

      const startsAt = change.startsAt ?? occurrence.startsAt;
      const endsAt = new Date(startsAt.getTime() + (occurrence.endsAt.getTime() - occurrence.startsAt.getTime()));
      const instructorId = change.instructorId ?? occurrence.instructorId;
      const capacity = change.capacity ?? occurrence.capacity;
      const moved = startsAt.getTime() !== occurrence.startsAt.getTime();
      const covered = instructorId !== occurrence.instructorId;

      if (moved && startsAt <= now) return refuse("startsAt", "Choose a time that has not passed");
      const taken = occurrence.bookedSpots + occurrence.offeredSpots;
      if (capacity < taken)
        throw new Refused(
          409,
          "CAPACITY_BELOW_BOOKED",
          `${taken} ${taken === 1 ? "place is" : "places are"} booked or offered; the class needs at least that many.`,
        );
      if (covered) {
        const people = await listBookableInstructors(tx, tenant, occurrence.locationId);
        if (!people.some((person) => person.id === instructorId))
          return refuse("instructorId", "This instructor does not teach at this class's location");
      }
      if (moved || covered) {
        const clashes = await conflictsFor(tx, tenant, instructorId, startsAt, endsAt, occurrence.id);
        if (clashes.length) throw new Clash(clashes);
        try {
          await tx.transaction(async (savepoint) => {
            await moveCommitmentForOccurrence(savepoint, tenant, occurrence.id, { instructorId, startsAt, endsAt });
            await updateOccurrence(savepoint, tenant, occurrence.id, {
              startsAt,
              endsAt,
              instructorId,
              ...(covered ? { originalInstructorId: occurrence.originalInstructorId ?? occurrence.instructorId } : {}),
              // Where the series planned it, once: moved twice, it still holds its week.
              ...(moved ? { plannedStartsAt: occurrence.plannedStartsAt ?? occurrence.startsAt } : {}),
            });
          });
        } catch (error) {
          if (
            isUniqueViolation(error, "occurrences_series_start_key") ||
            isUniqueViolation(error, "occurrences_series_planned_key")
          )
            throw new Refused(409, "CLASS_AT_THAT_TIME", "This class already meets at that time on another date.");
          if (!isExclusionViolation(error)) throw error;
          // Lost a race to another booking of the instructor's time: name what won.
          throw new Clash(await conflictsFor(tx, tenant, instructorId, startsAt, endsAt, occurrence.id));
        }
        const bookings = await moveOccurrenceBookings(tx, tenant, occurrence.id, { instructorId, startsAt, endsAt });
        // Every client's notice together: a full class is written in three statements, not
        // several per booking, while its lock is held.
        if (moved) {
          const ids = bookings.map((booking) => booking.id);
          await queueNoticesOfBookings(tx, tenant, ids, { kind: "moved", previousStartsAt: occurrence.startsAt }, now);
        }
      }
      const updated = (await updateOccurrence(tx, tenant, occurrence.id, { capacity })) as Occurrence;
      // More places: the next in line may have one.
      if (capacity > occurrence.capacity) await signalFreedPlaces(tx, tenant, [occurrence.id]);
      return { ok: true as const, value: updated };
    });
  } catch (error) {
    if (error instanceof Clash) return { ok: false, reason: "conflict", conflicts: error.conflicts };
    throw error;
  }
}
