import { and, asc, count, desc, eq, inArray, lt, lte, notInArray, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { WaitlistEntry, WaitlistStatus } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

/** The entries still in line: waiting, or holding an offer. */
export const ACTIVE_WAITLIST_STATUSES: WaitlistStatus[] = ["waiting", "offered"];

export type NewWaitlistEntry = Pick<WaitlistEntry, "occurrenceId" | "clientId" | "createdById">;

export async function insertWaitlistEntry(
  x: Executor,
  { t }: Tenant,
  values: NewWaitlistEntry,
): Promise<WaitlistEntry> {
  const [row] = await x.insert(t.waitlistEntries).values(values).returning();
  if (!row) throw new Error("insert returned no waitlist entry");
  return row;
}

export async function findWaitlistEntry(x: Executor, { t }: Tenant, id: string): Promise<WaitlistEntry | undefined> {
  const [row] = await x.select().from(t.waitlistEntries).where(eq(t.waitlistEntries.id, id)).limit(1);
  return row;
}

/** Row lock: an accept, a decline and the expiry job of one offer queue behind each other. */
export async function lockWaitlistEntry(x: Executor, { t }: Tenant, id: string): Promise<WaitlistEntry | undefined> {
  const [row] = await x.select().from(t.waitlistEntries).where(eq(t.waitlistEntries.id, id)).for("update").limit(1);
  return row;
}

export async function findWaitlistEntryByToken(
  x: Executor,
  { t }: Tenant,
  tokenHash: string,
): Promise<WaitlistEntry | undefined> {
  const [row] = await x
    .select()
    .from(t.waitlistEntries)
    .where(eq(t.waitlistEntries.offerTokenHash, tokenHash))
    .limit(1);
  return row;
}

/** The client's entry still in line for this class, if any. */
export async function findActiveWaitlistEntry(
  x: Executor,
  { t }: Tenant,
  occurrenceId: string,
  clientId: string,
): Promise<WaitlistEntry | undefined> {
  const [row] = await x
    .select()
    .from(t.waitlistEntries)
    .where(
      and(
        eq(t.waitlistEntries.occurrenceId, occurrenceId),
        eq(t.waitlistEntries.clientId, clientId),
        inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
      ),
    )
    .limit(1);
  return row;
}

export type WaitlistChanges = Partial<
  Pick<
    WaitlistEntry,
    | "status"
    | "offeredAt"
    | "offerExpiresAt"
    | "offerTokenHash"
    | "answeredAt"
    | "bookingId"
    | "autoBooked"
    | "lineKey"
    | "movedById"
    | "moveReason"
    | "movedAt"
    | "endReason"
  >
>;

export async function updateWaitlistEntry(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: WaitlistChanges,
): Promise<WaitlistEntry | undefined> {
  const [row] = await x.update(t.waitlistEntries).set(values).where(eq(t.waitlistEntries.id, id)).returning();
  return row;
}

/**
 * Moves an entry from one status to another only if it is still in the first: the change that
 * wins a race (two accepts, an accept and the expiry job) is the one that gets a row back.
 */
export async function transitionWaitlistEntry(
  x: Executor,
  { t }: Tenant,
  id: string,
  from: WaitlistStatus,
  values: WaitlistChanges,
): Promise<WaitlistEntry | undefined> {
  const [row] = await x
    .update(t.waitlistEntries)
    .set(values)
    .where(and(eq(t.waitlistEntries.id, id), eq(t.waitlistEntries.status, from)))
    .returning();
  return row;
}

/** The class's line in order: entries waiting or holding an offer, with the client's name and contacts. */
export async function listWaitlistLine(x: Executor, { t }: Tenant, occurrenceId: string) {
  return x
    .select({ entry: t.waitlistEntries, clientName: t.users.fullName, email: t.users.email, phone: t.users.phone })
    .from(t.waitlistEntries)
    .innerJoin(t.users, eq(t.users.id, t.waitlistEntries.clientId))
    .where(
      and(
        eq(t.waitlistEntries.occurrenceId, occurrenceId),
        inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
      ),
    )
    .orderBy(asc(t.waitlistEntries.lineKey));
}

/** The first entry still waiting (not holding an offer), in line order. */
export async function findFirstWaiting(
  x: Executor,
  { t }: Tenant,
  occurrenceId: string,
): Promise<WaitlistEntry | undefined> {
  const [row] = await x
    .select()
    .from(t.waitlistEntries)
    .where(and(eq(t.waitlistEntries.occurrenceId, occurrenceId), eq(t.waitlistEntries.status, "waiting")))
    .orderBy(asc(t.waitlistEntries.lineKey))
    .limit(1);
  return row;
}

/** How many are waiting for this class (not counting offers out). */
const waitingFor = tenantStatement("countWaiting", (x, t) =>
  x
    .select({ n: count() })
    .from(t.waitlistEntries)
    .where(and(eq(t.waitlistEntries.occurrenceId, value("occurrenceId")), eq(t.waitlistEntries.status, "waiting"))),
);

export async function countWaiting(x: Executor, tenant: Tenant, occurrenceId: string): Promise<number> {
  const [row] = await waitingFor(x, tenant, { occurrenceId });
  return row?.n ?? 0;
}

/** An active entry's place in line: 1 for the first. */
export async function waitlistPosition(
  x: Executor,
  { t }: Tenant,
  entry: Pick<WaitlistEntry, "occurrenceId" | "lineKey">,
) {
  const [row] = await x
    .select({ ahead: count() })
    .from(t.waitlistEntries)
    .where(
      and(
        eq(t.waitlistEntries.occurrenceId, entry.occurrenceId),
        inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
        lt(t.waitlistEntries.lineKey, entry.lineKey),
      ),
    );
  return (row?.ahead ?? 0) + 1;
}

/** The client's entries still in line, soonest class first, for their home page. */
export async function listClientWaitlist(x: Executor, { t }: Tenant, clientId: string) {
  return x
    .select({
      entry: t.waitlistEntries,
      startsAt: t.occurrences.startsAt,
      serviceName: t.services.name,
      locationName: t.locations.name,
      locationTimezone: t.locations.timezone,
    })
    .from(t.waitlistEntries)
    .innerJoin(t.occurrences, eq(t.occurrences.id, t.waitlistEntries.occurrenceId))
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.occurrences.locationId))
    .where(and(eq(t.waitlistEntries.clientId, clientId), inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES)))
    .orderBy(asc(t.occurrences.startsAt));
}

/** Offers whose time is up (the sweep's backstop for a lost expiry job). */
export async function listDueOffers(x: Executor, { t }: Tenant, now: Date, limit: number) {
  return x
    .select({ id: t.waitlistEntries.id, occurrenceId: t.waitlistEntries.occurrenceId })
    .from(t.waitlistEntries)
    .where(and(eq(t.waitlistEntries.status, "offered"), lte(t.waitlistEntries.offerExpiresAt, now)))
    .orderBy(asc(t.waitlistEntries.offerExpiresAt))
    .limit(limit);
}

/**
 * Classes with someone in line that may need the waitlist's attention: a free place not yet
 * offered, or a start that has come (their lines close). Upcoming ones only up to `until`.
 */
export async function listOccurrencesToFill(x: Executor, { t }: Tenant, until: Date, limit: number) {
  const rows = await x
    .selectDistinct({ id: t.occurrences.id })
    .from(t.waitlistEntries)
    .innerJoin(t.occurrences, eq(t.occurrences.id, t.waitlistEntries.occurrenceId))
    .where(
      and(
        inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
        sql`(${t.occurrences.status} = 'cancelled' OR ${t.occurrences.startsAt} <= ${until.toISOString()}::timestamptz
             OR ${t.occurrences.bookedSpots} + ${t.occurrences.offeredSpots} < ${t.occurrences.capacity})`,
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Every active entry of a class, locked, to close its line. */
export async function lockActiveEntries(x: Executor, { t }: Tenant, occurrenceId: string): Promise<WaitlistEntry[]> {
  return x
    .select()
    .from(t.waitlistEntries)
    .where(
      and(
        eq(t.waitlistEntries.occurrenceId, occurrenceId),
        inArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
      ),
    )
    .orderBy(asc(t.waitlistEntries.lineKey))
    .for("update");
}

/**
 * Serialises the waitlist work of one class (offers, automatic bookings, moves) for the rest of
 * the transaction, so two workers never offer the same free place to two people. Taken before
 * any row of the class is locked.
 */
export async function lockWaitlistOf(x: Executor, { t }: Tenant, occurrenceId: string) {
  const schema = t.schema.schemaName;
  await x.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`waitlist:${schema}:${occurrenceId}`}, 0))`);
}

/** The class's line as it ended for each (booked, left, declined...), latest first, for staff. */
export async function listWaitlistHistory(x: Executor, { t }: Tenant, occurrenceId: string, limit: number) {
  return x
    .select({ entry: t.waitlistEntries, clientName: t.users.fullName })
    .from(t.waitlistEntries)
    .innerJoin(t.users, eq(t.users.id, t.waitlistEntries.clientId))
    .where(
      and(
        eq(t.waitlistEntries.occurrenceId, occurrenceId),
        notInArray(t.waitlistEntries.status, ACTIVE_WAITLIST_STATUSES),
      ),
    )
    .orderBy(desc(t.waitlistEntries.answeredAt), desc(t.waitlistEntries.joinedAt))
    .limit(limit);
}
