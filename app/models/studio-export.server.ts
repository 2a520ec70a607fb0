import { and, asc, eq, gt, ne, type SQL, sql } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

/**
 * The studio's full export, one table a page at a time: every reader takes the last id of the
 * previous page and returns the next `size` rows in id order (keyset paging: each page costs
 * the same however deep the export is). Names are joined beside ids for a reader of the CSV;
 * nothing here selects a password hash, a token hash or a session.
 */
const afterId = (id: PgColumn, after: string | null) => (after === null ? undefined : gt(id, after));

/** An instant as wall-clock time where it happened ("2026-03-29 09:30"). */
const localTime = (instant: PgColumn, zone: PgColumn) =>
  sql<string>`to_char(${instant} AT TIME ZONE ${zone}, 'YYYY-MM-DD HH24:MI')`;

/** The names of the locations (or services) an id array points at, "; "-separated, by name. */
const namesOf = (table: { id: PgColumn; name: PgColumn }, ids: PgColumn | SQL) =>
  sql<string>`array_to_string(array(select ${table.name} from ${table} where ${table.id} = any(${ids}) order by ${table.name}), '; ')`;

export async function listExportClients(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.users.id,
      fullName: t.users.fullName,
      email: t.users.email,
      phone: t.users.phone,
      status: t.users.status,
      homeLocationId: t.users.primaryLocationId,
      homeLocationName: t.locations.name,
      bookingPermissions: t.users.bookingPermissions,
      emergencyContactName: t.users.emergencyContactName,
      emergencyContactPhone: t.users.emergencyContactPhone,
      notes: t.users.notes,
      marketingConsent: t.users.marketingConsent,
      messageChannels: t.users.messageChannels,
      discountPercent: t.users.discountPercent,
      createdAt: t.users.createdAt,
    })
    .from(t.users)
    .leftJoin(t.locations, eq(t.locations.id, t.users.primaryLocationId))
    .where(and(eq(t.users.role, "client"), afterId(t.users.id, after)))
    .orderBy(asc(t.users.id))
    .limit(size);
}

export async function listExportTeam(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.users.id,
      fullName: t.users.fullName,
      email: t.users.email,
      phone: t.users.phone,
      role: t.users.role,
      status: t.users.status,
      locationNames: namesOf(t.locations, t.users.accessibleLocations),
      createdAt: t.users.createdAt,
    })
    .from(t.users)
    .where(and(ne(t.users.role, "client"), afterId(t.users.id, after)))
    .orderBy(asc(t.users.id))
    .limit(size);
}

export async function listExportLocations(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.locations.id,
      name: t.locations.name,
      address: t.locations.address,
      timezone: t.locations.timezone,
      operatingHours: t.locations.operatingHours,
      latitude: t.locations.latitude,
      longitude: t.locations.longitude,
      isActive: t.locations.isActive,
      createdAt: t.locations.createdAt,
    })
    .from(t.locations)
    .where(afterId(t.locations.id, after))
    .orderBy(asc(t.locations.id))
    .limit(size);
}

export async function listExportServices(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.services.id,
      name: t.services.name,
      description: t.services.description,
      type: t.services.type,
      durationMinutes: t.services.durationMinutes,
      capacity: t.services.capacity,
      priceMinor: t.services.priceMinor,
      locationNames: namesOf(t.locations, t.services.locationIds),
      bookingMode: t.services.bookingMode,
      cancellationWindowHours: t.services.cancellationWindowHours,
      requiresCredit: t.services.requiresCredit,
      archivedAt: t.services.archivedAt,
      createdAt: t.services.createdAt,
    })
    .from(t.services)
    .where(afterId(t.services.id, after))
    .orderBy(asc(t.services.id))
    .limit(size);
}

export async function listExportPackages(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.packages.id,
      name: t.packages.name,
      credits: t.packages.credits,
      priceMinor: t.packages.priceMinor,
      validDays: t.packages.validDays,
      locationNames: namesOf(t.locations, t.packages.locationIds),
      serviceNames: namesOf(t.services, t.packages.serviceIds),
      introOffer: t.packages.introOffer,
      archivedAt: t.packages.archivedAt,
      createdAt: t.packages.createdAt,
    })
    .from(t.packages)
    .where(afterId(t.packages.id, after))
    .orderBy(asc(t.packages.id))
    .limit(size);
}

export async function listExportClassSeries(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.classSeries.id,
      serviceId: t.classSeries.serviceId,
      serviceName: t.services.name,
      instructorId: t.classSeries.instructorId,
      instructorName: t.users.fullName,
      locationId: t.classSeries.locationId,
      locationName: t.locations.name,
      weekday: t.classSeries.weekday,
      startTime: t.classSeries.startTime,
      endTime: t.classSeries.endTime,
      capacity: t.classSeries.capacity,
      intervalWeeks: t.classSeries.intervalWeeks,
      validFrom: t.classSeries.validFrom,
      validUntil: t.classSeries.validUntil,
      archivedAt: t.classSeries.archivedAt,
      createdAt: t.classSeries.createdAt,
    })
    .from(t.classSeries)
    .innerJoin(t.services, eq(t.services.id, t.classSeries.serviceId))
    .innerJoin(t.users, eq(t.users.id, t.classSeries.instructorId))
    .innerJoin(t.locations, eq(t.locations.id, t.classSeries.locationId))
    .where(afterId(t.classSeries.id, after))
    .orderBy(asc(t.classSeries.id))
    .limit(size);
}

export async function listExportOccurrences(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.occurrences.id,
      seriesId: t.occurrences.seriesId,
      serviceId: t.occurrences.serviceId,
      serviceName: t.services.name,
      locationId: t.occurrences.locationId,
      locationName: t.locations.name,
      instructorId: t.occurrences.instructorId,
      instructorName: t.users.fullName,
      startsAt: t.occurrences.startsAt,
      startsLocal: localTime(t.occurrences.startsAt, t.locations.timezone),
      endsAt: t.occurrences.endsAt,
      endsLocal: localTime(t.occurrences.endsAt, t.locations.timezone),
      capacity: t.occurrences.capacity,
      bookedSpots: t.occurrences.bookedSpots,
      status: t.occurrences.status,
      cancelReason: t.occurrences.cancelReason,
    })
    .from(t.occurrences)
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.users, eq(t.users.id, t.occurrences.instructorId))
    .innerJoin(t.locations, eq(t.locations.id, t.occurrences.locationId))
    .where(afterId(t.occurrences.id, after))
    .orderBy(asc(t.occurrences.id))
    .limit(size);
}

export async function listExportBookings(x: Executor, { t }: Tenant, after: string | null, size: number) {
  const client = alias(t.users, "client");
  const instructor = alias(t.users, "instructor");
  return x
    .select({
      id: t.bookings.id,
      clientId: t.bookings.clientId,
      clientName: client.fullName,
      serviceId: t.bookings.serviceId,
      serviceName: t.services.name,
      locationId: t.bookings.locationId,
      locationName: t.locations.name,
      instructorId: t.bookings.instructorId,
      instructorName: instructor.fullName,
      occurrenceId: t.bookings.occurrenceId,
      startsAt: t.bookings.startsAt,
      startsLocal: localTime(t.bookings.startsAt, t.locations.timezone),
      endsAt: t.bookings.endsAt,
      endsLocal: localTime(t.bookings.endsAt, t.locations.timezone),
      status: t.bookings.status,
      bookingMethod: t.bookings.bookingMethod,
      spotsBooked: t.bookings.spotsBooked,
      notes: t.bookings.notes,
      createdAt: t.bookings.createdAt,
      cancelledAt: t.bookings.cancelledAt,
      cancelReason: t.bookings.cancelReason,
      creditForfeited: t.bookings.creditForfeited,
      checkedInAt: t.bookings.checkedInAt,
      attendanceNote: t.bookings.attendanceNote,
      rescheduledFromId: t.bookings.rescheduledFromId,
    })
    .from(t.bookings)
    .innerJoin(client, eq(client.id, t.bookings.clientId))
    .innerJoin(instructor, eq(instructor.id, t.bookings.instructorId))
    .innerJoin(t.services, eq(t.services.id, t.bookings.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.bookings.locationId))
    .where(afterId(t.bookings.id, after))
    .orderBy(asc(t.bookings.id))
    .limit(size);
}

export async function listExportCreditGrants(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.creditGrants.id,
      clientId: t.creditGrants.clientId,
      clientName: t.users.fullName,
      packageId: t.creditGrants.packageId,
      name: t.creditGrants.name,
      locationNames: namesOf(t.locations, t.creditGrants.locationIds),
      serviceNames: namesOf(t.services, t.creditGrants.serviceIds),
      remaining: t.creditGrants.remaining,
      expiresAt: t.creditGrants.expiresAt,
      createdAt: t.creditGrants.createdAt,
    })
    .from(t.creditGrants)
    .innerJoin(t.users, eq(t.users.id, t.creditGrants.clientId))
    .where(afterId(t.creditGrants.id, after))
    .orderBy(asc(t.creditGrants.id))
    .limit(size);
}

export async function listExportCreditLedger(x: Executor, { t }: Tenant, after: string | null, size: number) {
  const client = alias(t.users, "client");
  const actor = alias(t.users, "actor");
  return x
    .select({
      id: t.creditLedger.id,
      createdAt: t.creditLedger.createdAt,
      clientId: t.creditLedger.clientId,
      clientName: client.fullName,
      grantId: t.creditLedger.grantId,
      bookingId: t.creditLedger.bookingId,
      delta: t.creditLedger.delta,
      kind: t.creditLedger.kind,
      reason: t.creditLedger.reason,
      actorName: actor.fullName,
    })
    .from(t.creditLedger)
    .innerJoin(client, eq(client.id, t.creditLedger.clientId))
    .leftJoin(actor, eq(actor.id, t.creditLedger.actorId))
    .where(afterId(t.creditLedger.id, after))
    .orderBy(asc(t.creditLedger.id))
    .limit(size);
}

export async function listExportPayments(x: Executor, { t }: Tenant, after: string | null, size: number) {
  const client = alias(t.users, "client");
  const taker = alias(t.users, "taker");
  return x
    .select({
      id: t.payments.id,
      createdAt: t.payments.createdAt,
      paidAt: t.payments.paidAt,
      clientId: t.payments.clientId,
      clientName: client.fullName,
      description: t.payments.description,
      kind: t.payments.kind,
      method: t.payments.method,
      status: t.payments.status,
      amountMinor: t.payments.amountMinor,
      applicationFeeMinor: t.payments.applicationFeeMinor,
      refundedMinor: t.payments.refundedMinor,
      currency: t.payments.currency,
      packageId: t.payments.packageId,
      bookingId: t.payments.bookingId,
      creditGrantId: t.payments.creditGrantId,
      locationId: t.payments.locationId,
      locationName: t.locations.name,
      takenByName: taker.fullName,
      reason: t.payments.reason,
      stripePaymentIntentId: t.payments.stripePaymentIntentId,
      stripeChargeId: t.payments.stripeChargeId,
      disputedAt: t.payments.disputedAt,
      disputeReason: t.payments.disputeReason,
    })
    .from(t.payments)
    .innerJoin(client, eq(client.id, t.payments.clientId))
    .innerJoin(taker, eq(taker.id, t.payments.takenById))
    .leftJoin(t.locations, eq(t.locations.id, t.payments.locationId))
    .where(afterId(t.payments.id, after))
    .orderBy(asc(t.payments.id))
    .limit(size);
}

export async function listExportRefunds(x: Executor, { t }: Tenant, after: string | null, size: number) {
  const client = alias(t.users, "client");
  const actor = alias(t.users, "actor");
  return x
    .select({
      id: t.refunds.id,
      createdAt: t.refunds.createdAt,
      paymentId: t.refunds.paymentId,
      clientName: client.fullName,
      amountMinor: t.refunds.amountMinor,
      currency: t.payments.currency,
      status: t.refunds.status,
      reason: t.refunds.reason,
      creditsRemoved: t.refunds.creditsRemoved,
      stripeRefundId: t.refunds.stripeRefundId,
      actorName: actor.fullName,
    })
    .from(t.refunds)
    .innerJoin(t.payments, eq(t.payments.id, t.refunds.paymentId))
    .innerJoin(client, eq(client.id, t.payments.clientId))
    .leftJoin(actor, eq(actor.id, t.refunds.actorId))
    .where(afterId(t.refunds.id, after))
    .orderBy(asc(t.refunds.id))
    .limit(size);
}

export async function listExportMessages(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.outboxMessages.id,
      createdAt: t.outboxMessages.createdAt,
      channel: t.outboxMessages.channel,
      recipient: t.outboxMessages.recipient,
      userId: t.outboxMessages.userId,
      userName: t.users.fullName,
      template: t.outboxMessages.template,
      subject: t.outboxMessages.subject,
      body: t.outboxMessages.body,
      status: t.outboxMessages.status,
      attempts: t.outboxMessages.attempts,
      bookingId: t.outboxMessages.bookingId,
      sentAt: t.outboxMessages.sentAt,
      deliveredAt: t.outboxMessages.deliveredAt,
      lastError: t.outboxMessages.lastError,
    })
    .from(t.outboxMessages)
    .leftJoin(t.users, eq(t.users.id, t.outboxMessages.userId))
    .where(afterId(t.outboxMessages.id, after))
    .orderBy(asc(t.outboxMessages.id))
    .limit(size);
}

export async function listExportWaitlistEntries(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.waitlistEntries.id,
      occurrenceId: t.waitlistEntries.occurrenceId,
      serviceName: t.services.name,
      startsAt: t.occurrences.startsAt,
      clientId: t.waitlistEntries.clientId,
      clientName: t.users.fullName,
      status: t.waitlistEntries.status,
      joinedAt: t.waitlistEntries.joinedAt,
      offeredAt: t.waitlistEntries.offeredAt,
      offerExpiresAt: t.waitlistEntries.offerExpiresAt,
      answeredAt: t.waitlistEntries.answeredAt,
      bookingId: t.waitlistEntries.bookingId,
      endReason: t.waitlistEntries.endReason,
    })
    .from(t.waitlistEntries)
    .innerJoin(t.occurrences, eq(t.occurrences.id, t.waitlistEntries.occurrenceId))
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.users, eq(t.users.id, t.waitlistEntries.clientId))
    .where(afterId(t.waitlistEntries.id, after))
    .orderBy(asc(t.waitlistEntries.id))
    .limit(size);
}

export async function listExportBookingRequests(x: Executor, { t }: Tenant, after: string | null, size: number) {
  const client = alias(t.users, "client");
  const asked = alias(t.users, "asked");
  const instructor = alias(t.users, "instructor");
  return x
    .select({
      id: t.bookingRequests.id,
      createdAt: t.bookingRequests.createdAt,
      clientId: t.bookingRequests.clientId,
      clientName: client.fullName,
      serviceId: t.bookingRequests.serviceId,
      serviceName: t.services.name,
      locationName: t.locations.name,
      requestedInstructorName: asked.fullName,
      instructorName: instructor.fullName,
      preferredTimes: t.bookingRequests.preferredTimes,
      notes: t.bookingRequests.notes,
      status: t.bookingRequests.status,
      proposedStartsAt: t.bookingRequests.proposedStartsAt,
      responseNote: t.bookingRequests.responseNote,
      respondedAt: t.bookingRequests.respondedAt,
      bookingId: t.bookingRequests.bookingId,
      expiresAt: t.bookingRequests.expiresAt,
    })
    .from(t.bookingRequests)
    .innerJoin(client, eq(client.id, t.bookingRequests.clientId))
    .innerJoin(t.services, eq(t.services.id, t.bookingRequests.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.bookingRequests.locationId))
    .leftJoin(asked, eq(asked.id, t.bookingRequests.requestedInstructorId))
    .leftJoin(instructor, eq(instructor.id, t.bookingRequests.instructorId))
    .where(afterId(t.bookingRequests.id, after))
    .orderBy(asc(t.bookingRequests.id))
    .limit(size);
}

export async function listExportParqResponses(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.parqResponses.id,
      clientId: t.parqResponses.clientId,
      clientName: t.users.fullName,
      answers: t.parqResponses.answers,
      anyYes: t.parqResponses.anyYes,
      declarationName: t.parqResponses.declarationName,
      declaredOn: t.parqResponses.declaredOn,
      createdAt: t.parqResponses.createdAt,
    })
    .from(t.parqResponses)
    .innerJoin(t.users, eq(t.users.id, t.parqResponses.clientId))
    .where(afterId(t.parqResponses.id, after))
    .orderBy(asc(t.parqResponses.id))
    .limit(size);
}

/** Class notes are keyed by their class date (one note each). */
export async function listExportClassNotes(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.classNotes.occurrenceId,
      serviceName: t.services.name,
      startsAt: t.occurrences.startsAt,
      authorName: t.users.fullName,
      body: t.classNotes.body,
      updatedAt: t.classNotes.updatedAt,
    })
    .from(t.classNotes)
    .innerJoin(t.occurrences, eq(t.occurrences.id, t.classNotes.occurrenceId))
    .innerJoin(t.services, eq(t.services.id, t.occurrences.serviceId))
    .innerJoin(t.users, eq(t.users.id, t.classNotes.authorId))
    .where(afterId(t.classNotes.occurrenceId, after))
    .orderBy(asc(t.classNotes.occurrenceId))
    .limit(size);
}

export async function listExportIntroSignups(x: Executor, { t }: Tenant, after: string | null, size: number) {
  return x
    .select({
      id: t.introSignups.id,
      createdAt: t.introSignups.createdAt,
      clientId: t.introSignups.clientId,
      clientName: t.users.fullName,
      packageName: t.packages.name,
      serviceName: t.services.name,
      locationName: t.locations.name,
      paymentId: t.introSignups.paymentId,
      payAtDesk: t.introSignups.payAtDesk,
      preferredDays: t.introSignups.preferredDays,
      preferredDayParts: t.introSignups.preferredDayParts,
      notes: t.introSignups.notes,
      status: t.introSignups.status,
      bookingId: t.introSignups.bookingId,
      matchedAt: t.introSignups.matchedAt,
      cancelReason: t.introSignups.cancelReason,
    })
    .from(t.introSignups)
    .innerJoin(t.users, eq(t.users.id, t.introSignups.clientId))
    .innerJoin(t.packages, eq(t.packages.id, t.introSignups.packageId))
    .innerJoin(t.services, eq(t.services.id, t.introSignups.serviceId))
    .innerJoin(t.locations, eq(t.locations.id, t.introSignups.locationId))
    .where(afterId(t.introSignups.id, after))
    .orderBy(asc(t.introSignups.id))
    .limit(size);
}
