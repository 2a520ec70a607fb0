import { findOccurrenceWithNames } from "~/models/occurrence.server";
import { listBookableInstructors } from "~/models/staff.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { substituteInstructor } from "./class-schedule.server";
import { whenText } from "./class-text";

/** One meeting of a class, for its cancel and cover pages: only for those who may change it. */
export async function findOccurrenceToChange(tenant: Tenant, actor: User, occurrenceId: string) {
  const row = await findOccurrenceWithNames(database(), tenant, occurrenceId);
  if (!row) throw new NotFound("Class not found");
  const { occurrence } = row;
  assertCan(actor, "schedule.modify", { locationId: occurrence.locationId, scheduleOwnerId: occurrence.instructorId });
  return {
    id: occurrence.id,
    serviceName: row.serviceName,
    locationId: occurrence.locationId,
    locationName: row.locationName,
    timezone: row.locationTimezone,
    instructorId: occurrence.instructorId,
    instructorName: row.instructorName,
    when: whenText(occurrence.startsAt, occurrence.endsAt, row.locationTimezone),
    cancelled: occurrence.status === "cancelled",
    cancelReason: occurrence.cancelReason,
  };
}

/** Who could cover this meeting: bookable instructors at its location other than the current one. */
export async function listCoverCandidates(tenant: Tenant, actor: User, occurrenceId: string) {
  const occurrence = await findOccurrenceToChange(tenant, actor, occurrenceId);
  const people = await listBookableInstructors(database(), tenant, occurrence.locationId);
  return {
    occurrence,
    candidates: people
      .filter((person) => person.id !== occurrence.instructorId)
      .map((person) => ({ id: person.id, fullName: person.fullName })),
  };
}

/**
 * Another instructor covers one meeting. They must teach at its location; whether they are free
 * is checked (and guarded) by substituteInstructor, which lists the clashes if not.
 */
export async function coverOccurrence(tenant: Tenant, actor: User, occurrenceId: string, instructorId: string) {
  const row = await findOccurrenceWithNames(database(), tenant, occurrenceId);
  if (!row || row.occurrence.status === "cancelled") throw new NotFound("Class not found");
  const { occurrence } = row;
  assertCan(actor, "schedule.modify", { locationId: occurrence.locationId, scheduleOwnerId: occurrence.instructorId });
  if (instructorId === occurrence.instructorId) return { ok: false as const, reason: "already-teaching" as const };
  const people = await listBookableInstructors(database(), tenant, occurrence.locationId);
  if (!people.some((person) => person.id === instructorId)) return { ok: false as const, reason: "not-here" as const };
  const outcome = await substituteInstructor(tenant, actor, occurrenceId, instructorId);
  return outcome.ok ? outcome : { ...outcome, timezone: row.locationTimezone };
}
