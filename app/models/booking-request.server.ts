import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

export type BookingRequest = Tenant["t"]["bookingRequests"]["$inferSelect"];
export type NewBookingRequest = Omit<
  Tenant["t"]["bookingRequests"]["$inferInsert"],
  "id" | "createdAt" | "updatedAt" | "status"
>;
export type BookingRequestUpdate = Partial<
  Pick<
    BookingRequest,
    | "status"
    | "instructorId"
    | "proposedStartsAt"
    | "proposedInstructorId"
    | "proposalTokenHash"
    | "responseNote"
    | "respondedById"
    | "respondedAt"
    | "bookingId"
  >
>;

export async function insertBookingRequest(
  x: Executor,
  { t }: Tenant,
  values: NewBookingRequest,
): Promise<BookingRequest> {
  const [row] = await x.insert(t.bookingRequests).values(values).returning();
  if (!row) throw new Error("insert returned no booking request");
  return row;
}

export async function findBookingRequest(x: Executor, { t }: Tenant, id: string): Promise<BookingRequest | undefined> {
  const [row] = await x.select().from(t.bookingRequests).where(eq(t.bookingRequests.id, id)).limit(1);
  return row;
}

/** The request, locked until the caller's transaction ends: answers to one request queue up. */
export async function lockBookingRequest(x: Executor, { t }: Tenant, id: string): Promise<BookingRequest | undefined> {
  const [row] = await x.select().from(t.bookingRequests).where(eq(t.bookingRequests.id, id)).limit(1).for("update");
  return row;
}

export async function findBookingRequestByProposalHash(
  x: Executor,
  { t }: Tenant,
  hash: string,
): Promise<BookingRequest | undefined> {
  const [row] = await x.select().from(t.bookingRequests).where(eq(t.bookingRequests.proposalTokenHash, hash)).limit(1);
  return row;
}

export async function updateBookingRequest(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: BookingRequestUpdate,
): Promise<BookingRequest> {
  const [row] = await x
    .update(t.bookingRequests)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(t.bookingRequests.id, id))
    .returning();
  if (!row) throw new Error("update found no booking request");
  return row;
}

export type BookingRequestFilter = {
  clientId?: string;
  /** Whose queue: the instructor's own and "any" requests at these locations. */
  queueOf?: { instructorId: string; locationIds: string[] };
  /** Only at these locations (null: everywhere). */
  locationIds?: string[] | null;
  statuses?: readonly BookingRequest["status"][];
  limit?: number;
};

/** Requests, newest first for a client's list, oldest first for a queue (who waited longest). */
export async function listBookingRequests(
  x: Executor,
  { t }: Tenant,
  filter: BookingRequestFilter,
): Promise<BookingRequest[]> {
  const r = t.bookingRequests;
  const { queueOf, locationIds } = filter;
  return x
    .select()
    .from(r)
    .where(
      and(
        filter.clientId ? eq(r.clientId, filter.clientId) : undefined,
        queueOf
          ? or(
              eq(r.instructorId, queueOf.instructorId),
              queueOf.locationIds.length > 0
                ? and(isNull(r.instructorId), inArray(r.locationId, queueOf.locationIds))
                : undefined,
            )
          : undefined,
        locationIds ? (locationIds.length > 0 ? inArray(r.locationId, locationIds) : sql`false`) : undefined,
        filter.statuses ? inArray(r.status, [...filter.statuses]) : undefined,
      ),
    )
    .orderBy(filter.clientId ? desc(r.createdAt) : asc(r.createdAt))
    .limit(filter.limit ?? 200);
}

/**
 * Marks the still-pending requests due for escalation as escalated and returns them. The WHERE
 * is re-checked under each row's lock, so of two workers racing, each row goes to exactly one.
 */
export async function claimRequestsToEscalate(x: Executor, { t }: Tenant, now: Date): Promise<BookingRequest[]> {
  const r = t.bookingRequests;
  return x
    .update(r)
    .set({ escalatedAt: now, updatedAt: now })
    .where(and(eq(r.status, "pending"), isNull(r.escalatedAt), lte(r.escalateAt, now)))
    .returning();
}

/** Ends the unanswered requests past their expiry and returns them; each row to exactly one caller. */
export async function claimRequestsToExpire(x: Executor, { t }: Tenant, now: Date): Promise<BookingRequest[]> {
  const r = t.bookingRequests;
  return (
    x
      .update(r)
      .set({ status: "expired", updatedAt: now })
      // Still waiting on someone: the instructor (pending) or the client (a proposed time).
      .where(and(inArray(r.status, ["pending", "proposed"]), lte(r.expiresAt, now)))
      .returning()
  );
}

/** Names (and how to reach them) of the people a request involves, by id. */
export async function listRequestPeople(x: Executor, { t }: Tenant, ids: string[]) {
  if (ids.length === 0) return [];
  return x
    .select({
      id: t.users.id,
      fullName: t.users.fullName,
      email: t.users.email,
      phone: t.users.phone,
      messageChannels: t.users.messageChannels,
      role: t.users.role,
    })
    .from(t.users)
    .where(inArray(t.users.id, ids));
}
