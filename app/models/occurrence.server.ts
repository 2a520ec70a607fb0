import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Occurrence } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

export type NewOccurrence = Omit<Tenant["t"]["occurrences"]["$inferInsert"], "id" | "createdAt">;

/** Inserts unless the series already has an occurrence at that start (re-planning is idempotent). */
export async function insertOccurrence(
  x: Executor,
  { t }: Tenant,
  values: NewOccurrence,
): Promise<Occurrence | undefined> {
  const [row] = await x.insert(t.occurrences).values(values).onConflictDoNothing().returning();
  return row;
}

/** Many at once, as insertOccurrence: one statement for a new series' weeks. */
export async function insertOccurrences(x: Executor, { t }: Tenant, values: NewOccurrence[]): Promise<Occurrence[]> {
  if (values.length === 0) return [];
  return x.insert(t.occurrences).values(values).onConflictDoNothing().returning();
}

const occurrenceById = tenantStatement("findOccurrence", (x, t) =>
  x
    .select()
    .from(t.occurrences)
    .where(eq(t.occurrences.id, value("id")))
    .limit(1),
);
const lockedOccurrence = {
  update: tenantStatement("lockOccurrence", (x, t) =>
    x
      .select()
      .from(t.occurrences)
      .where(eq(t.occurrences.id, value("id")))
      .for("update")
      .limit(1),
  ),
  "no key update": tenantStatement("lockOccurrenceNoKey", (x, t) =>
    x
      .select()
      .from(t.occurrences)
      .where(eq(t.occurrences.id, value("id")))
      .for("no key update")
      .limit(1),
  ),
};

export async function findOccurrence(x: Executor, tenant: Tenant, id: string): Promise<Occurrence | undefined> {
  const [row] = await occurrenceById(x, tenant, { id });
  return row;
}

/** Row lock: changes to one occurrence (cancel, substitute, book) queue behind each other. */
export async function lockOccurrence(
  x: Executor,
  tenant: Tenant,
  id: string,
  /**
   * A booking that has counted its place on this row asks for NO KEY UPDATE, the lock its
   * count's UPDATE took: FOR UPDATE would also wait for the next booking's foreign-key check
   * (KEY SHARE) while that booking waits for this row, and the two would deadlock.
   */
  strength: "update" | "no key update" = "update",
): Promise<Occurrence | undefined> {
  const [row] = await lockedOccurrence[strength](x, tenant, { id });
  return row;
}

export async function updateOccurrence(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: Partial<
    Pick<
      Occurrence,
      | "status"
      | "cancelReason"
      | "instructorId"
      | "originalInstructorId"
      | "capacity"
      | "startsAt"
      | "endsAt"
      | "plannedStartsAt"
    >
  >,
): Promise<Occurrence | undefined> {
  const [row] = await x.update(t.occurrences).set(values).where(eq(t.occurrences.id, id)).returning();
  return row;
}

/** Occurrences with the names their pages show: service (and its kind), location and its zone, instructor. */
function withNames(x: Executor, t: Tenant["t"]) {
  return x
    .select({
      occurrence: t.occurrences,
      serviceName: t.services.name,
      serviceType: t.services.type,
      locationName: t.locations.name,
      locationTimezone: t.locations.timezone,
      instructorName: t.users.fullName,
    })
    .from(t.occurrences)
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.occurrences.locationId))
    .innerJoin(t.users, eq(t.users.id, t.occurrences.instructorId));
}

/** Occurrences starting in [from, to), with service, location and instructor names for display. */
type OccurrenceFilter = { from: Date; to: Date; locationIds?: string[]; instructorId?: string; serviceId?: string };

/** One statement per combination of filters given (eight at most), each built once per schema. */
const occurrencesBetween = (filter: OccurrenceFilter) => {
  const byLocation = Boolean(filter.locationIds);
  const byInstructor = Boolean(filter.instructorId);
  const byService = Boolean(filter.serviceId);
  const name = `listOccurrencesBetween:${Number(byLocation)}${Number(byInstructor)}${Number(byService)}`;
  return tenantStatement(name, (x, t) =>
    withNames(x, t)
      .where(
        and(
          gte(t.occurrences.startsAt, value("from", t.occurrences.startsAt)),
          lt(t.occurrences.startsAt, value("to", t.occurrences.startsAt)),
          byLocation ? sql`${t.occurrences.locationId} = ANY(${value("locationIds")}::uuid[])` : undefined,
          byInstructor ? eq(t.occurrences.instructorId, value("instructorId")) : undefined,
          byService ? eq(t.occurrences.serviceId, value("serviceId")) : undefined,
        ),
      )
      .orderBy(asc(t.occurrences.startsAt)),
  );
};

export async function listOccurrencesBetween(x: Executor, tenant: Tenant, filter: OccurrenceFilter) {
  return occurrencesBetween(filter)(x, tenant, filter);
}

/**
 * Cancels a series' scheduled occurrences starting at or after `from` (ending a series); the
 * caller frees their commitments in the same transaction.
 */
export async function cancelSeriesOccurrencesFrom(
  x: Executor,
  { t }: Tenant,
  seriesId: string,
  from: Date,
  reason: string,
): Promise<Occurrence[]> {
  return x
    .update(t.occurrences)
    .set({ status: "cancelled", cancelReason: reason })
    .where(
      and(
        eq(t.occurrences.seriesId, seriesId),
        gte(t.occurrences.startsAt, from),
        eq(t.occurrences.status, "scheduled"),
      ),
    )
    .returning();
}

/** One occurrence with the names its pages show, or undefined. */
export async function findOccurrenceWithNames(x: Executor, { t }: Tenant, id: string) {
  const [row] = await withNames(x, t).where(eq(t.occurrences.id, id)).limit(1);
  return row;
}

/** When the first class after an instant starts, under the same filters as a day's schedule. */
export async function findNextClassStart(
  x: Executor,
  { t }: Tenant,
  filter: { after: Date; locationIds: string[]; instructorId?: string; serviceId?: string },
): Promise<Date | undefined> {
  const [row] = await x
    .select({ startsAt: t.occurrences.startsAt })
    .from(t.occurrences)
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .where(
      and(
        gte(t.occurrences.startsAt, filter.after),
        inArray(t.occurrences.locationId, filter.locationIds),
        eq(t.services.type, "class"),
        filter.instructorId ? eq(t.occurrences.instructorId, filter.instructorId) : undefined,
        filter.serviceId ? eq(t.occurrences.serviceId, filter.serviceId) : undefined,
      ),
    )
    .orderBy(asc(t.occurrences.startsAt))
    .limit(1);
  return row?.startsAt;
}

/** One occurrence with everything its detail page shows, including who it was planned for. */
const occurrenceDetail = tenantStatement("findOccurrenceDetail", (x, t) => {
  const original = alias(t.users, "original_instructor");
  return x
    .select({
      occurrence: t.occurrences,
      service: { name: t.services.name, description: t.services.description, type: t.services.type },
      location: t.locations,
      instructorName: t.users.fullName,
      originalInstructorName: original.fullName,
    })
    .from(t.occurrences)
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.occurrences.locationId))
    .innerJoin(t.users, eq(t.users.id, t.occurrences.instructorId))
    .leftJoin(original, eq(original.id, t.occurrences.originalInstructorId))
    .where(eq(t.occurrences.id, value("id")))
    .limit(1);
});

export async function findOccurrenceDetail(x: Executor, tenant: Tenant, id: string) {
  const [row] = await occurrenceDetail(x, tenant, { id });
  return row;
}
