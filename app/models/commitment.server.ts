import { and, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

export type Commitment = Tenant["t"]["instructorCommitments"]["$inferSelect"];

/**
 * Queues writers of one instructor's time behind each other until commit. Two transactions
 * inserting overlapping ranges into the exclusion index can otherwise each wait for the other
 * (PostgreSQL breaks that deadlock only after deadlock_timeout, a second later); in line, the
 * second simply finds the first's row and gets the exclusion violation at once.
 */
async function lockInstructorTime(x: Executor, studio: Tenant["studio"], instructorId: string) {
  await x.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${studio.id}:${instructorId}`}, 0))`);
}

/** Throws a 23P01 exclusion violation when the instructor is already committed at that time. */
export async function insertCommitment(
  x: Executor,
  { t, studio }: Tenant,
  values: Omit<Commitment, "id" | "bookingId"> & { bookingId?: string | null },
) {
  await lockInstructorTime(x, studio, values.instructorId);
  await x.insert(t.instructorCommitments).values(values);
}

/** One statement for any number of occurrences: ending a series frees weeks of them at once. */
export async function deleteCommitmentsForOccurrences(x: Executor, { t }: Tenant, occurrenceIds: string[]) {
  if (occurrenceIds.length === 0) return;
  await x.delete(t.instructorCommitments).where(inArray(t.instructorCommitments.occurrenceId, occurrenceIds));
}

export async function reassignCommitmentForOccurrence(
  x: Executor,
  { t, studio }: Tenant,
  occurrenceId: string,
  instructorId: string,
) {
  await lockInstructorTime(x, studio, instructorId);
  await x
    .update(t.instructorCommitments)
    .set({ instructorId })
    .where(eq(t.instructorCommitments.occurrenceId, occurrenceId));
}

/**
 * What the instructor is already committed to between two instants, with enough to name it
 * ("Vinyasa at Camden"). `ignoreOccurrenceId` leaves out the thing being moved.
 */
export async function listCommitmentsOverlapping(
  x: Executor,
  { t }: Tenant,
  instructorId: string,
  startsAt: Date,
  endsAt: Date,
  ignoreOccurrenceId?: string,
) {
  return x
    .select({
      startsAt: t.instructorCommitments.startsAt,
      endsAt: t.instructorCommitments.endsAt,
      locationId: t.instructorCommitments.locationId,
      locationName: t.locations.name,
      occurrenceId: t.instructorCommitments.occurrenceId,
      serviceName: t.services.name,
    })
    .from(t.instructorCommitments)
    .innerJoin(t.locations, eq(t.locations.id, t.instructorCommitments.locationId))
    .leftJoin(t.occurrences, eq(t.occurrences.id, t.instructorCommitments.occurrenceId))
    .leftJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .where(
      and(
        eq(t.instructorCommitments.instructorId, instructorId),
        lt(t.instructorCommitments.startsAt, endsAt),
        gt(t.instructorCommitments.endsAt, startsAt),
        ignoreOccurrenceId ? ne(t.instructorCommitments.occurrenceId, ignoreOccurrenceId) : undefined,
      ),
    );
}

/** Frees the instructor's time held by a session booking (cancelled or moved). */
export async function deleteCommitmentForBooking(x: Executor, { t }: Tenant, bookingId: string) {
  await x.delete(t.instructorCommitments).where(eq(t.instructorCommitments.bookingId, bookingId));
}
