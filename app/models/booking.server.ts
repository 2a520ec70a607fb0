import { and, asc, desc, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Booking } from "~db/schema/tenant";
import { tenantInsert, tenantStatement, value } from "~db/statement";

export type NewBooking = Omit<
  Tenant["t"]["bookings"]["$inferInsert"],
  "id" | "createdAt" | "updatedAt" | "cancelledAt" | "cancelledById" | "cancelReason" | "creditForfeited"
>;

/**
 * Inserting a class booking adjusts its occurrence's booked places (trigger): over capacity it
 * fails with a check violation; a second live booking of the same client fails on the unique index.
 */
const insertBookingRow = tenantInsert("insertBooking", (t) => t.bookings);

export async function insertBooking(x: Executor, tenant: Tenant, values: NewBooking): Promise<Booking> {
  const [row] = await insertBookingRow(x, tenant, values);
  if (!row) throw new Error("insert returned no booking");
  return row;
}

export async function findBooking(x: Executor, { t }: Tenant, id: string): Promise<Booking | undefined> {
  const [row] = await x.select().from(t.bookings).where(eq(t.bookings.id, id)).limit(1);
  return row;
}

/** Row lock: a cancel and a reschedule of the same booking queue behind each other. */
export async function lockBooking(x: Executor, { t }: Tenant, id: string): Promise<Booking | undefined> {
  const [row] = await x.select().from(t.bookings).where(eq(t.bookings.id, id)).for("update").limit(1);
  return row;
}

export type BookingChanges = Partial<
  Pick<
    Booking,
    | "status"
    | "notes"
    | "instructorId"
    | "cancelledAt"
    | "cancelledById"
    | "cancelReason"
    | "creditForfeited"
    | "spotsBooked"
    | "confirmedById"
    | "confirmedAt"
    | "confirmationOverrideReason"
    | "checkedInAt"
    | "checkedInById"
    | "checkInSource"
    | "checkInDistanceMetres"
    | "attendanceMarkedAt"
    | "attendanceMarkedById"
    | "attendanceNote"
    | "noShowFeePaymentId"
  >
>;

export async function updateBooking(x: Executor, { t }: Tenant, id: string, values: BookingChanges) {
  const [row] = await x
    .update(t.bookings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(t.bookings.id, id))
    .returning();
  return row;
}

/** Live bookings carrying a check-in code (normally one; codes are random, not unique). */
export async function findLiveBookingsByCheckInCode(x: Executor, { t }: Tenant, code: string): Promise<Booking[]> {
  return x
    .select()
    .from(t.bookings)
    .where(and(eq(t.bookings.checkInCode, code), ne(t.bookings.status, "cancelled")))
    .orderBy(desc(t.bookings.startsAt))
    .limit(10);
}

/** Live bookings of some occurrences, locked (a cancelled class takes its bookings with it). */
export async function lockLiveBookingsForOccurrences(x: Executor, { t }: Tenant, occurrenceIds: string[]) {
  if (occurrenceIds.length === 0) return [];
  return x
    .select()
    .from(t.bookings)
    .where(and(inArray(t.bookings.occurrenceId, occurrenceIds), ne(t.bookings.status, "cancelled")))
    .for("update");
}

/** When a substitute covers a class, its bookings follow the new instructor. */
export async function reassignOccurrenceBookings(
  x: Executor,
  { t }: Tenant,
  occurrenceId: string,
  instructorId: string,
) {
  await x
    .update(t.bookings)
    .set({ instructorId, updatedAt: new Date() })
    .where(eq(t.bookings.occurrenceId, occurrenceId));
}

/** A class date moved or covered: its live bookings take its new time and instructor. */
export async function moveOccurrenceBookings(
  x: Executor,
  { t }: Tenant,
  occurrenceId: string,
  values: { instructorId: string; startsAt: Date; endsAt: Date },
): Promise<Booking[]> {
  return x
    .update(t.bookings)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(t.bookings.occurrenceId, occurrenceId), ne(t.bookings.status, "cancelled")))
    .returning();
}

const clients = (t: Tenant["t"]) => alias(t.users, "client");
const instructors = (t: Tenant["t"]) => alias(t.users, "instructor");
const confirmers = (t: Tenant["t"]) => alias(t.users, "confirmer");

/**
 * A booking with the names people read: service, location (and its zone), client, instructor,
 * and who confirmed it.
 */
function selectShown(x: Executor, t: Tenant["t"]) {
  const client = clients(t);
  const instructor = instructors(t);
  const confirmer = confirmers(t);
  return {
    query: x
      .select({
        booking: t.bookings,
        serviceName: t.services.name,
        serviceType: t.services.type,
        cancellationWindowHours: t.services.cancellationWindowHours,
        locationName: t.locations.name,
        timezone: t.locations.timezone,
        clientName: client.fullName,
        clientEmail: client.email,
        instructorName: instructor.fullName,
        confirmerName: confirmer.fullName,
      })
      .from(t.bookings)
      .innerJoin(t.services, eq(t.services.id, t.bookings.serviceId))
      .innerJoin(t.locations, eq(t.locations.id, t.bookings.locationId))
      .innerJoin(client, eq(client.id, t.bookings.clientId))
      .innerJoin(instructor, eq(instructor.id, t.bookings.instructorId))
      .leftJoin(confirmer, eq(confirmer.id, t.bookings.confirmedById)),
    client,
    instructor,
  };
}

export type ShownBooking = Awaited<ReturnType<typeof findShownBooking>> & {};

const shownBookingById = tenantStatement("findShownBooking", (x, t) =>
  selectShown(x, t)
    .query.where(eq(t.bookings.id, value("id")))
    .limit(1),
);

export async function findShownBooking(x: Executor, tenant: Tenant, id: string) {
  const [row] = await shownBookingById(x, tenant, { id });
  return row;
}

/**
 * Bookings matching a filter, soonest first (or latest first for history): a client's own,
 * an instructor's, a location's, one occurrence's roster.
 */
export async function listShownBookings(
  x: Executor,
  { t }: Tenant,
  filter: {
    clientId?: string;
    /** Any of these clients' bookings (the front desk's search results). */
    clientIds?: string[];
    instructorId?: string;
    locationIds?: string[];
    occurrenceId?: string;
    /** 1:1 sessions only (no class bookings). */
    sessionsOnly?: boolean;
    from?: Date;
    to?: Date;
    statuses?: Booking["status"][];
    newestFirst?: boolean;
    limit?: number;
    /** Rows to skip, for a page after the first (the order ends on the id, so pages never overlap). */
    offset?: number;
  },
) {
  const { query } = selectShown(x, t);
  return query
    .where(
      and(
        filter.clientId ? eq(t.bookings.clientId, filter.clientId) : undefined,
        filter.clientIds ? inArray(t.bookings.clientId, filter.clientIds) : undefined,
        filter.instructorId ? eq(t.bookings.instructorId, filter.instructorId) : undefined,
        filter.locationIds ? inArray(t.bookings.locationId, filter.locationIds) : undefined,
        filter.occurrenceId ? eq(t.bookings.occurrenceId, filter.occurrenceId) : undefined,
        filter.sessionsOnly ? isNull(t.bookings.occurrenceId) : undefined,
        filter.from ? gte(t.bookings.startsAt, filter.from) : undefined,
        filter.to ? lt(t.bookings.startsAt, filter.to) : undefined,
        filter.statuses ? inArray(t.bookings.status, filter.statuses) : undefined,
      ),
    )
    .orderBy(
      filter.newestFirst ? desc(t.bookings.startsAt) : asc(t.bookings.startsAt),
      asc(t.bookings.createdAt),
      asc(t.bookings.id),
    )
    .limit(filter.limit ?? 200)
    .offset(filter.offset ?? 0);
}

/** The occurrences among these that this client holds a live booking for. */
export async function occurrencesBookedBy(x: Executor, { t }: Tenant, clientId: string, occurrenceIds: string[]) {
  if (occurrenceIds.length === 0) return new Map<string, string>();
  const rows = await x
    .select({ occurrenceId: t.bookings.occurrenceId, id: t.bookings.id })
    .from(t.bookings)
    .where(
      and(
        eq(t.bookings.clientId, clientId),
        inArray(t.bookings.occurrenceId, occurrenceIds),
        ne(t.bookings.status, "cancelled"),
      ),
    );
  return new Map(rows.map((r) => [r.occurrenceId as string, r.id]));
}
