import { reassignOccurrenceBookings } from "~/models/booking.server";
import { insertClassSeries, listActiveClassSeries, type NewClassSeries } from "~/models/class-series.server";
import {
  insertCommitment,
  insertCommitments,
  listCommitmentsOverlapping,
  reassignCommitmentForOccurrence,
} from "~/models/commitment.server";
import { listActiveLocations } from "~/models/location.server";
import { insertOccurrence, insertOccurrences, lockOccurrence, updateOccurrence } from "~/models/occurrence.server";
import { findService } from "~/models/service.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import { isExclusionViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { ClassSeries, Location, Occurrence, User } from "~db/schema/tenant";
import { addDays, todayIn } from "./local-time";
import { planOccurrences } from "./recurrence";

/** How far ahead a series' occurrences exist as rows; a nightly job keeps extending it. */
const HORIZON_WEEKS = 12;

export type Conflict = { startsAt: Date; endsAt: Date; what: string; locationName: string };
export type ScheduleOutcome<T> = { ok: true; value: T } | { ok: false; reason: "conflict"; conflicts: Conflict[] };

class ConflictError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super("instructor conflict");
  }
}

export async function conflictsFor(
  x: Executor,
  tenant: Tenant,
  instructorId: string,
  startsAt: Date,
  endsAt: Date,
  ignore?: string,
) {
  const rows = await listCommitmentsOverlapping(x, tenant, instructorId, startsAt, endsAt, ignore);
  return rows.map((row) => ({
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    what: row.serviceName ?? "a 1:1 session",
    locationName: row.locationName,
  }));
}

/**
 * Commits the instructor to one occurrence. The exclusion constraint is the guard; the query
 * before it only finds words for the refusal ("Yoga at Camden, 18:00").
 */
async function commit(x: Executor, tenant: Tenant, occurrence: Occurrence) {
  const conflicts = await conflictsFor(
    x,
    tenant,
    occurrence.instructorId,
    occurrence.startsAt,
    occurrence.endsAt,
    occurrence.id,
  );
  if (conflicts.length) throw new ConflictError(conflicts);
  try {
    await x.transaction(async (savepoint) => {
      await insertCommitment(savepoint, tenant, {
        instructorId: occurrence.instructorId,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        locationId: occurrence.locationId,
        occurrenceId: occurrence.id,
      });
    });
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    // Lost a race to a concurrent booking: describe what won.
    throw new ConflictError(
      await conflictsFor(x, tenant, occurrence.instructorId, occurrence.startsAt, occurrence.endsAt),
    );
  }
}

async function requireLocation(tenant: Tenant, locationId: string): Promise<Location> {
  const location = (await listActiveLocations(database(), tenant)).find((l) => l.id === locationId);
  if (!location) throw new NotFound("Location not found");
  return location;
}

/** Creates occurrences (and commitments) of a series up to the horizon; skips ones that exist. */
async function materialize(x: Executor, tenant: Tenant, series: ClassSeries, zone: string, until: string) {
  const today = todayIn(zone);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; they compare in order as text.
  const from = series.validFrom > today ? series.validFrom : today;
  // All the weeks in a few statements rather than a handful per week: a studio's timetable (the
  // demo's, seeded at every start) is dozens of series of twelve weeks each.
  const created = await insertOccurrences(
    x,
    tenant,
    planOccurrences(series, from, until, zone).map((planned) => ({
      seriesId: series.id,
      serviceId: series.serviceId,
      locationId: series.locationId,
      instructorId: series.instructorId,
      startsAt: planned.startsAt,
      endsAt: planned.endsAt,
      capacity: series.capacity,
    })),
  );
  const firstClash = async () =>
    (await Promise.all(created.map((o) => conflictsFor(x, tenant, o.instructorId, o.startsAt, o.endsAt, o.id)))).find(
      (conflicts) => conflicts.length > 0,
    );
  const clash = await firstClash();
  if (clash) throw new ConflictError(clash);
  try {
    await x.transaction((savepoint) =>
      insertCommitments(
        savepoint,
        tenant,
        created.map((o) => ({
          instructorId: o.instructorId,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          locationId: o.locationId,
          occurrenceId: o.id,
        })),
      ),
    );
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    // Lost a race to a concurrent booking, or a week lies too close to another commitment.
    throw new ConflictError((await firstClash()) ?? []);
  }
  return created;
}

export type NewSeriesInput = Omit<NewClassSeries, "capacity"> & { capacity?: number };

/**
 * Schedules a recurring class and its occurrences for the coming weeks, all or nothing: if the
 * instructor is busy at any of those times, nothing is created and the clashes are listed.
 */
export async function scheduleClassSeries(
  tenant: Tenant,
  actor: User,
  input: NewSeriesInput,
): Promise<ScheduleOutcome<{ series: ClassSeries; occurrences: Occurrence[] }>> {
  assertCan(actor, "schedule.modify", { locationId: input.locationId, scheduleOwnerId: input.instructorId });
  const [service, location] = await Promise.all([
    findService(database(), tenant, input.serviceId),
    requireLocation(tenant, input.locationId),
  ]);
  if (service?.type !== "class" || service.archivedAt) throw new NotFound("Class service not found");
  try {
    return await database().transaction(async (tx) => {
      const series = await insertClassSeries(tx, tenant, {
        ...input,
        capacity: input.capacity ?? service.capacity ?? 1,
      });
      const until = addDays(todayIn(location.timezone), HORIZON_WEEKS * 7);
      const occurrences = await materialize(tx, tenant, series, location.timezone, until);
      return { ok: true as const, value: { series, occurrences } };
    });
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, reason: "conflict", conflicts: error.conflicts };
    throw error;
  }
}

/** Another instructor covers one occurrence, if they are free; the series keeps its instructor. */
export async function substituteInstructor(
  tenant: Tenant,
  actor: User,
  occurrenceId: string,
  instructorId: string,
): Promise<ScheduleOutcome<Occurrence>> {
  try {
    return await database().transaction(async (tx) => {
      const occurrence = await lockOccurrence(tx, tenant, occurrenceId);
      if (!occurrence || occurrence.status === "cancelled") throw new NotFound("Class not found");
      // Staff who may change this location's schedule; an instructor only for their own class.
      assertCan(actor, "schedule.modify", {
        locationId: occurrence.locationId,
        scheduleOwnerId: occurrence.instructorId,
      });
      const conflicts = await conflictsFor(
        tx,
        tenant,
        instructorId,
        occurrence.startsAt,
        occurrence.endsAt,
        occurrence.id,
      );
      if (conflicts.length) throw new ConflictError(conflicts);
      try {
        await tx.transaction((savepoint) =>
          reassignCommitmentForOccurrence(savepoint, tenant, occurrence.id, instructorId),
        );
      } catch (error) {
        if (!isExclusionViolation(error)) throw error;
        throw new ConflictError(await conflictsFor(tx, tenant, instructorId, occurrence.startsAt, occurrence.endsAt));
      }
      // A substitute covering a class teaches its bookings too.
      await reassignOccurrenceBookings(tx, tenant, occurrence.id, instructorId);
      const updated = await updateOccurrence(tx, tenant, occurrence.id, {
        instructorId,
        originalInstructorId: occurrence.originalInstructorId ?? occurrence.instructorId,
      });
      return { ok: true as const, value: updated as Occurrence };
    });
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, reason: "conflict", conflicts: error.conflicts };
    throw error;
  }
}

/**
 * Nightly: every active series gets its occurrences up to the horizon. A clash that appeared
 * since (a session booked into a future class slot) skips that one occurrence and is reported.
 */
export async function extendClassHorizon(tenant: Tenant) {
  const locations = new Map((await listActiveLocations(database(), tenant)).map((l) => [l.id, l]));
  let created = 0;
  const clashes: { seriesId: string; conflicts: Conflict[] }[] = [];
  for (const series of await listActiveClassSeries(database(), tenant)) {
    const location = locations.get(series.locationId);
    if (!location) continue;
    const until = addDays(todayIn(location.timezone), HORIZON_WEEKS * 7);
    for (const planned of planOccurrences(series, todayIn(location.timezone), until, location.timezone)) {
      try {
        created += await database().transaction(async (tx) => {
          const occurrence = await insertOccurrence(tx, tenant, {
            seriesId: series.id,
            serviceId: series.serviceId,
            locationId: series.locationId,
            instructorId: series.instructorId,
            startsAt: planned.startsAt,
            endsAt: planned.endsAt,
            capacity: series.capacity,
          });
          if (!occurrence) return 0;
          await commit(tx, tenant, occurrence);
          return 1;
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        clashes.push({ seriesId: series.id, conflicts: error.conflicts });
      }
    }
  }
  return { created, clashes };
}
