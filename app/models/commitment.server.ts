import { and, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { tenantStatement } from "~db/statement";

export type Commitment = Tenant["t"]["instructorCommitments"]["$inferSelect"];

/**
 * Queues writers of one instructor's time behind each other until commit. Two transactions
 * inserting overlapping ranges into the exclusion index can otherwise each wait for the other
 * (PostgreSQL breaks that deadlock only after deadlock_timeout, a second later); in line, the
 * second simply finds the first's row and gets the exclusion violation at once. The trigger that
 * keeps buffers and journeys clear (migration 0010) takes this same lock, so its key is built as
 * the trigger builds it: the studio's schema and the instructor's id.
 */
async function lockInstructorTime(x: Executor, studio: Tenant["studio"], instructorId: string) {
  await x.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${instructorLockKey(studio, instructorId)}, 0))`);
}

const instructorLockKey = (studio: Tenant["studio"], instructorId: string) => `${studio.schemaName}:${instructorId}`;

/**
 * Throws a 23P01 exclusion violation when the instructor is already committed at that time, or
 * (a session, constraint `instructor_commitments_gap`) when another commitment lies closer than
 * the studio's buffer or the journey between the two locations.
 */
export async function insertCommitment(
  x: Executor,
  tenant: Tenant,
  values: Omit<Commitment, "id" | "bookingId"> & { bookingId?: string | null },
) {
  await commitmentAfterLock(x, tenant, {
    ...values,
    bookingId: values.bookingId ?? null,
    lockKey: instructorLockKey(tenant.studio, values.instructorId),
  });
}

/**
 * insertCommitment in one round trip: the instructor's lock is taken while the row is formed,
 * so still before the exclusion index (or the trigger) sees it.
 */
const commitmentAfterLock = tenantStatement("insertCommitment", (x, t) =>
  x.insert(t.instructorCommitments).values({
    instructorId: sql`(SELECT ${sql.placeholder("instructorId")}::uuid FROM pg_advisory_xact_lock(hashtextextended(${sql.placeholder("lockKey")}, 0)))`,
    startsAt: sql.placeholder("startsAt"),
    endsAt: sql.placeholder("endsAt"),
    locationId: sql.placeholder("locationId"),
    occurrenceId: sql.placeholder("occurrenceId"),
    bookingId: sql.placeholder("bookingId"),
  }),
);

/** As insertCommitment, in one statement for many times (a new series' weeks). */
export async function insertCommitments(
  x: Executor,
  { t, studio }: Tenant,
  values: (Omit<Commitment, "id" | "bookingId"> & { bookingId?: string | null })[],
) {
  if (values.length === 0) return;
  for (const instructorId of new Set(values.map((v) => v.instructorId)))
    await lockInstructorTime(x, studio, instructorId);
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

/** A class date moved or covered: its instructor's hold follows it (the exclusion index guards). */
export async function moveCommitmentForOccurrence(
  x: Executor,
  { t, studio }: Tenant,
  occurrenceId: string,
  values: { instructorId: string; startsAt: Date; endsAt: Date },
) {
  await lockInstructorTime(x, studio, values.instructorId);
  await x.update(t.instructorCommitments).set(values).where(eq(t.instructorCommitments.occurrenceId, occurrenceId));
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

/**
 * Pairs of one instructor's commitments, one of them a session, that lie closer than the
 * studio's buffer (`buffer`) or than the journey from the earlier one's location to the later
 * one's (`travel`): what the gap trigger refuses, counted after racing bookings.
 */
export async function countGapViolations(x: Executor, { t }: Tenant): Promise<{ buffer: number; travel: number }> {
  const [row] = (await x.execute(sql`
    WITH settings AS (SELECT coalesce(max(session_buffer_minutes), 0) AS buffer FROM ${t.studioSettings}),
    pairs AS (
      SELECT earlier.location_id <> later.location_id AS elsewhere,
             coalesce(journey.minutes, 0) AS travel,
             settings.buffer,
             later.starts_at - earlier.ends_at AS gap
        FROM ${t.instructorCommitments} earlier
        JOIN ${t.instructorCommitments} later
          ON later.instructor_id = earlier.instructor_id AND later.id <> earlier.id
         AND later.starts_at >= earlier.ends_at
        LEFT JOIN ${t.travelTimes} journey
          ON journey.from_location_id = earlier.location_id AND journey.to_location_id = later.location_id
        CROSS JOIN settings
       WHERE earlier.booking_id IS NOT NULL OR later.booking_id IS NOT NULL
    )
    SELECT count(*) FILTER (WHERE gap < make_interval(mins => buffer))::int AS buffer,
           count(*) FILTER (WHERE elsewhere AND gap < make_interval(mins => travel))::int AS travel
      FROM pairs`)) as unknown as { buffer: number; travel: number }[];
  return { buffer: row?.buffer ?? 0, travel: row?.travel ?? 0 };
}
