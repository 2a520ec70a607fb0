/// <reference types="vite/client" />
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { database } from "~db/client";
import { enqueue } from "../../jobs/enqueue";
import { DELIVER_MESSAGE } from "../../jobs/queues";
import { createTestStudio } from "../../test/factories";
import * as activeClients from "./active-clients.server";
import * as apiTokens from "./api-token.server";
import * as authTokens from "./auth-token.server";
import * as availability from "./availability.server";
import * as bookings from "./booking.server";
import * as bookingNotices from "./booking-notice.server";
import * as bookingRequests from "./booking-request.server";
import * as calendarFeeds from "./calendar-feed.server";
import * as churn from "./churn.server";
import * as classNotes from "./class-note.server";
import * as classSeries from "./class-series.server";
import * as clients from "./client.server";
import * as clientCards from "./client-card.server";
import * as clientInstructors from "./client-instructor.server";
import * as commitments from "./commitment.server";
import * as credits from "./credit.server";
import * as creditLiability from "./credit-liability.server";
import * as domainEvents from "./domain-event.server";
import * as failedJobs from "./failed-job.server";
import * as idempotency from "./idempotency.server";
import * as instructorReport from "./instructor-report.server";
import * as introSignups from "./intro-signup.server";
import * as invitations from "./invitation.server";
import * as locations from "./location.server";
import * as messageLog from "./message-log.server";
import * as occurrences from "./occurrence.server";
import * as outbox from "./outbox.server";
import * as packages from "./package.server";
import * as parq from "./parq.server";
import * as payments from "./payment.server";
import * as paymentReport from "./payment-report.server";
import * as paymentSummary from "./payment-summary.server";
import * as reportFigures from "./report-figures.server";
import * as reportPeriods from "./report-periods.server";
import * as revenueReport from "./revenue-report.server";
import * as services from "./service.server";
import * as sessions from "./session.server";
import * as signInFailures from "./sign-in-failure.server";
import * as staff from "./staff.server";
import * as studioExport from "./studio-export.server";
import * as studioSettings from "./studio-settings.server";
import * as users from "./user.server";
import * as waitlist from "./waitlist.server";

/** Models of the control schema (before a studio is known): not tenant-scoped. */
const CONTROL_MODELS = [
  "organization.server.ts",
  "health.server.ts",
  "sms-reply-route.server.ts",
  "platform-fee.server.ts",
  "stripe-event.server.ts",
];

/** Every model module that works inside one studio's schema (not the control schema's). */
const TENANT_MODELS = {
  activeClients,
  apiTokens,
  bookingNotices,
  bookingRequests,
  authTokens,
  availability,
  bookings,
  calendarFeeds,
  churn,
  classNotes,
  classSeries,
  clientCards,
  clientInstructors,
  clients,
  commitments,
  domainEvents,
  failedJobs,
  idempotency,
  credits,
  instructorReport,
  introSignups,
  invitations,
  locations,
  messageLog,
  occurrences,
  outbox,
  packages,
  payments,
  parq,
  paymentReport,
  paymentSummary,
  reportFigures,
  reportPeriods,
  revenueReport,
  creditLiability,
  services,
  sessions,
  signInFailures,
  staff,
  studioExport,
  studioSettings,
  users,
  waitlist,
};

/**
 * Two studios with deliberately overlapping data (same owner email, same location name).
 * Every tenant model function is called with studio A and must only ever see A's rows,
 * even when handed B's ids.
 */
describe("two studios' data never mix through a model function", () => {
  type Studio = Awaited<ReturnType<typeof createTestStudio>>;
  let a: Studio;
  let b: Studio;
  const db = database();

  beforeAll(async () => {
    a = await createTestStudio({ name: "Alpha Fitness", ownerEmail: "same@example.com" });
    b = await createTestStudio({ name: "Bravo Yoga", ownerEmail: "same@example.com" });
    await users.insertUser(db, b.tenant, { email: "only-b@example.com", fullName: "Only B", role: "instructor" });
    await authTokens.insertAuthToken(db, b.tenant, {
      userId: b.owner.id,
      purpose: "handoff",
      tokenHash: "b-token",
      expiresAt: new Date(Date.now() + 60_000),
    });
  });

  const hour = 60 * 60 * 1000;
  async function classIn(studio: Studio, startsAt: Date) {
    const service = await services.insertService(db, studio.tenant, {
      name: "Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [studio.location.id],
    });
    const series = await classSeries.insertClassSeries(db, studio.tenant, {
      serviceId: service.id,
      instructorId: studio.owner.id,
      locationId: studio.location.id,
      weekday: 1,
      startTime: "18:00",
      endTime: "19:00",
      capacity: 10,
      validFrom: "2030-01-01",
    });
    const occurrence = await occurrences.insertOccurrence(db, studio.tenant, {
      seriesId: series.id,
      serviceId: service.id,
      locationId: studio.location.id,
      instructorId: studio.owner.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hour),
      capacity: 10,
    });
    return { service, series, occurrence: occurrence! };
  }

  /** A pending booking request in `studio`, with a proposal hash to look it up by. */
  async function requestIn(studio: Studio) {
    const service = await services.insertService(db, studio.tenant, {
      name: "Private",
      type: "session",
      durationMinutes: 60,
      locationIds: [studio.location.id],
      bookingMode: "instructor_led",
    });
    const client = await users.insertUser(db, studio.tenant, {
      email: `asker-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: "Asking Client",
      role: "client",
    });
    const hash = `hash-${crypto.randomUUID()}`;
    const request = await bookingRequests.insertBookingRequest(db, studio.tenant, {
      clientId: client.id,
      serviceId: service.id,
      locationId: studio.location.id,
      preferredTimes: [new Date("2032-05-03T09:00:00Z")],
      proposalTokenHash: hash,
      escalateAt: new Date("2032-05-01T09:00:00Z"),
      expiresAt: new Date("2032-05-02T09:00:00Z"),
    });
    return { request, hash };
  }

  /** A client booked into a class in `studio` (times far apart so tests never collide). */
  async function bookingIn(studio: Studio, startsAt: Date) {
    const { occurrence, service } = await classIn(studio, startsAt);
    const client = await users.insertUser(db, studio.tenant, {
      email: `client-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: "Booked Client",
      role: "client",
    });
    const booking = await bookings.insertBooking(db, studio.tenant, {
      clientId: client.id,
      serviceId: service.id,
      instructorId: studio.owner.id,
      locationId: studio.location.id,
      occurrenceId: occurrence.id,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      status: "confirmed",
      bookingMethod: "self_booked",
      createdById: client.id,
    });
    return { booking, occurrence, client };
  }

  /** A client of the studio holding 5 credits of a fresh package, with the grant's ledger row. */
  /** A paid package payment of B's (with Stripe ids) and a refund of part of it. */
  async function paymentIn(studio: Studio) {
    const { client, pack, grant } = await creditsIn(studio);
    const tag = Math.random().toString(36).slice(2);
    const payment = await payments.insertPayment(db, studio.tenant, {
      clientId: client.id,
      kind: "package",
      method: "online_card",
      status: "succeeded",
      amountMinor: 5000,
      currency: "GBP",
      description: "Five",
      packageId: pack.id,
      creditGrantId: grant.id,
      takenById: client.id,
      stripeCheckoutSessionId: `cs_${tag}`,
      stripePaymentIntentId: `pi_${tag}`,
      expiresAt: new Date(Date.now() - hour),
    });
    const refund = await payments.insertRefund(db, studio.tenant, {
      paymentId: payment.id,
      amountMinor: 1000,
      status: "pending",
      reason: "Part",
      stripeRefundId: `re_${tag}`,
      actorId: null,
    });
    return { client, payment, refund: refund as NonNullable<typeof refund>, tag };
  }

  async function creditsIn(studio: Studio) {
    const client = await users.insertUser(db, studio.tenant, {
      email: `credits-${Math.random()}@example.com`,
      fullName: "Credit Holder",
      role: "client",
      accessibleLocations: [studio.location.id],
    });
    const pack = await packages.insertPackage(db, studio.tenant, {
      name: "Five",
      credits: 5,
      priceMinor: 5000,
      validDays: 30,
    });
    const grant = await credits.insertCreditGrant(db, studio.tenant, {
      clientId: client.id,
      packageId: pack.id,
      name: pack.name,
      locationIds: [],
      serviceIds: [],
      expiresAt: new Date(Date.now() + 30 * 24 * hour),
    });
    await credits.insertLedgerEntries(db, studio.tenant, [
      {
        clientId: client.id,
        grantId: grant.id,
        bookingId: null,
        delta: 5,
        kind: "grant",
        reason: "Bought",
        actorId: null,
      },
    ]);
    return { client, pack, grant };
  }

  /** A paid £10 payment with a £4 refund in `studio`, and the hour around them. */
  async function paidIn(studio: Studio) {
    const client = await users.insertUser(db, studio.tenant, {
      email: `payer-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: "Payer",
      role: "client",
    });
    const { payments, refunds } = studio.tenant.t;
    const [payment] = await db
      .insert(payments)
      .values({
        clientId: client.id,
        kind: "other",
        method: "cash",
        status: "succeeded",
        amountMinor: 1000,
        currency: "GBP",
        description: "Mat",
        takenById: studio.owner.id,
        paidAt: new Date(),
        refundedMinor: 400,
      })
      .returning();
    await db.insert(refunds).values({ paymentId: payment!.id, amountMinor: 400, status: "succeeded", reason: "r" });
    return { payment: payment!, period: { start: new Date(Date.now() - hour), end: new Date(Date.now() + hour) } };
  }

  /** B's new client who took the intro offer and paid for it online (a succeeded package payment). */
  async function introSignupIn(studio: Studio) {
    const { client, payment } = await paymentIn(studio);
    const service = await services.insertService(db, studio.tenant, {
      name: "PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [studio.location.id],
    });
    const signup = await introSignups.insertIntroSignup(db, studio.tenant, {
      clientId: client.id,
      packageId: payment.packageId as string,
      serviceId: service.id,
      locationId: studio.location.id,
      preferredDays: [1],
      preferredDayParts: ["morning"],
      notes: "",
      paymentId: payment.id,
    });
    return { client, signup };
  }

  const checks: Record<string, () => Promise<void>> = {
    "bookings.insertBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T09:00:00Z"));
      expect(await bookings.findBooking(db, a.tenant, booking.id)).toBeUndefined();
    },
    "bookings.findBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T10:00:00Z"));
      expect(await bookings.findBooking(db, a.tenant, booking.id)).toBeUndefined();
      expect((await bookings.findBooking(db, b.tenant, booking.id))?.id).toBe(booking.id);
    },
    "bookings.lockBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T11:00:00Z"));
      expect(await bookings.lockBooking(db, a.tenant, booking.id)).toBeUndefined();
    },
    "bookings.updateBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T12:00:00Z"));
      expect(await bookings.updateBooking(db, a.tenant, booking.id, { notes: "x" })).toBeUndefined();
      expect((await bookings.findBooking(db, b.tenant, booking.id))?.notes).toBeNull();
    },
    "bookings.findLiveBookingsByCheckInCode": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T12:30:00Z"));
      expect(await bookings.findLiveBookingsByCheckInCode(db, a.tenant, booking.checkInCode)).toEqual([]);
      expect((await bookings.findLiveBookingsByCheckInCode(db, b.tenant, booking.checkInCode))[0]?.id).toBe(booking.id);
    },
    "bookings.lockLiveBookingsForOccurrences": async () => {
      const { occurrence } = await bookingIn(b, new Date("2032-01-05T13:00:00Z"));
      expect(await bookings.lockLiveBookingsForOccurrences(db, a.tenant, [occurrence.id])).toEqual([]);
      expect(await bookings.lockLiveBookingsForOccurrences(db, b.tenant, [occurrence.id])).toHaveLength(1);
    },
    "bookings.reassignOccurrenceBookings": async () => {
      const { booking, occurrence } = await bookingIn(b, new Date("2032-01-05T14:00:00Z"));
      await bookings.reassignOccurrenceBookings(db, a.tenant, occurrence.id, a.owner.id);
      expect((await bookings.findBooking(db, b.tenant, booking.id))?.instructorId).toBe(b.owner.id);
    },
    "bookings.moveOccurrenceBookings": async () => {
      const { booking, occurrence } = await bookingIn(b, new Date("2032-01-05T14:30:00Z"));
      const later = {
        instructorId: a.owner.id,
        startsAt: new Date("2032-01-06T14:30:00Z"),
        endsAt: new Date("2032-01-06T15:30:00Z"),
      };
      expect(await bookings.moveOccurrenceBookings(db, a.tenant, occurrence.id, later)).toEqual([]);
      expect((await bookings.findBooking(db, b.tenant, booking.id))?.startsAt).toEqual(booking.startsAt);
    },
    "bookings.findShownBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-05T15:00:00Z"));
      expect(await bookings.findShownBooking(db, a.tenant, booking.id)).toBeUndefined();
      expect((await bookings.findShownBooking(db, b.tenant, booking.id))?.booking.id).toBe(booking.id);
    },
    "bookings.listShownBookings": async () => {
      const { client } = await bookingIn(b, new Date("2032-01-05T16:00:00Z"));
      expect(await bookings.listShownBookings(db, a.tenant, { clientId: client.id })).toEqual([]);
      expect(await bookings.listShownBookings(db, b.tenant, { clientId: client.id })).toHaveLength(1);
    },
    "bookings.occurrencesBookedBy": async () => {
      const { client, occurrence } = await bookingIn(b, new Date("2032-01-05T17:00:00Z"));
      expect((await bookings.occurrencesBookedBy(db, a.tenant, client.id, [occurrence.id])).size).toBe(0);
      expect((await bookings.occurrencesBookedBy(db, b.tenant, client.id, [occurrence.id])).size).toBe(1);
    },
    "commitments.deleteCommitmentForBooking": async () => {
      // Someone other than the owner teaches it, so the owner's 1:1 commitments elsewhere stay as they are.
      const { booking, client: teacher } = await bookingIn(b, new Date("2032-01-06T09:00:00Z"));
      const startsAt = new Date("2032-01-06T12:00:00Z");
      const endsAt = new Date("2032-01-06T13:00:00Z");
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: teacher.id,
        locationId: b.location.id,
        startsAt,
        endsAt,
        occurrenceId: null,
        bookingId: booking.id,
      });
      await commitments.deleteCommitmentForBooking(db, a.tenant, booking.id);
      expect(await commitments.listCommitmentsOverlapping(db, b.tenant, teacher.id, startsAt, endsAt)).toHaveLength(1);
    },
    "idempotency.claimIdempotencyKey": async () => {
      const claim = { userId: b.owner.id, key: "shared-key-1", action: "book" };
      expect(await idempotency.claimIdempotencyKey(db, b.tenant, claim)).toBe(true);
      // The same user id and key in studio A is a different key.
      expect(await idempotency.claimIdempotencyKey(db, a.tenant, { ...claim, userId: a.owner.id })).toBe(true);
      expect(await idempotency.claimIdempotencyKey(db, b.tenant, claim)).toBe(false);
    },
    "idempotency.saveIdempotencyResult": async () => {
      await idempotency.claimIdempotencyKey(db, b.tenant, { userId: b.owner.id, key: "shared-key-2", action: "book" });
      await idempotency.saveIdempotencyResult(db, a.tenant, b.owner.id, "shared-key-2", { bookingId: "a" });
      expect((await idempotency.findIdempotencyResult(db, b.tenant, b.owner.id, "shared-key-2"))?.result).toEqual({});
    },
    "idempotency.findIdempotencyResult": async () => {
      await idempotency.claimIdempotencyKey(db, b.tenant, { userId: b.owner.id, key: "shared-key-3", action: "book" });
      expect(await idempotency.findIdempotencyResult(db, a.tenant, b.owner.id, "shared-key-3")).toBeUndefined();
    },
    "idempotency.releaseIdempotencyKey": async () => {
      await idempotency.claimIdempotencyKey(db, b.tenant, { userId: b.owner.id, key: "shared-key-4", action: "book" });
      await idempotency.releaseIdempotencyKey(db, a.tenant, b.owner.id, "shared-key-4");
      expect(await idempotency.findIdempotencyResult(db, b.tenant, b.owner.id, "shared-key-4")).toBeDefined();
    },
    "domainEvents.insertDomainEvents": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-07T09:00:00Z"));
      await domainEvents.insertDomainEvents(db, b.tenant, [
        { type: "booking.booked", bookingId: booking.id, occurrenceId: null, payload: {} },
      ]);
      expect(await domainEvents.listDomainEventsForBooking(db, a.tenant, booking.id)).toEqual([]);
    },
    "domainEvents.listDomainEventsForBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-07T10:00:00Z"));
      await domainEvents.insertDomainEvents(db, b.tenant, [
        { type: "booking.booked", bookingId: booking.id, occurrenceId: null, payload: {} },
      ]);
      expect(await domainEvents.listDomainEventsForBooking(db, b.tenant, booking.id)).toHaveLength(1);
      expect(await domainEvents.listDomainEventsForBooking(db, a.tenant, booking.id)).toEqual([]);
    },
    "introSignups.insertIntroSignup": async () => {
      const { signup } = await introSignupIn(b);
      expect(await introSignups.findIntroSignup(db, a.tenant, signup.id)).toBeUndefined();
      expect((await introSignups.findIntroSignup(db, b.tenant, signup.id))?.id).toBe(signup.id);
    },
    "introSignups.findIntroSignup": async () => {
      const { signup } = await introSignupIn(b);
      expect(await introSignups.findIntroSignup(db, a.tenant, signup.id)).toBeUndefined();
    },
    "introSignups.lockIntroSignup": async () => {
      const { signup } = await introSignupIn(b);
      expect(await introSignups.lockIntroSignup(db, a.tenant, signup.id)).toBeUndefined();
      expect((await introSignups.lockIntroSignup(db, b.tenant, signup.id))?.id).toBe(signup.id);
    },
    "introSignups.updateIntroSignup": async () => {
      const { signup } = await introSignupIn(b);
      expect(await introSignups.updateIntroSignup(db, a.tenant, signup.id, { status: "cancelled" })).toBeUndefined();
      expect((await introSignups.findIntroSignup(db, b.tenant, signup.id))?.status).toBe("awaiting_payment");
    },
    "introSignups.findLatestIntroSignupOfClient": async () => {
      const { client, signup } = await introSignupIn(b);
      expect(await introSignups.findLatestIntroSignupOfClient(db, a.tenant, client.id)).toBeUndefined();
      expect((await introSignups.findLatestIntroSignupOfClient(db, b.tenant, client.id))?.id).toBe(signup.id);
    },
    "introSignups.clientHasBookings": async () => {
      const { client } = await bookingIn(b, new Date("2032-02-02T09:00:00Z"));
      expect(await introSignups.clientHasBookings(db, a.tenant, client.id)).toBe(false);
      expect(await introSignups.clientHasBookings(db, b.tenant, client.id)).toBe(true);
    },
    "introSignups.introPaid": async () => {
      const { signup } = await introSignupIn(b);
      expect(await introSignups.introPaid(db, a.tenant, signup)).toBe(false);
      expect(await introSignups.introPaid(db, b.tenant, signup)).toBe(true);
    },
    "introSignups.listIntroQueue": async () => {
      const { signup } = await introSignupIn(b);
      const ids = (rows: { signup: { id: string } }[]) => rows.map((row) => row.signup.id);
      expect(ids(await introSignups.listIntroQueue(db, a.tenant, [b.location.id]))).not.toContain(signup.id);
      expect(ids(await introSignups.listIntroQueue(db, b.tenant, [b.location.id]))).toContain(signup.id);
    },
    "packages.insertPackage": async () => {
      const pack = await packages.insertPackage(db, b.tenant, {
        name: "B only",
        credits: 1,
        priceMinor: 0,
        validDays: 1,
      });
      expect(await packages.findPackage(db, a.tenant, pack.id)).toBeUndefined();
    },
    "packages.findPackage": async () => {
      const { pack } = await creditsIn(b);
      expect(await packages.findPackage(db, a.tenant, pack.id)).toBeUndefined();
      expect((await packages.findPackage(db, b.tenant, pack.id))?.id).toBe(pack.id);
    },
    "packages.updatePackage": async () => {
      const { pack } = await creditsIn(b);
      expect(await packages.updatePackage(db, a.tenant, pack.id, { name: "Hijacked" })).toBeUndefined();
      expect((await packages.findPackage(db, b.tenant, pack.id))?.name).toBe("Five");
    },
    "packages.listPackages": async () => {
      const { pack } = await creditsIn(b);
      expect((await packages.listPackages(db, a.tenant, { includeArchived: true })).map((p) => p.id)).not.toContain(
        pack.id,
      );
      expect((await packages.listPackages(db, b.tenant)).map((p) => p.id)).toContain(pack.id);
    },
    "credits.lockCreditGrant": async () => {
      const { grant } = await creditsIn(b);
      await db.transaction(async (tx) => {
        expect(await credits.lockCreditGrant(tx, a.tenant, grant.id)).toBeUndefined();
        expect((await credits.lockCreditGrant(tx, b.tenant, grant.id))?.id).toBe(grant.id);
      });
    },
    "bookingRequests.insertBookingRequest": async () => {
      // A's schema has no such client or service: the foreign keys refuse B's ids.
      const { request } = await requestIn(b);
      await expect(
        bookingRequests.insertBookingRequest(db, a.tenant, {
          clientId: request.clientId,
          serviceId: request.serviceId,
          locationId: request.locationId,
          preferredTimes: request.preferredTimes,
          escalateAt: request.escalateAt,
          expiresAt: request.expiresAt,
        }),
      ).rejects.toThrow();
    },
    "bookingRequests.findBookingRequest": async () => {
      const { request } = await requestIn(b);
      expect(await bookingRequests.findBookingRequest(db, a.tenant, request.id)).toBeUndefined();
      expect((await bookingRequests.findBookingRequest(db, b.tenant, request.id))?.id).toBe(request.id);
    },
    "bookingRequests.lockBookingRequest": async () => {
      const { request } = await requestIn(b);
      await db.transaction(async (tx) => {
        expect(await bookingRequests.lockBookingRequest(tx, a.tenant, request.id)).toBeUndefined();
        expect((await bookingRequests.lockBookingRequest(tx, b.tenant, request.id))?.id).toBe(request.id);
      });
    },
    "bookingRequests.findBookingRequestByProposalHash": async () => {
      const { request, hash } = await requestIn(b);
      expect(await bookingRequests.findBookingRequestByProposalHash(db, a.tenant, hash)).toBeUndefined();
      expect((await bookingRequests.findBookingRequestByProposalHash(db, b.tenant, hash))?.id).toBe(request.id);
    },
    "bookingRequests.updateBookingRequest": async () => {
      const { request } = await requestIn(b);
      await expect(
        bookingRequests.updateBookingRequest(db, a.tenant, request.id, { responseNote: "A" }),
      ).rejects.toThrow();
      expect((await bookingRequests.findBookingRequest(db, b.tenant, request.id))?.responseNote).toBeNull();
    },
    "bookingRequests.listBookingRequests": async () => {
      const { request } = await requestIn(b);
      expect(await bookingRequests.listBookingRequests(db, a.tenant, { clientId: request.clientId })).toEqual([]);
      expect(await bookingRequests.listBookingRequests(db, b.tenant, { clientId: request.clientId })).toHaveLength(1);
    },
    "bookingRequests.claimRequestsToEscalate": async () => {
      const { request } = await requestIn(b);
      const later = new Date(request.escalateAt.getTime() + 1000);
      const claimed = await bookingRequests.claimRequestsToEscalate(db, a.tenant, later);
      expect(claimed.map((r) => r.id)).not.toContain(request.id);
      expect((await bookingRequests.findBookingRequest(db, b.tenant, request.id))?.escalatedAt).toBeNull();
    },
    "bookingRequests.claimRequestsToExpire": async () => {
      const { request } = await requestIn(b);
      const later = new Date(request.expiresAt.getTime() + 1000);
      const claimed = await bookingRequests.claimRequestsToExpire(db, a.tenant, later);
      expect(claimed.map((r) => r.id)).not.toContain(request.id);
      expect((await bookingRequests.findBookingRequest(db, b.tenant, request.id))?.status).toBe("pending");
    },
    "bookingRequests.listRequestPeople": async () => {
      const { request } = await requestIn(b);
      expect(await bookingRequests.listRequestPeople(db, a.tenant, [request.clientId])).toEqual([]);
      expect(await bookingRequests.listRequestPeople(db, b.tenant, [request.clientId])).toHaveLength(1);
    },
    "payments.insertPayment": async () => {
      // A's schema has no such client: a payment naming B's client is refused by the foreign key.
      const { client } = await creditsIn(b);
      await expect(
        payments.insertPayment(db, a.tenant, {
          clientId: client.id,
          kind: "other",
          method: "cash",
          status: "open",
          amountMinor: 100,
          currency: "GBP",
          description: "Stray",
          takenById: client.id,
        }),
      ).rejects.toThrow();
    },
    "payments.findPayment": async () => {
      const { payment } = await paymentIn(b);
      expect(await payments.findPayment(db, a.tenant, payment.id)).toBeUndefined();
      expect((await payments.findPayment(db, b.tenant, payment.id))?.id).toBe(payment.id);
    },
    "payments.lockPayment": async () => {
      const { payment } = await paymentIn(b);
      await db.transaction(async (tx) => {
        expect(await payments.lockPayment(tx, a.tenant, payment.id)).toBeUndefined();
        expect((await payments.lockPayment(tx, b.tenant, payment.id))?.id).toBe(payment.id);
      });
    },
    "payments.lockPaymentByIntent": async () => {
      const { payment, tag } = await paymentIn(b);
      await db.transaction(async (tx) => {
        expect(await payments.lockPaymentByIntent(tx, a.tenant, `pi_${tag}`)).toBeUndefined();
        expect((await payments.lockPaymentByIntent(tx, b.tenant, `pi_${tag}`))?.id).toBe(payment.id);
      });
    },
    "payments.updatePayment": async () => {
      const { payment } = await paymentIn(b);
      expect(await payments.updatePayment(db, a.tenant, payment.id, { failureMessage: "A" })).toBeUndefined();
      expect((await payments.findPayment(db, b.tenant, payment.id))?.failureMessage).toBeNull();
    },
    "payments.findLivePaymentForBooking": async () => {
      const { booking } = await bookingIn(b, new Date("2032-03-01T09:00:00Z"));
      const payment = await payments.insertPayment(db, b.tenant, {
        clientId: booking.clientId,
        kind: "booking",
        method: "online_card",
        status: "open",
        amountMinor: 1200,
        currency: "GBP",
        description: "Held",
        bookingId: booking.id,
        takenById: booking.clientId,
      });
      expect(await payments.findLivePaymentForBooking(db, a.tenant, booking.id)).toBeUndefined();
      expect((await payments.findLivePaymentForBooking(db, b.tenant, booking.id))?.id).toBe(payment.id);
    },
    "payments.listExpiredOpenPayments": async () => {
      const { client } = await creditsIn(b);
      const open = await payments.insertPayment(db, b.tenant, {
        clientId: client.id,
        kind: "other",
        method: "online_card",
        status: "open",
        amountMinor: 100,
        currency: "GBP",
        description: "Expired page",
        takenById: client.id,
        expiresAt: new Date(Date.now() - hour),
      });
      expect((await payments.listExpiredOpenPayments(db, a.tenant, new Date())).map((p) => p.id)).not.toContain(
        open.id,
      );
      expect((await payments.listExpiredOpenPayments(db, b.tenant, new Date())).map((p) => p.id)).toContain(open.id);
    },
    "payments.listPaymentsOfClient": async () => {
      const { client, payment } = await paymentIn(b);
      expect(await payments.listPaymentsOfClient(db, a.tenant, client.id)).toEqual([]);
      expect((await payments.listPaymentsOfClient(db, b.tenant, client.id)).map((p) => p.id)).toEqual([payment.id]);
    },
    "payments.insertRefund": async () => {
      const { payment } = await paymentIn(b);
      await expect(
        payments.insertRefund(db, a.tenant, {
          paymentId: payment.id,
          amountMinor: 100,
          status: "succeeded",
          reason: "Stray",
          actorId: null,
        }),
      ).rejects.toThrow();
      expect((await payments.findPayment(db, b.tenant, payment.id))?.refundedMinor).toBe(1000);
    },
    "payments.findRefundByStripeId": async () => {
      const { refund, tag } = await paymentIn(b);
      expect(await payments.findRefundByStripeId(db, a.tenant, `re_${tag}`)).toBeUndefined();
      expect((await payments.findRefundByStripeId(db, b.tenant, `re_${tag}`))?.id).toBe(refund.id);
    },
    "payments.findRefund": async () => {
      const { refund } = await paymentIn(b);
      expect(await payments.findRefund(db, a.tenant, refund.id)).toBeUndefined();
      expect((await payments.findRefund(db, b.tenant, refund.id))?.id).toBe(refund.id);
    },
    "payments.listRefundsOfPayment": async () => {
      const { payment, refund } = await paymentIn(b);
      expect(await payments.listRefundsOfPayment(db, a.tenant, payment.id)).toEqual([]);
      expect((await payments.listRefundsOfPayment(db, b.tenant, payment.id)).map((r) => r.id)).toEqual([refund.id]);
    },
    "payments.updateRefundStatus": async () => {
      const { payment, refund } = await paymentIn(b);
      await db.transaction(async (tx) => {
        expect(await payments.updateRefundStatus(tx, a.tenant, refund.id, "failed")).toBeUndefined();
      });
      expect((await payments.findRefund(db, b.tenant, refund.id))?.status).toBe("pending");
      expect((await payments.findPayment(db, b.tenant, payment.id))?.refundedMinor).toBe(1000);
    },
    "credits.insertCreditGrant": async () => {
      const { grant } = await creditsIn(b);
      expect(await credits.findCreditGrant(db, a.tenant, grant.id)).toBeUndefined();
      // A's schema has no such client: a grant naming B's client is refused by the foreign key.
      const { client } = await creditsIn(b);
      await expect(
        credits.insertCreditGrant(db, a.tenant, {
          clientId: client.id,
          packageId: null,
          name: "Stray",
          locationIds: [],
          serviceIds: [],
          expiresAt: new Date(Date.now() + hour),
        }),
      ).rejects.toThrow();
    },
    "credits.insertLedgerEntries": async () => {
      const { client, grant } = await creditsIn(b);
      const entry = { clientId: client.id, grantId: grant.id, bookingId: null, actorId: null, reason: "x" };
      await expect(
        credits.insertLedgerEntries(db, a.tenant, [{ ...entry, delta: 1, kind: "adjustment" }]),
      ).rejects.toThrow();
      expect((await credits.findCreditGrant(db, b.tenant, grant.id))?.remaining).toBe(5);
    },
    "credits.lockSpendableGrants": async () => {
      const { client } = await creditsIn(b);
      const filter = { clientId: client.id, locationId: b.location.id, serviceId: b.location.id, at: new Date() };
      await db.transaction(async (tx) => {
        expect(await credits.lockSpendableGrants(tx, a.tenant, filter)).toEqual([]);
        expect(await credits.lockSpendableGrants(tx, b.tenant, filter)).toHaveLength(1);
      });
    },
    "credits.findCreditGrant": async () => {
      const { grant } = await creditsIn(b);
      expect(await credits.findCreditGrant(db, a.tenant, grant.id)).toBeUndefined();
      expect((await credits.findCreditGrant(db, b.tenant, grant.id))?.remaining).toBe(5);
    },
    "credits.listCreditGrants": async () => {
      const { client, grant } = await creditsIn(b);
      expect(await credits.listCreditGrants(db, a.tenant, client.id)).toEqual([]);
      expect((await credits.listCreditGrants(db, b.tenant, client.id)).map((g) => g.id)).toEqual([grant.id]);
    },
    "credits.listLedger": async () => {
      const { client } = await creditsIn(b);
      expect(await credits.listLedger(db, a.tenant, client.id)).toEqual([]);
      expect(await credits.listLedger(db, b.tenant, client.id)).toHaveLength(1);
    },
    "credits.ledgerSums": async () => {
      const { client, grant } = await creditsIn(b);
      expect(await credits.ledgerSums(db, a.tenant, client.id)).toEqual(new Map());
      expect(await credits.ledgerSums(db, b.tenant, client.id)).toEqual(new Map([[grant.id, 5]]));
    },
    "credits.ledgerForBooking": async () => {
      const { client, grant } = await creditsIn(b);
      const service = await services.insertService(db, b.tenant, {
        name: "PT",
        type: "session",
        durationMinutes: 60,
        locationIds: [b.location.id],
      });
      const startsAt = new Date("2031-07-07T09:00:00Z");
      const booking = await bookings.insertBooking(db, b.tenant, {
        clientId: client.id,
        serviceId: service.id,
        instructorId: b.owner.id,
        locationId: b.location.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + hour),
        status: "cancelled",
        bookingMethod: "admin_created",
        createdById: b.owner.id,
      });
      await credits.insertLedgerEntries(db, b.tenant, [
        {
          clientId: client.id,
          grantId: grant.id,
          bookingId: booking.id,
          delta: -1,
          kind: "spend",
          reason: "Booked",
          actorId: null,
        },
      ]);
      expect(await credits.ledgerForBooking(db, a.tenant, booking.id)).toEqual([]);
      expect(await credits.ledgerForBooking(db, b.tenant, booking.id)).toHaveLength(1);
    },
    "authTokens.countAuthTokensSince": async () => {
      const since = new Date(Date.now() - 60_000);
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: b.owner.id,
        purpose: "password_reset",
        tokenHash: "b-count",
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await authTokens.countAuthTokensSince(db, a.tenant, b.owner.id, "password_reset", since)).toBe(0);
      expect(await authTokens.countAuthTokensSince(db, b.tenant, b.owner.id, "password_reset", since)).toBeGreaterThan(
        0,
      );
    },
    "apiTokens.revokeApiTokensOfUser": async () => {
      await apiTokens.insertApiToken(db, b.tenant, { userId: b.owner.id, tokenHash: "b-api-keep", label: "test" });
      await apiTokens.revokeApiTokensOfUser(db, a.tenant, b.owner.id, new Date());
      expect((await apiTokens.findUserByApiToken(db, b.tenant, "b-api-keep", new Date()))?.id).toBe(b.owner.id);
    },
    "occurrences.findNextClassStart": async () => {
      const { occurrence } = await classIn(b, new Date("2031-05-05T09:00:00Z"));
      const filter = { after: new Date("2031-05-05T00:00:00Z"), locationIds: [b.location.id] };
      expect(await occurrences.findNextClassStart(db, a.tenant, filter)).toBeUndefined();
      expect(await occurrences.findNextClassStart(db, b.tenant, filter)).toEqual(occurrence.startsAt);
    },
    "occurrences.findOccurrenceDetail": async () => {
      const { occurrence } = await classIn(b, new Date("2031-05-05T18:00:00Z"));
      expect(await occurrences.findOccurrenceDetail(db, a.tenant, occurrence.id)).toBeUndefined();
      expect((await occurrences.findOccurrenceDetail(db, b.tenant, occurrence.id))?.occurrence.id).toBe(occurrence.id);
    },
    "classSeries.lockClassSeries": async () => {
      const { series } = await classIn(b, new Date("2030-03-04T18:00:00Z"));
      expect(await classSeries.lockClassSeries(db, a.tenant, series.id)).toBeUndefined();
    },
    "classSeries.updateClassSeries": async () => {
      const { series } = await classIn(b, new Date("2030-03-04T20:00:00Z"));
      expect(
        await classSeries.updateClassSeries(db, a.tenant, series.id, { validUntil: "2030-01-02" }),
      ).toBeUndefined();
      expect((await classSeries.findClassSeries(db, b.tenant, series.id))?.validUntil).toBeNull();
    },
    "classSeries.listClassSeriesWithNames": async () => {
      const { series } = await classIn(b, new Date("2030-03-05T18:00:00Z"));
      expect(
        (await classSeries.listClassSeriesWithNames(db, a.tenant, [a.location.id, b.location.id])).map(
          (r) => r.series.id,
        ),
      ).not.toContain(series.id);
      expect(
        (await classSeries.listClassSeriesWithNames(db, b.tenant, [b.location.id])).map((r) => r.series.id),
      ).toContain(series.id);
    },
    "occurrences.cancelSeriesOccurrencesFrom": async () => {
      const { series, occurrence } = await classIn(b, new Date("2030-03-06T18:00:00Z"));
      expect(
        await occurrences.cancelSeriesOccurrencesFrom(db, a.tenant, series.id, new Date("2030-01-01T00:00:00Z"), "x"),
      ).toEqual([]);
      expect((await occurrences.findOccurrence(db, b.tenant, occurrence.id))?.status).toBe("scheduled");
    },
    "occurrences.findOccurrenceWithNames": async () => {
      const { occurrence } = await classIn(b, new Date("2030-03-06T20:00:00Z"));
      expect(await occurrences.findOccurrenceWithNames(db, a.tenant, occurrence.id)).toBeUndefined();
      expect((await occurrences.findOccurrenceWithNames(db, b.tenant, occurrence.id))?.serviceName).toBe("Yoga");
    },
    "availability.insertAvailabilityBlock": async () => {
      const row = await availability.insertAvailabilityBlock(db, b.tenant, {
        instructorId: b.owner.id,
        locationId: b.location.id,
        weekday: 1,
        startTime: "08:00",
        endTime: "12:00",
        allowsSelfBooking: true,
      });
      expect(await availability.findAvailabilityBlock(db, a.tenant, row.id)).toBeUndefined();
    },
    "availability.listAvailabilityBlocks": async () => {
      await availability.insertAvailabilityBlock(db, b.tenant, {
        instructorId: b.owner.id,
        locationId: b.location.id,
        weekday: 2,
        startTime: "08:00",
        endTime: "12:00",
        allowsSelfBooking: true,
      });
      expect(await availability.listAvailabilityBlocks(db, a.tenant, [b.owner.id])).toEqual([]);
    },
    "availability.findAvailabilityBlock": async () => {
      const row = await availability.insertAvailabilityBlock(db, b.tenant, {
        instructorId: b.owner.id,
        locationId: b.location.id,
        weekday: 3,
        startTime: "08:00",
        endTime: "12:00",
        allowsSelfBooking: true,
      });
      expect(await availability.findAvailabilityBlock(db, a.tenant, row.id)).toBeUndefined();
      expect((await availability.findAvailabilityBlock(db, b.tenant, row.id))?.id).toBe(row.id);
    },
    "availability.updateAvailabilityBlock": async () => {
      const row = await availability.insertAvailabilityBlock(db, b.tenant, {
        instructorId: b.owner.id,
        locationId: b.location.id,
        weekday: 4,
        startTime: "08:00",
        endTime: "12:00",
        allowsSelfBooking: true,
      });
      const values = {
        locationId: a.location.id,
        weekday: 5,
        startTime: "09:00",
        endTime: "10:00",
        allowsSelfBooking: false,
      };
      expect(await availability.updateAvailabilityBlock(db, a.tenant, row.id, values)).toBeUndefined();
      expect((await availability.findAvailabilityBlock(db, b.tenant, row.id))?.startTime).toBe("08:00:00");
    },
    "availability.deleteAvailabilityBlock": async () => {
      const row = await availability.insertAvailabilityBlock(db, b.tenant, {
        instructorId: b.owner.id,
        locationId: b.location.id,
        weekday: 6,
        startTime: "08:00",
        endTime: "12:00",
        allowsSelfBooking: true,
      });
      await availability.deleteAvailabilityBlock(db, a.tenant, row.id);
      expect((await availability.findAvailabilityBlock(db, b.tenant, row.id))?.id).toBe(row.id);
    },
    "availability.insertAvailabilityException": async () => {
      const row = await availability.insertAvailabilityException(db, b.tenant, {
        instructorId: b.owner.id,
        kind: "time_off",
        date: "2030-02-01",
        startTime: null,
        endTime: null,
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
      expect(await availability.findAvailabilityException(db, a.tenant, row.id)).toBeUndefined();
    },
    "availability.listAvailabilityExceptions": async () => {
      await availability.insertAvailabilityException(db, b.tenant, {
        instructorId: b.owner.id,
        kind: "time_off",
        date: "2030-02-02",
        startTime: null,
        endTime: null,
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
      expect(
        await availability.listAvailabilityExceptions(db, a.tenant, [b.owner.id], "2030-01-01", "2030-12-31"),
      ).toEqual([]);
    },
    "availability.findAvailabilityException": async () => {
      const row = await availability.insertAvailabilityException(db, b.tenant, {
        instructorId: b.owner.id,
        kind: "time_off",
        date: "2030-02-03",
        startTime: null,
        endTime: null,
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
      expect(await availability.findAvailabilityException(db, a.tenant, row.id)).toBeUndefined();
      expect((await availability.findAvailabilityException(db, b.tenant, row.id))?.id).toBe(row.id);
    },
    "availability.deleteAvailabilityException": async () => {
      const row = await availability.insertAvailabilityException(db, b.tenant, {
        instructorId: b.owner.id,
        kind: "time_off",
        date: "2030-02-04",
        startTime: null,
        endTime: null,
        locationId: null,
        allowsSelfBooking: false,
        note: null,
      });
      await availability.deleteAvailabilityException(db, a.tenant, row.id);
      expect((await availability.findAvailabilityException(db, b.tenant, row.id))?.id).toBe(row.id);
    },
    "availability.upsertTravelTime": async () => {
      const second = await locations.insertLocation(db, b.tenant, {
        name: "B travel",
        timezone: "Europe/London",
        address: { line1: "1 Road", city: "London", postcode: "N1", country: "GB" },
        operatingHours: b.location.operatingHours,
      });
      await availability.upsertTravelTime(db, b.tenant, b.location.id, second.id, 25);
      // A's table has no such locations: the foreign key refuses rather than writing across.
      await expect(availability.upsertTravelTime(db, a.tenant, b.location.id, second.id, 5)).rejects.toThrow();
      expect(
        (await availability.listTravelTimes(db, b.tenant)).find((r) => r.toLocationId === second.id)?.minutes,
      ).toBe(25);
    },
    "availability.listTravelTimes": async () => {
      const second = await locations.insertLocation(db, b.tenant, {
        name: "B travel 2",
        timezone: "Europe/London",
        address: { line1: "1 Road", city: "London", postcode: "N1", country: "GB" },
        operatingHours: b.location.operatingHours,
      });
      await availability.upsertTravelTime(db, b.tenant, second.id, b.location.id, 15);
      expect((await availability.listTravelTimes(db, a.tenant)).map((r) => r.fromLocationId)).not.toContain(second.id);
    },
    "availability.listOneToOneCommitmentsFrom": async () => {
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt: new Date("2030-03-04T09:00:00Z"),
        endsAt: new Date("2030-03-04T10:00:00Z"),
        locationId: b.location.id,
        occurrenceId: null,
      });
      const from = new Date("2030-03-01T00:00:00Z");
      expect(await availability.listOneToOneCommitmentsFrom(db, a.tenant, b.owner.id, from)).toEqual([]);
      expect(await availability.listOneToOneCommitmentsFrom(db, b.tenant, b.owner.id, from)).toHaveLength(1);
    },
    "availability.listCommitmentsBetween": async () => {
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt: new Date("2030-03-05T09:00:00Z"),
        endsAt: new Date("2030-03-05T10:00:00Z"),
        locationId: b.location.id,
        occurrenceId: null,
      });
      const [from, to] = [new Date("2030-03-05T00:00:00Z"), new Date("2030-03-06T00:00:00Z")];
      expect(await availability.listCommitmentsBetween(db, a.tenant, [b.owner.id], from, to)).toEqual([]);
      expect(await availability.listCommitmentsBetween(db, b.tenant, [b.owner.id], from, to)).toHaveLength(1);
    },
    "calendarFeeds.insertCalendarFeed": async () => {
      await calendarFeeds.insertCalendarFeed(db, b.tenant, { userId: b.owner.id, tokenHash: "b-cal" });
      expect(await calendarFeeds.findUserByCalendarToken(db, a.tenant, "b-cal")).toBeUndefined();
    },
    "calendarFeeds.findUserByCalendarToken": async () => {
      await calendarFeeds.insertCalendarFeed(db, a.tenant, { userId: a.owner.id, tokenHash: "a-cal" });
      expect((await calendarFeeds.findUserByCalendarToken(db, a.tenant, "a-cal"))?.id).toBe(a.owner.id);
      expect(await calendarFeeds.findUserByCalendarToken(db, b.tenant, "a-cal")).toBeUndefined();
    },
    "calendarFeeds.hasCalendarFeed": async () => {
      await calendarFeeds.insertCalendarFeed(db, b.tenant, { userId: b.owner.id, tokenHash: "b-cal-2" });
      expect(await calendarFeeds.hasCalendarFeed(db, a.tenant, b.owner.id)).toBe(false);
    },
    "calendarFeeds.revokeCalendarFeedsOfUser": async () => {
      await calendarFeeds.insertCalendarFeed(db, b.tenant, { userId: b.owner.id, tokenHash: "b-cal-3" });
      await calendarFeeds.revokeCalendarFeedsOfUser(db, a.tenant, b.owner.id, new Date());
      expect((await calendarFeeds.findUserByCalendarToken(db, b.tenant, "b-cal-3"))?.id).toBe(b.owner.id);
    },
    "services.insertService": async () => {
      const { service } = await classIn(b, new Date("2030-01-07T18:00:00Z"));
      expect((await services.listServices(db, a.tenant)).map((x) => x.id)).not.toContain(service.id);
    },
    "services.findService": async () => {
      const { service } = await classIn(b, new Date("2030-01-07T20:00:00Z"));
      expect(await services.findService(db, a.tenant, service.id)).toBeUndefined();
    },
    "services.updateService": async () => {
      const { service } = await classIn(b, new Date("2030-01-07T22:00:00Z"));
      expect(await services.updateService(db, a.tenant, service.id, { name: "Hacked" })).toBeUndefined();
      expect((await services.findService(db, b.tenant, service.id))?.name).toBe("Yoga");
    },
    "services.listServices": async () => {
      const { service } = await classIn(a, new Date("2030-01-08T18:00:00Z"));
      expect((await services.listServices(db, a.tenant)).map((x) => x.id)).toContain(service.id);
      expect((await services.listServices(db, b.tenant)).map((x) => x.id)).not.toContain(service.id);
    },
    "classSeries.insertClassSeries": async () => {
      const { series } = await classIn(b, new Date("2030-01-09T18:00:00Z"));
      expect((await classSeries.listActiveClassSeries(db, a.tenant)).map((x) => x.id)).not.toContain(series.id);
    },
    "classSeries.findClassSeries": async () => {
      const { series } = await classIn(b, new Date("2030-01-09T20:00:00Z"));
      expect(await classSeries.findClassSeries(db, a.tenant, series.id)).toBeUndefined();
    },
    "classSeries.listActiveClassSeries": async () => {
      const { series } = await classIn(a, new Date("2030-01-10T18:00:00Z"));
      expect((await classSeries.listActiveClassSeries(db, b.tenant)).map((x) => x.id)).not.toContain(series.id);
    },
    "occurrences.insertOccurrence": async () => {
      const { occurrence } = await classIn(b, new Date("2030-01-11T18:00:00Z"));
      expect(await occurrences.findOccurrence(db, a.tenant, occurrence.id)).toBeUndefined();
    },
    "occurrences.insertOccurrences": async () => {
      const { series, service } = await classIn(b, new Date("2030-01-14T18:00:00Z"));
      const startsAt = new Date("2030-01-21T18:00:00Z");
      const [occurrence] = await occurrences.insertOccurrences(db, b.tenant, [
        {
          seriesId: series.id,
          serviceId: service.id,
          locationId: b.location.id,
          instructorId: b.owner.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + hour),
          capacity: 10,
        },
      ]);
      expect(await occurrences.findOccurrence(db, a.tenant, occurrence?.id as string)).toBeUndefined();
      expect((await occurrences.findOccurrence(db, b.tenant, occurrence?.id as string))?.id).toBe(occurrence?.id);
    },
    "occurrences.findOccurrence": async () => {
      const { occurrence } = await classIn(a, new Date("2030-01-11T20:00:00Z"));
      expect((await occurrences.findOccurrence(db, a.tenant, occurrence.id))?.id).toBe(occurrence.id);
      expect(await occurrences.findOccurrence(db, b.tenant, occurrence.id)).toBeUndefined();
    },
    "occurrences.lockOccurrence": async () => {
      const { occurrence } = await classIn(b, new Date("2030-01-12T18:00:00Z"));
      expect(await occurrences.lockOccurrence(db, a.tenant, occurrence.id)).toBeUndefined();
    },
    "occurrences.updateOccurrence": async () => {
      const { occurrence } = await classIn(b, new Date("2030-01-12T20:00:00Z"));
      expect(await occurrences.updateOccurrence(db, a.tenant, occurrence.id, { status: "cancelled" })).toBeUndefined();
      expect((await occurrences.findOccurrence(db, b.tenant, occurrence.id))?.status).toBe("scheduled");
    },
    "occurrences.listOccurrencesBetween": async () => {
      const { occurrence } = await classIn(b, new Date("2030-01-13T18:00:00Z"));
      const window = { from: new Date("2030-01-13T00:00:00Z"), to: new Date("2030-01-14T00:00:00Z") };
      expect(
        (await occurrences.listOccurrencesBetween(db, a.tenant, window)).map((r) => r.occurrence.id),
      ).not.toContain(occurrence.id);
      expect((await occurrences.listOccurrencesBetween(db, b.tenant, window)).map((r) => r.occurrence.id)).toContain(
        occurrence.id,
      );
    },
    "commitments.insertCommitment": async () => {
      const startsAt = new Date("2030-02-01T09:00:00Z");
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + hour),
        locationId: b.location.id,
        occurrenceId: null,
      });
      expect(
        await commitments.listCommitmentsOverlapping(
          db,
          a.tenant,
          b.owner.id,
          startsAt,
          new Date(startsAt.getTime() + hour),
        ),
      ).toEqual([]);
    },
    "commitments.insertCommitments": async () => {
      const startsAt = new Date("2030-02-05T09:00:00Z");
      const endsAt = new Date(startsAt.getTime() + hour);
      await commitments.insertCommitments(db, b.tenant, [
        { instructorId: b.owner.id, startsAt, endsAt, locationId: b.location.id, occurrenceId: null },
      ]);
      expect(await commitments.listCommitmentsOverlapping(db, a.tenant, b.owner.id, startsAt, endsAt)).toEqual([]);
      expect(await commitments.listCommitmentsOverlapping(db, b.tenant, b.owner.id, startsAt, endsAt)).toHaveLength(1);
    },
    "commitments.listCommitmentsOverlapping": async () => {
      const startsAt = new Date("2030-02-02T09:00:00Z");
      const endsAt = new Date(startsAt.getTime() + hour);
      await commitments.insertCommitment(db, a.tenant, {
        instructorId: a.owner.id,
        startsAt,
        endsAt,
        locationId: a.location.id,
        occurrenceId: null,
      });
      expect(await commitments.listCommitmentsOverlapping(db, a.tenant, a.owner.id, startsAt, endsAt)).toHaveLength(1);
      expect(await commitments.listCommitmentsOverlapping(db, b.tenant, a.owner.id, startsAt, endsAt)).toEqual([]);
    },
    "commitments.deleteCommitmentsForOccurrences": async () => {
      const { occurrence } = await classIn(b, new Date("2030-02-03T18:00:00Z"));
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        locationId: b.location.id,
        occurrenceId: occurrence.id,
      });
      await commitments.deleteCommitmentsForOccurrences(db, a.tenant, [occurrence.id]);
      expect(
        await commitments.listCommitmentsOverlapping(db, b.tenant, b.owner.id, occurrence.startsAt, occurrence.endsAt),
      ).toHaveLength(1);
    },
    "commitments.reassignCommitmentForOccurrence": async () => {
      const { occurrence } = await classIn(b, new Date("2030-02-04T18:00:00Z"));
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        locationId: b.location.id,
        occurrenceId: occurrence.id,
      });
      await commitments.reassignCommitmentForOccurrence(db, a.tenant, occurrence.id, a.owner.id);
      expect(
        await commitments.listCommitmentsOverlapping(db, b.tenant, b.owner.id, occurrence.startsAt, occurrence.endsAt),
      ).toHaveLength(1);
    },
    "commitments.moveCommitmentForOccurrence": async () => {
      const { occurrence } = await classIn(b, new Date("2030-02-04T20:00:00Z"));
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: b.owner.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        locationId: b.location.id,
        occurrenceId: occurrence.id,
      });
      await commitments.moveCommitmentForOccurrence(db, a.tenant, occurrence.id, {
        instructorId: a.owner.id,
        startsAt: new Date("2030-02-05T20:00:00Z"),
        endsAt: new Date("2030-02-05T21:00:00Z"),
      });
      expect(
        await commitments.listCommitmentsOverlapping(db, b.tenant, b.owner.id, occurrence.startsAt, occurrence.endsAt),
      ).toHaveLength(1);
    },
    "commitments.countGapViolations": async () => {
      // A session and, straight after it, a class (classes are placed by staff, unchecked): one
      // pair closer than B's buffer.
      await db.update(b.tenant.t.studioSettings).set({ sessionBufferMinutes: 30 });
      const { booking, client: teacher } = await bookingIn(b, new Date("2032-03-01T08:00:00Z"));
      const { occurrence } = await classIn(b, new Date("2032-03-01T11:00:00Z"));
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: teacher.id,
        locationId: b.location.id,
        startsAt: new Date("2032-03-01T10:00:00Z"),
        endsAt: new Date("2032-03-01T11:00:00Z"),
        occurrenceId: null,
        bookingId: booking.id,
      });
      await commitments.insertCommitment(db, b.tenant, {
        instructorId: teacher.id,
        locationId: b.location.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        occurrenceId: occurrence.id,
      });
      expect(await commitments.countGapViolations(db, b.tenant)).toEqual({ buffer: 1, travel: 0 });
      expect(await commitments.countGapViolations(db, a.tenant)).toEqual({ buffer: 0, travel: 0 });
      await db.update(b.tenant.t.studioSettings).set({ sessionBufferMinutes: 0 });
    },
    "locations.insertLocation": async () => {
      const made = await locations.insertLocation(db, a.tenant, {
        name: "Annex",
        timezone: "Europe/London",
        address: { line1: "2 Road", city: "London", postcode: "N2", country: "GB" },
        operatingHours: a.location.operatingHours,
      });
      expect((await locations.listActiveLocations(db, b.tenant)).map((l) => l.id)).not.toContain(made.id);
    },
    "locations.listActiveLocations": async () => {
      const ids = (await locations.listActiveLocations(db, a.tenant)).map((l) => l.id);
      expect(ids).toContain(a.location.id);
      expect(ids).not.toContain(b.location.id);
    },
    "locations.findLocationByName": async () => {
      expect((await locations.findLocationByName(db, a.tenant, "Main"))?.id).toBe(a.location.id);
    },
    "users.insertUser": async () => {
      const made = await users.insertUser(db, a.tenant, { email: "new@example.com", fullName: "New", role: "client" });
      expect(await users.findActiveUserById(db, b.tenant, made.id)).toBeUndefined();
    },
    "users.findUserByEmail": async () => {
      expect((await users.findUserByEmail(db, a.tenant, "SAME@example.com"))?.id).toBe(a.owner.id);
      expect(await users.findUserByEmail(db, a.tenant, "only-b@example.com")).toBeUndefined();
    },
    "users.findActiveUserById": async () => {
      expect((await users.findActiveUserById(db, a.tenant, a.owner.id))?.id).toBe(a.owner.id);
      expect(await users.findActiveUserById(db, a.tenant, b.owner.id)).toBeUndefined();
    },
    "authTokens.insertAuthToken": async () => {
      await authTokens.insertAuthToken(db, a.tenant, {
        userId: a.owner.id,
        purpose: "handoff",
        tokenHash: "a-token",
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await authTokens.consumeAuthToken(db, b.tenant, "handoff", "a-token", new Date())).toBeUndefined();
    },
    "authTokens.deleteStaleAuthTokens": async () => {
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: b.owner.id,
        purpose: "handoff",
        tokenHash: "b-stale",
        expiresAt: new Date(Date.now() - 60_000),
      });
      expect(await authTokens.deleteStaleAuthTokens(db, a.tenant, new Date())).toBe(0);
      expect(await authTokens.deleteStaleAuthTokens(db, b.tenant, new Date())).toBe(1);
    },
    "apiTokens.insertApiToken": async () => {
      await apiTokens.insertApiToken(db, a.tenant, { userId: a.owner.id, tokenHash: "a-api", label: "test" });
      expect(await apiTokens.findUserByApiToken(db, b.tenant, "a-api", new Date())).toBeUndefined();
    },
    "apiTokens.findUserByApiToken": async () => {
      await apiTokens.insertApiToken(db, b.tenant, { userId: b.owner.id, tokenHash: "b-api", label: "test" });
      expect(await apiTokens.findUserByApiToken(db, a.tenant, "b-api", new Date())).toBeUndefined();
      expect((await apiTokens.findUserByApiToken(db, b.tenant, "b-api", new Date()))?.id).toBe(b.owner.id);
    },
    "apiTokens.revokeApiToken": async () => {
      await apiTokens.insertApiToken(db, b.tenant, { userId: b.owner.id, tokenHash: "b-api-2", label: "test" });
      expect(await apiTokens.revokeApiToken(db, a.tenant, "b-api-2", new Date())).toBe(false);
      expect((await apiTokens.findUserByApiToken(db, b.tenant, "b-api-2", new Date()))?.id).toBe(b.owner.id);
    },
    "clientInstructors.assignInstructor": async () => {
      const client = await users.insertUser(db, a.tenant, { email: "c1@example.com", fullName: "C1", role: "client" });
      await clientInstructors.assignInstructor(db, a.tenant, client.id, a.owner.id);
      expect(await clientInstructors.listInstructorIdsForClient(db, b.tenant, client.id)).toEqual([]);
    },
    "clientInstructors.listInstructorIdsForClient": async () => {
      const client = await users.insertUser(db, b.tenant, { email: "c2@example.com", fullName: "C2", role: "client" });
      await clientInstructors.assignInstructor(db, b.tenant, client.id, b.owner.id);
      expect(await clientInstructors.listInstructorIdsForClient(db, a.tenant, client.id)).toEqual([]);
      expect(await clientInstructors.listInstructorIdsForClient(db, b.tenant, client.id)).toEqual([b.owner.id]);
    },
    "outbox.insertOutboxMessage": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "x@example.com",
        subject: "Hi",
        body: "B only",
        template: "t",
      };
      await outbox.insertOutboxMessage(db, b.tenant, msg);
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).map((m) => m.body)).not.toContain("B only");
    },
    "outbox.insertOutboxMessages": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "x@example.com",
        subject: "Hi",
        body: "B batch",
        template: "t",
      };
      const [row] = await outbox.insertOutboxMessages(db, b.tenant, [msg]);
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).map((m) => m.body)).not.toContain("B batch");
      expect(await outbox.findOutboxMessage(db, a.tenant, row?.id as string)).toBeUndefined();
      expect((await outbox.findOutboxMessage(db, b.tenant, row?.id as string))?.body).toBe("B batch");
    },
    "outbox.listRecentOutboxMessages": async () => {
      const msg = { channel: "sms" as const, recipient: "+44", subject: null, body: "A only", template: "t" };
      await outbox.insertOutboxMessage(db, a.tenant, msg);
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).map((m) => m.body)).toContain("A only");
      expect((await outbox.listRecentOutboxMessages(db, b.tenant, 50)).map((m) => m.body)).not.toContain("A only");
    },
    "outbox.insertOutboxMessageOnce": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "o@example.com",
        subject: "Hi",
        body: "B once",
        template: "t",
      };
      await outbox.insertOutboxMessageOnce(db, b.tenant, { ...msg, dedupeKey: "isolation-once" });
      // The same key in another studio is another studio's message.
      expect(await outbox.insertOutboxMessageOnce(db, a.tenant, { ...msg, dedupeKey: "isolation-once" })).toBeDefined();
      expect((await outbox.listRecentOutboxMessages(db, a.tenant, 50)).filter((m) => m.body === "B once")).toHaveLength(
        1,
      );
    },
    "outbox.findOutboxMessage": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "f@example.com",
        subject: "Hi",
        body: "B find",
        template: "t",
      };
      const { id } = await outbox.insertOutboxMessage(db, b.tenant, msg);
      expect(await outbox.findOutboxMessage(db, a.tenant, id)).toBeUndefined();
      expect((await outbox.findOutboxMessage(db, b.tenant, id))?.body).toBe("B find");
    },
    "outbox.claimOutboxMessage": async () => {
      const msg = {
        channel: "email" as const,
        recipient: "c@example.com",
        subject: "Hi",
        body: "B claim",
        template: "t",
      };
      const { id } = await outbox.insertOutboxMessage(db, b.tenant, msg);
      expect(await outbox.claimOutboxMessage(db, a.tenant, id)).toBeUndefined();
      expect((await outbox.findOutboxMessage(db, b.tenant, id))?.status).toBe("pending");
    },
    "outbox.markOutboxMessageUnconfirmed": async () => {
      const msg = { channel: "email" as const, recipient: "u@example.com", subject: "Hi", body: "B u", template: "t" };
      const { id } = await outbox.insertOutboxMessage(db, b.tenant, msg);
      await outbox.claimOutboxMessage(db, b.tenant, id);
      await outbox.markOutboxMessageUnconfirmed(db, a.tenant, id);
      expect((await outbox.findOutboxMessage(db, b.tenant, id))?.status).toBe("sending");
    },
    "outbox.recordOutboxOutcome": async () => {
      const msg = { channel: "email" as const, recipient: "r@example.com", subject: "Hi", body: "B r", template: "t" };
      const { id } = await outbox.insertOutboxMessage(db, b.tenant, msg);
      await outbox.claimOutboxMessage(db, b.tenant, id);
      await outbox.recordOutboxOutcome(db, a.tenant, id, { status: "sent" });
      expect((await outbox.findOutboxMessage(db, b.tenant, id))?.status).toBe("sending");
    },
    "outbox.requeueOutboxMessage": async () => {
      const msg = { channel: "email" as const, recipient: "q@example.com", subject: "Hi", body: "B q", template: "t" };
      const { id } = await outbox.insertOutboxMessage(db, b.tenant, msg);
      await outbox.claimOutboxMessage(db, b.tenant, id);
      await outbox.recordOutboxOutcome(db, b.tenant, id, { status: "failed" });
      expect(await outbox.requeueOutboxMessage(db, a.tenant, id)).toBeUndefined();
      expect((await outbox.findOutboxMessage(db, b.tenant, id))?.status).toBe("failed");
    },
    "staff.findStudioReplyAddress": async () => {
      expect(await staff.findStudioReplyAddress(db, a.tenant)).toBe(a.owner.email);
      expect(await staff.findStudioReplyAddress(db, b.tenant)).toBe(b.owner.email);
    },
    "failedJobs.listFailedJobs": async () => {
      const id = await failedJobIn(b);
      expect((await failedJobs.listFailedJobs(db, a.tenant, 100)).map((job) => job.id)).not.toContain(id);
      expect((await failedJobs.listFailedJobs(db, b.tenant, 100)).map((job) => job.id)).toContain(id);
    },
    "failedJobs.retryFailedJob": async () => {
      const id = await failedJobIn(b);
      expect(await failedJobs.retryFailedJob(db, a.tenant, id)).toBe(false);
      expect(await failedJobs.retryFailedJob(db, b.tenant, id)).toBe(true);
    },
    "bookingNotices.findBookingNoticeFacts": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-07T10:00:00Z"));
      expect(await bookingNotices.findBookingNoticeFacts(db, a.tenant, booking.id)).toBeUndefined();
      expect((await bookingNotices.findBookingNoticeFacts(db, b.tenant, booking.id))?.booking.id).toBe(booking.id);
    },
    "bookingNotices.listBookingNoticeFacts": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-07T12:00:00Z"));
      expect(await bookingNotices.listBookingNoticeFacts(db, a.tenant, [booking.id])).toEqual([]);
      const facts = await bookingNotices.listBookingNoticeFacts(db, b.tenant, [booking.id]);
      expect(facts.map((f) => f.booking.id)).toEqual([booking.id]);
    },
    "authTokens.findLiveAuthToken": async () => {
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: b.owner.id,
        purpose: "password_reset",
        tokenHash: "b-reset-live",
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(
        await authTokens.findLiveAuthToken(db, a.tenant, "password_reset", "b-reset-live", new Date()),
      ).toBeUndefined();
      expect(await authTokens.findLiveAuthToken(db, b.tenant, "password_reset", "b-reset-live", new Date())).toBe(
        b.owner.id,
      );
    },
    "authTokens.spendAuthTokensOfUser": async () => {
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: b.owner.id,
        purpose: "password_reset",
        tokenHash: "b-reset-spend",
        expiresAt: new Date(Date.now() + 60_000),
      });
      // B's owner id means nothing in A's schema: nothing of B's is spent.
      expect(await authTokens.spendAuthTokensOfUser(db, a.tenant, b.owner.id, "password_reset", new Date())).toBe(0);
      expect(await authTokens.findLiveAuthToken(db, b.tenant, "password_reset", "b-reset-spend", new Date())).toBe(
        b.owner.id,
      );
    },
    "sessions.insertSession": async () => {
      const id = await sessions.insertSession(db, a.tenant, a.owner.id, new Date());
      const live = { createdAfter: new Date(0), seenAfter: new Date(0), now: new Date() };
      expect(
        await sessions.findUserBySession(db, b.tenant, { sessionId: id, userId: a.owner.id }, live),
      ).toBeUndefined();
    },
    "sessions.findUserBySession": async () => {
      const id = await sessions.insertSession(db, b.tenant, b.owner.id, new Date());
      const live = { createdAfter: new Date(0), seenAfter: new Date(0), now: new Date() };
      // B's session and B's owner id, handed to A: A's schema has neither.
      expect(
        await sessions.findUserBySession(db, a.tenant, { sessionId: id, userId: b.owner.id }, live),
      ).toBeUndefined();
      expect((await sessions.findUserBySession(db, b.tenant, { sessionId: id, userId: b.owner.id }, live))?.id).toBe(
        b.owner.id,
      );
    },
    "sessions.deleteSession": async () => {
      const id = await sessions.insertSession(db, b.tenant, b.owner.id, new Date());
      await sessions.deleteSession(db, a.tenant, id);
      const live = { createdAfter: new Date(0), seenAfter: new Date(0), now: new Date() };
      expect(await sessions.findUserBySession(db, b.tenant, { sessionId: id, userId: b.owner.id }, live)).toBeDefined();
    },
    "sessions.deleteSessionsOfUser": async () => {
      const id = await sessions.insertSession(db, b.tenant, b.owner.id, new Date());
      await sessions.deleteSessionsOfUser(db, a.tenant, b.owner.id);
      const live = { createdAfter: new Date(0), seenAfter: new Date(0), now: new Date() };
      expect(await sessions.findUserBySession(db, b.tenant, { sessionId: id, userId: b.owner.id }, live)).toBeDefined();
    },
    "users.updateUserPassword": async () => {
      const before = (await users.findActiveUserById(db, b.tenant, b.owner.id))?.passwordHash;
      await users.updateUserPassword(db, a.tenant, b.owner.id, "not-a-hash");
      expect((await users.findActiveUserById(db, b.tenant, b.owner.id))?.passwordHash).toBe(before);
    },
    "users.markEmailVerified": async () => {
      await users.markEmailVerified(db, a.tenant, b.owner.id, new Date());
      expect((await users.findActiveUserById(db, b.tenant, b.owner.id))?.emailVerifiedAt).toBeNull();
    },
    "signInFailures.insertSignInFailure": async () => {
      const since = new Date(Date.now() - 60_000);
      const key = { email: "fail-a@example.com", ip: "192.0.2.10" };
      await signInFailures.insertSignInFailure(db, a.tenant, { ...key, createdAt: new Date() });
      expect(await signInFailures.countRecentSignInFailures(db, b.tenant, key, since)).toEqual({
        byPair: 0,
        byEmail: 0,
        byIp: 0,
      });
    },
    "signInFailures.countRecentSignInFailures": async () => {
      const since = new Date(Date.now() - 60_000);
      const key = { email: "fail-b@example.com", ip: "192.0.2.11" };
      await signInFailures.insertSignInFailure(db, b.tenant, { ...key, createdAt: new Date() });
      expect(await signInFailures.countRecentSignInFailures(db, a.tenant, key, since)).toEqual({
        byPair: 0,
        byEmail: 0,
        byIp: 0,
      });
      expect(await signInFailures.countRecentSignInFailures(db, b.tenant, key, since)).toEqual({
        byPair: 1,
        byEmail: 1,
        byIp: 1,
      });
    },
    "signInFailures.nthNewestSignInFailures": async () => {
      const since = new Date(Date.now() - 60_000);
      const key = { email: "fail-nth@example.com", ip: "192.0.2.13" };
      const limits = { perPair: 1, perEmail: 1, perIp: 1 };
      await signInFailures.insertSignInFailure(db, b.tenant, { ...key, createdAt: new Date() });
      expect(await signInFailures.nthNewestSignInFailures(db, a.tenant, key, since, limits)).toEqual({
        byPair: null,
        byEmail: null,
        byIp: null,
      });
      expect((await signInFailures.nthNewestSignInFailures(db, b.tenant, key, since, limits)).byPair).toBeInstanceOf(
        Date,
      );
    },
    "signInFailures.deleteSignInFailures": async () => {
      const since = new Date(Date.now() - 60_000);
      const key = { email: "fail-keep@example.com", ip: "192.0.2.12" };
      await signInFailures.insertSignInFailure(db, b.tenant, { ...key, createdAt: new Date() });
      await signInFailures.deleteSignInFailures(db, a.tenant, key.email);
      expect((await signInFailures.countRecentSignInFailures(db, b.tenant, key, since)).byEmail).toBe(1);
    },
    "clientInstructors.replaceInstructorsForClient": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "ci-b@example.com",
        fullName: "CI B",
        role: "client",
      });
      await clientInstructors.assignInstructor(db, b.tenant, client.id, b.owner.id);
      await clientInstructors.replaceInstructorsForClient(db, a.tenant, client.id, []);
      expect(await clientInstructors.listInstructorIdsForClient(db, b.tenant, client.id)).toEqual([b.owner.id]);
    },
    "clientInstructors.listInstructorIdsForClients": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "ci-b2@example.com",
        fullName: "CI B2",
        role: "client",
      });
      await clientInstructors.assignInstructor(db, b.tenant, client.id, b.owner.id);
      expect((await clientInstructors.listInstructorIdsForClients(db, a.tenant, [client.id])).size).toBe(0);
      expect((await clientInstructors.listInstructorIdsForClients(db, b.tenant, [client.id])).get(client.id)).toEqual([
        b.owner.id,
      ]);
    },
    "clients.listClientsPage": async () => {
      await users.insertUser(db, b.tenant, { email: "lc-b@example.com", fullName: "Listed B", role: "client" });
      const filter = { search: "Listed B", locationIds: null, assignedTo: null, limit: 25, offset: 0 };
      expect(await clients.listClientsPage(db, a.tenant, filter)).toEqual({ rows: [], total: 0 });
      expect((await clients.listClientsPage(db, b.tenant, filter)).total).toBe(1);
    },
    "clients.findClientsMatching": async () => {
      await users.insertUser(db, b.tenant, { email: "fm-b@example.com", fullName: "Matching B", role: "client" });
      const filter = { search: "Matching B", locationIds: null, assignedTo: null, limit: 25, offset: 0 };
      expect(await clients.findClientsMatching(db, a.tenant, filter)).toEqual([]);
      expect((await clients.findClientsMatching(db, b.tenant, filter)).map((row) => row.fullName)).toEqual([
        "Matching B",
      ]);
    },
    "clients.findClientById": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "fc-b@example.com",
        fullName: "Find B",
        role: "client",
      });
      expect(await clients.findClientById(db, a.tenant, client.id)).toBeUndefined();
      expect((await clients.findClientById(db, b.tenant, client.id))?.id).toBe(client.id);
    },
    "clientCards.saveClientCard": async () => {
      const card = { clientId: b.owner.id, stripeCustomerId: "cus_b", stripePaymentMethodId: "pm_b" };
      await clientCards.saveClientCard(db, b.tenant, {
        ...card,
        brand: "visa",
        last4: "4242",
        expMonth: 4,
        expYear: 2030,
      });
      expect(await clientCards.findClientCard(db, a.tenant, b.owner.id)).toBeUndefined();
    },
    "clientCards.findClientCard": async () => {
      const card = { clientId: b.owner.id, stripeCustomerId: "cus_b2", stripePaymentMethodId: "pm_b2" };
      await clientCards.saveClientCard(db, b.tenant, {
        ...card,
        brand: "visa",
        last4: "1881",
        expMonth: 1,
        expYear: 2031,
      });
      expect(await clientCards.findClientCard(db, a.tenant, b.owner.id)).toBeUndefined();
      expect((await clientCards.findClientCard(db, b.tenant, b.owner.id))?.last4).toBe("1881");
    },
    "clientCards.deleteClientCard": async () => {
      const card = { clientId: b.owner.id, stripeCustomerId: "cus_b3", stripePaymentMethodId: "pm_b3" };
      await clientCards.saveClientCard(db, b.tenant, {
        ...card,
        brand: "visa",
        last4: "0005",
        expMonth: 2,
        expYear: 2032,
      });
      expect(await clientCards.deleteClientCard(db, a.tenant, b.owner.id)).toBe(false);
      expect(await clientCards.findClientCard(db, b.tenant, b.owner.id)).toBeDefined();
    },
    "classNotes.upsertClassNote": async () => {
      const { occurrence } = await classIn(b, new Date("2032-02-02T09:00:00Z"));
      await classNotes.upsertClassNote(db, b.tenant, {
        occurrenceId: occurrence.id,
        body: "B's",
        authorId: b.owner.id,
      });
      await expect(
        classNotes.upsertClassNote(db, a.tenant, { occurrenceId: occurrence.id, body: "A's", authorId: a.owner.id }),
      ).rejects.toThrow();
      expect((await classNotes.findClassNote(db, b.tenant, occurrence.id))?.body).toBe("B's");
    },
    "classNotes.findClassNote": async () => {
      const { occurrence } = await classIn(b, new Date("2032-02-02T10:00:00Z"));
      await classNotes.upsertClassNote(db, b.tenant, {
        occurrenceId: occurrence.id,
        body: "Mats",
        authorId: b.owner.id,
      });
      expect(await classNotes.findClassNote(db, a.tenant, occurrence.id)).toBeUndefined();
      expect((await classNotes.findClassNote(db, b.tenant, occurrence.id))?.body).toBe("Mats");
    },
    "classNotes.deleteClassNote": async () => {
      const { occurrence } = await classIn(b, new Date("2032-02-02T11:00:00Z"));
      await classNotes.upsertClassNote(db, b.tenant, {
        occurrenceId: occurrence.id,
        body: "Keep",
        authorId: b.owner.id,
      });
      expect(await classNotes.deleteClassNote(db, a.tenant, occurrence.id)).toBe(false);
      expect(await classNotes.findClassNote(db, b.tenant, occurrence.id)).toBeDefined();
    },
    "clients.updateClient": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "uc-b@example.com",
        fullName: "Update B",
        role: "client",
      });
      await clients.updateClient(db, a.tenant, client.id, { fullName: "Changed by A", discountPercent: 99 });
      expect(await clients.findClientById(db, b.tenant, client.id)).toMatchObject({
        fullName: "Update B",
        discountPercent: 0,
      });
    },
    "clients.listClientBookingLocationIds": async () => {
      const { booking } = await bookingIn(b, new Date("2032-01-07T09:00:00Z"));
      expect(await clients.listClientBookingLocationIds(db, a.tenant, booking.clientId)).toEqual([]);
      expect(await clients.listClientBookingLocationIds(db, b.tenant, booking.clientId)).toEqual([booking.locationId]);
    },
    "clients.setClientLocations": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "scl-b@example.com",
        fullName: "Homes B",
        role: "client",
      });
      const values = { accessibleLocations: [a.location.id], primaryLocationId: a.location.id };
      await clients.setClientLocations(db, a.tenant, client.id, values);
      expect(await clients.findClientById(db, b.tenant, client.id)).toMatchObject({
        accessibleLocations: [],
        primaryLocationId: null,
      });
    },
    "clients.listTeachingStaff": async () => {
      const ids = (await clients.listTeachingStaff(db, a.tenant)).map((s) => s.id);
      expect(ids).toContain(a.owner.id);
      expect(ids).not.toContain(b.owner.id);
    },
    "parq.insertParqResponse": async () => {
      const client = await users.insertUser(db, a.tenant, {
        email: "pq-a@example.com",
        fullName: "PQ A",
        role: "client",
      });
      const values = {
        clientId: client.id,
        answers: [false],
        anyYes: false,
        declarationName: "PQ A",
        declaredOn: "2026-01-01",
      };
      await parq.insertParqResponse(db, a.tenant, values);
      expect(await parq.listParqResponses(db, b.tenant, client.id)).toEqual([]);
      // B's schema has no such client: the foreign key refuses a row pointing at A's client.
      await expect(parq.insertParqResponse(db, b.tenant, values)).rejects.toThrow();
    },
    "parq.listParqResponses": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "pq-b@example.com",
        fullName: "PQ B",
        role: "client",
      });
      const values = {
        clientId: client.id,
        answers: [true],
        anyYes: true,
        declarationName: "PQ B",
        declaredOn: "2026-01-01",
      };
      await parq.insertParqResponse(db, b.tenant, values);
      expect(await parq.listParqResponses(db, a.tenant, client.id)).toEqual([]);
      expect(await parq.listParqResponses(db, b.tenant, client.id)).toHaveLength(1);
    },
    "parq.findLatestParqResponse": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: "pq-b2@example.com",
        fullName: "PQ B2",
        role: "client",
      });
      const values = {
        clientId: client.id,
        answers: [true],
        anyYes: true,
        declarationName: "PQ B2",
        declaredOn: "2026-01-01",
      };
      await parq.insertParqResponse(db, b.tenant, values);
      expect(await parq.findLatestParqResponse(db, a.tenant, client.id)).toBeUndefined();
      expect((await parq.findLatestParqResponse(db, b.tenant, client.id))?.anyYes).toBe(true);
    },
    "studioSettings.findStudioSettings": async () => {
      await studioSettings.updateStudioSettings(db, b.tenant, {
        requireParqBeforeFirstBooking: true,
        receptionistRefundLimitMinor: 4242,
      });
      expect((await studioSettings.findStudioSettings(db, a.tenant)).receptionistRefundLimitMinor).not.toBe(4242);
      expect((await studioSettings.findStudioSettings(db, b.tenant)).receptionistRefundLimitMinor).toBe(4242);
    },
    "studioSettings.updateStudioSettings": async () => {
      await studioSettings.updateStudioSettings(db, a.tenant, {
        requireParqBeforeFirstBooking: true,
        receptionistRefundLimitMinor: 1234,
      });
      expect((await studioSettings.findStudioSettings(db, a.tenant)).receptionistRefundLimitMinor).toBe(1234);
      expect((await studioSettings.findStudioSettings(db, b.tenant)).receptionistRefundLimitMinor).not.toBe(1234);
    },
    "locations.listAllLocations": async () => {
      const ids = (await locations.listAllLocations(db, a.tenant)).map((l) => l.id);
      expect(ids).toContain(a.location.id);
      expect(ids).not.toContain(b.location.id);
    },
    "locations.findLocationById": async () => {
      expect((await locations.findLocationById(db, a.tenant, a.location.id))?.id).toBe(a.location.id);
      expect(await locations.findLocationById(db, a.tenant, b.location.id)).toBeUndefined();
    },
    "locations.isLocationNameTaken": async () => {
      const made = await locations.insertLocation(db, b.tenant, {
        name: "Only In B",
        timezone: "Europe/London",
        address: { line1: "3 Road", city: "London", postcode: "N3", country: "GB" },
        operatingHours: b.location.operatingHours,
      });
      expect(await locations.isLocationNameTaken(db, b.tenant, "only in b")).toBe(true);
      expect(await locations.isLocationNameTaken(db, a.tenant, "only in b")).toBe(false);
      expect(await locations.isLocationNameTaken(db, b.tenant, "Only In B", made.id)).toBe(false);
    },
    "locations.lockLocationNames": async () => {
      // Holding studio A's lock must not hold up studio B's location writes.
      await db.transaction(async (tx) => {
        await locations.lockLocationNames(tx, a.tenant);
        await db.transaction(async (other) => {
          await other.execute(sql`SET LOCAL lock_timeout = '2s'`);
          await locations.lockLocationNames(other, b.tenant);
        });
      });
    },
    "locations.updateLocation": async () => {
      expect(await locations.updateLocation(db, a.tenant, b.location.id, { name: "Hijacked" })).toBeUndefined();
      expect((await locations.findLocationById(db, b.tenant, b.location.id))?.name).toBe("Main");
    },
    "staff.findStaffById": async () => {
      expect((await staff.findStaffById(db, a.tenant, a.owner.id))?.id).toBe(a.owner.id);
      expect(await staff.findStaffById(db, a.tenant, b.owner.id)).toBeUndefined();
    },
    "staff.listStaffAt": async () => {
      for (const scope of [null, [a.location.id], [b.location.id]]) {
        const emails = (await staff.listStaffAt(db, a.tenant, scope)).map((u) => u.email);
        expect(emails).not.toContain("only-b@example.com");
      }
    },
    "staff.listBookableInstructors": async () => {
      const ids = (await staff.listBookableInstructors(db, a.tenant, null)).map((u) => u.id);
      expect(ids).toContain(a.owner.id);
      expect(ids).not.toContain(b.owner.id);
      expect((await staff.listBookableInstructors(db, a.tenant, b.location.id)).map((u) => u.id)).toEqual([]);
    },
    "staff.updateStaff": async () => {
      expect(await staff.updateStaff(db, a.tenant, b.owner.id, { fullName: "Hijacked" })).toBeUndefined();
      expect((await staff.findStaffById(db, b.tenant, b.owner.id))?.fullName).toBe("Owner Person");
    },
    "staff.lockActiveOwnerIds": async () => {
      await db.transaction(async (tx) => {
        expect(await staff.lockActiveOwnerIds(tx, a.tenant)).toEqual([a.owner.id]);
      });
    },
    "staff.addAccessibleLocation": async () => {
      await staff.addAccessibleLocation(db, a.tenant, b.owner.id, a.location.id);
      expect((await staff.findStaffById(db, b.tenant, b.owner.id))?.accessibleLocations).toEqual([b.location.id]);
    },
    "invitations.findInvitation": async () => {
      const invitee = await users.insertUser(db, b.tenant, {
        email: "invited-b@example.com",
        fullName: "Invited B",
        role: "instructor",
        status: "invited",
      });
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: invitee.id,
        purpose: "invite",
        tokenHash: "b-invite",
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await invitations.findInvitation(db, a.tenant, "b-invite", new Date())).toBeUndefined();
      expect((await invitations.findInvitation(db, b.tenant, "b-invite", new Date()))?.userId).toBe(invitee.id);
    },
    "invitations.revokeInvitations": async () => {
      const invitee = await users.insertUser(db, b.tenant, {
        email: "invited-b2@example.com",
        fullName: "Invited B2",
        role: "instructor",
        status: "invited",
      });
      await authTokens.insertAuthToken(db, b.tenant, {
        userId: invitee.id,
        purpose: "invite",
        tokenHash: "b-invite-2",
        expiresAt: new Date(Date.now() + 60_000),
      });
      await invitations.revokeInvitations(db, a.tenant, invitee.id, new Date());
      expect((await invitations.findInvitation(db, b.tenant, "b-invite-2", new Date()))?.userId).toBe(invitee.id);
    },
    "messageLog.listLoggedMessages": async () => {
      const [row] = await db
        .insert(b.tenant.t.outboxMessages)
        .values({ channel: "email", recipient: "log-b@example.com", body: "B log", template: "t" })
        .returning();
      const everything = { offset: 0, limit: 500 };
      expect((await messageLog.listLoggedMessages(db, a.tenant, null, {}, everything)).map((m) => m.id)).not.toContain(
        row!.id,
      );
      expect((await messageLog.listLoggedMessages(db, b.tenant, null, {}, everything)).map((m) => m.id)).toContain(
        row!.id,
      );
    },
    "messageLog.findLoggedMessage": async () => {
      const [row] = await db
        .insert(b.tenant.t.outboxMessages)
        .values({ channel: "email", recipient: "find-b@example.com", body: "B", template: "t" })
        .returning();
      expect(await messageLog.findLoggedMessage(db, a.tenant, null, row!.id)).toBeUndefined();
      expect((await messageLog.findLoggedMessage(db, b.tenant, null, row!.id))?.id).toBe(row!.id);
    },
    "messageLog.recordSmsDelivery": async () => {
      const values = { channel: "sms" as const, recipient: "+447700900777", body: "B", template: "t" };
      const [row] = await db
        .insert(b.tenant.t.outboxMessages)
        .values({ ...values, status: "sent", providerMessageId: "dlr-b" })
        .returning();
      const delivered = { status: "delivered" as const, deliveredAt: new Date() };
      expect(await messageLog.recordSmsDelivery(db, a.tenant, "dlr-b", delivered)).toBe(0);
      expect(await messageLog.recordSmsDelivery(db, b.tenant, "dlr-b", delivered)).toBe(1);
      expect((await messageLog.findLoggedMessage(db, b.tenant, null, row!.id))?.status).toBe("delivered");
    },
    "messageLog.findLatestBookingSms": async () => {
      const bookingId = crypto.randomUUID();
      await db.insert(b.tenant.t.outboxMessages).values({
        channel: "sms",
        recipient: "+447700900778",
        body: "B",
        template: "t",
        bookingId,
      });
      expect(await messageLog.findLatestBookingSms(db, a.tenant, "+447700900778")).toBeUndefined();
      expect((await messageLog.findLatestBookingSms(db, b.tenant, "+447700900778"))?.bookingId).toBe(bookingId);
    },
    "authTokens.consumeAuthToken": async () => {
      expect(await authTokens.consumeAuthToken(db, a.tenant, "handoff", "b-token", new Date())).toBeUndefined();
      expect(await authTokens.consumeAuthToken(db, b.tenant, "handoff", "b-token", new Date())).toBe(b.owner.id);
    },
    "waitlist.insertWaitlistEntry": async () => {
      // A's schema has no such class: an entry naming B's class is refused by the foreign key.
      const { occurrence, client } = await waitingIn(b, new Date("2033-01-03T18:00:00Z"));
      await expect(
        waitlist.insertWaitlistEntry(db, a.tenant, {
          occurrenceId: occurrence.id,
          clientId: client.id,
          createdById: client.id,
        }),
      ).rejects.toThrow();
      expect(await waitlist.countWaiting(db, b.tenant, occurrence.id)).toBe(1);
    },
    "waitlist.findWaitlistEntry": async () => {
      const { entry } = await waitingIn(b, new Date("2033-01-03T20:00:00Z"));
      expect(await waitlist.findWaitlistEntry(db, a.tenant, entry.id)).toBeUndefined();
      expect((await waitlist.findWaitlistEntry(db, b.tenant, entry.id))?.id).toBe(entry.id);
    },
    "waitlist.lockWaitlistEntry": async () => {
      const { entry } = await waitingIn(b, new Date("2033-01-04T18:00:00Z"));
      await db.transaction(async (tx) => {
        expect(await waitlist.lockWaitlistEntry(tx, a.tenant, entry.id)).toBeUndefined();
        expect((await waitlist.lockWaitlistEntry(tx, b.tenant, entry.id))?.id).toBe(entry.id);
      });
    },
    "waitlist.findWaitlistEntryByToken": async () => {
      const { entry, tokenHash } = await waitingIn(b, new Date("2033-01-04T20:00:00Z"), true);
      expect(await waitlist.findWaitlistEntryByToken(db, a.tenant, tokenHash)).toBeUndefined();
      expect((await waitlist.findWaitlistEntryByToken(db, b.tenant, tokenHash))?.id).toBe(entry.id);
    },
    "waitlist.findActiveWaitlistEntry": async () => {
      const { entry, occurrence, client } = await waitingIn(b, new Date("2033-01-05T18:00:00Z"));
      expect(await waitlist.findActiveWaitlistEntry(db, a.tenant, occurrence.id, client.id)).toBeUndefined();
      expect((await waitlist.findActiveWaitlistEntry(db, b.tenant, occurrence.id, client.id))?.id).toBe(entry.id);
    },
    "waitlist.updateWaitlistEntry": async () => {
      const { entry } = await waitingIn(b, new Date("2033-01-05T20:00:00Z"));
      expect(await waitlist.updateWaitlistEntry(db, a.tenant, entry.id, { status: "left" })).toBeUndefined();
      expect((await waitlist.findWaitlistEntry(db, b.tenant, entry.id))?.status).toBe("waiting");
    },
    "waitlist.transitionWaitlistEntry": async () => {
      const { entry } = await waitingIn(b, new Date("2033-01-06T18:00:00Z"));
      expect(
        await waitlist.transitionWaitlistEntry(db, a.tenant, entry.id, "waiting", { status: "removed" }),
      ).toBeUndefined();
      expect((await waitlist.findWaitlistEntry(db, b.tenant, entry.id))?.status).toBe("waiting");
    },
    "waitlist.listWaitlistLine": async () => {
      const { entry, occurrence } = await waitingIn(b, new Date("2033-01-06T20:00:00Z"));
      expect(await waitlist.listWaitlistLine(db, a.tenant, occurrence.id)).toEqual([]);
      expect((await waitlist.listWaitlistLine(db, b.tenant, occurrence.id)).map((r) => r.entry.id)).toEqual([entry.id]);
    },
    "waitlist.findFirstWaiting": async () => {
      const { entry, occurrence } = await waitingIn(b, new Date("2033-01-07T18:00:00Z"));
      expect(await waitlist.findFirstWaiting(db, a.tenant, occurrence.id)).toBeUndefined();
      expect((await waitlist.findFirstWaiting(db, b.tenant, occurrence.id))?.id).toBe(entry.id);
    },
    "waitlist.countWaiting": async () => {
      const { occurrence } = await waitingIn(b, new Date("2033-01-07T20:00:00Z"));
      expect(await waitlist.countWaiting(db, a.tenant, occurrence.id)).toBe(0);
      expect(await waitlist.countWaiting(db, b.tenant, occurrence.id)).toBe(1);
    },
    "waitlist.waitlistPosition": async () => {
      // B's entry is first in its line; asked in A (where nobody is ahead of anything) it is still 1,
      // and an entry of A's never counts B's line.
      const inB = await waitingIn(b, new Date("2033-01-10T18:00:00Z"));
      const later = await users.insertUser(db, b.tenant, {
        email: "second-b@example.com",
        fullName: "S",
        role: "client",
      });
      const second = await waitlist.insertWaitlistEntry(db, b.tenant, {
        occurrenceId: inB.occurrence.id,
        clientId: later.id,
        createdById: later.id,
      });
      expect(await waitlist.waitlistPosition(db, a.tenant, second)).toBe(1);
      expect(await waitlist.waitlistPosition(db, b.tenant, second)).toBe(2);
    },
    "waitlist.listClientWaitlist": async () => {
      const { entry, client } = await waitingIn(b, new Date("2033-01-10T20:00:00Z"));
      expect(await waitlist.listClientWaitlist(db, a.tenant, client.id)).toEqual([]);
      expect((await waitlist.listClientWaitlist(db, b.tenant, client.id)).map((r) => r.entry.id)).toEqual([entry.id]);
    },
    "waitlist.listDueOffers": async () => {
      const { entry } = await waitingIn(b, new Date("2033-01-11T18:00:00Z"), true);
      expect((await waitlist.listDueOffers(db, a.tenant, new Date(), 1000)).map((o) => o.id)).not.toContain(entry.id);
      expect((await waitlist.listDueOffers(db, b.tenant, new Date(), 1000)).map((o) => o.id)).toContain(entry.id);
    },
    "waitlist.listOccurrencesToFill": async () => {
      const { occurrence } = await waitingIn(b, new Date("2033-01-11T20:00:00Z"));
      const until = new Date("2033-01-12T00:00:00Z");
      expect(await waitlist.listOccurrencesToFill(db, a.tenant, until, 1000)).not.toContain(occurrence.id);
      expect(await waitlist.listOccurrencesToFill(db, b.tenant, until, 1000)).toContain(occurrence.id);
    },
    "waitlist.lockActiveEntries": async () => {
      const { entry, occurrence } = await waitingIn(b, new Date("2033-01-12T18:00:00Z"));
      await db.transaction(async (tx) => {
        expect(await waitlist.lockActiveEntries(tx, a.tenant, occurrence.id)).toEqual([]);
        expect((await waitlist.lockActiveEntries(tx, b.tenant, occurrence.id)).map((e) => e.id)).toEqual([entry.id]);
      });
    },
    "waitlist.lockWaitlistOf": async () => {
      // The lock is the studio's: B holding it for a class id does not hold up A with the same id.
      const { occurrence } = await waitingIn(b, new Date("2033-01-12T20:00:00Z"));
      await db.transaction(async (held) => {
        await waitlist.lockWaitlistOf(held, b.tenant, occurrence.id);
        await db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL lock_timeout = '2s'`);
          await waitlist.lockWaitlistOf(tx, a.tenant, occurrence.id);
        });
        await expect(
          db.transaction(async (tx) => {
            await tx.execute(sql`SET LOCAL lock_timeout = '100ms'`);
            await waitlist.lockWaitlistOf(tx, b.tenant, occurrence.id);
          }),
        ).rejects.toMatchObject({ cause: { code: "55P03" } }); // lock_not_available
      });
    },
    "waitlist.listWaitlistHistory": async () => {
      const { entry, occurrence } = await waitingIn(b, new Date("2033-01-13T18:00:00Z"));
      await waitlist.updateWaitlistEntry(db, b.tenant, entry.id, { status: "left" });
      expect(await waitlist.listWaitlistHistory(db, a.tenant, occurrence.id, 10)).toEqual([]);
      expect((await waitlist.listWaitlistHistory(db, b.tenant, occurrence.id, 10)).map((r) => r.entry.id)).toEqual([
        entry.id,
      ]);
    },
    "waitlist.ACTIVE_WAITLIST_STATUSES": async () => {
      // A constant, not a query: it names the statuses of entries still in line.
      expect(waitlist.ACTIVE_WAITLIST_STATUSES).toEqual(["waiting", "offered"]);
    },
    "churn.findChurnRisks": async () => {
      const { client } = await creditsIn(b);
      const criteria = () => ({
        locationIds: [b.location.id],
        inactiveDays: 30,
        creditExpiryDays: 31,
        studioZone: "Europe/London",
        limit: 1000,
      });
      expect(await churn.findChurnRisks(db, a.tenant, new Date(), criteria())).toEqual({ rows: [], total: 0 });
      const inB = await churn.findChurnRisks(db, b.tenant, new Date(), criteria());
      expect(inB.rows.find((r) => r.clientId === client.id)).toMatchObject({ expiringCredits: 5 });
    },
    "paymentReport.paymentTotals": async () => {
      const { period } = await paidIn(b);
      expect(await paymentReport.paymentTotals(db, a.tenant, period)).toEqual({
        taken: [{ method: null, count: 0, takenMinor: 0, feesMinor: 0 }],
        refunded: [{ method: null, count: 0, refundedMinor: 0 }],
      });
      const inB = await paymentReport.paymentTotals(db, b.tenant, period);
      expect(inB.taken.find((r) => r.method === null)?.takenMinor).toBeGreaterThanOrEqual(1000);
    },
    "paymentReport.listPaymentsInPeriod": async () => {
      const { payment, period } = await paidIn(b);
      expect(await paymentReport.listPaymentsInPeriod(db, a.tenant, period, 10)).toEqual([]);
      const inB = await paymentReport.listPaymentsInPeriod(db, b.tenant, period, 1000);
      expect(inB.map((p) => p.id)).toContain(payment.id);
    },
    "paymentReport.exportLinesPage": async () => {
      const { payment, period } = await paidIn(b);
      expect(await paymentReport.exportLinesPage(db, a.tenant, period, null, 10)).toEqual([]);
      const inB = await paymentReport.exportLinesPage(db, b.tenant, period, null, 1000);
      expect(inB.filter((l) => l.paymentId === payment.id).map((l) => l.kind)).toEqual(["payment", "refund"]);
    },
    // Every reader of the studio's full export, read from the start in one page, shows A none of B's ids.
    ...Object.fromEntries(
      Object.entries(studioExport).map(([name, read]) => [
        `studioExport.${name}`,
        async () => {
          const { booking, payment } = await exportRowsInB();
          const inA = JSON.stringify(await read(db, a.tenant, null, 100_000));
          for (const id of [b.owner.id, b.location.id, booking.id, payment.id]) expect(inA).not.toContain(id);
          expect(JSON.stringify(await studioExport.listExportBookings(db, b.tenant, null, 100_000))).toContain(
            booking.id,
          );
        },
      ]),
    ),
    "instructorReport.REBOOK_WINDOW_DAYS": async () => {
      // A constant, not a query: how long after a visit a booking counts as coming back.
      expect(instructorReport.REBOOK_WINDOW_DAYS).toBe(30);
    },
    "instructorReport.listInstructorFigures": async () => {
      const { places, choice } = await visitIn(b, "2003-03-05T10:00:00Z");
      expect(await instructorReport.listInstructorFigures(db, a.tenant, places, choice, new Date())).toEqual([]);
      const inB = await instructorReport.listInstructorFigures(db, b.tenant, places, choice, new Date());
      expect(inB).toMatchObject([{ instructorId: b.owner.id, attended: 1, classes: 1 }]);
    },
    "activeClients.countActiveClients": async () => {
      const { places, choice } = await visitIn(b, "2003-04-05T10:00:00Z");
      expect(await activeClients.countActiveClients(db, a.tenant, places, choice, new Date())).toEqual({
        byLocation: new Map(),
        total: 0,
      });
      const inB = await activeClients.countActiveClients(db, b.tenant, places, choice, new Date());
      expect(inB.total).toBe(1);
    },
    "revenueReport.REVENUE_GROUPINGS": async () => {
      // A constant, not a query: the groupings the revenue report offers.
      expect(revenueReport.REVENUE_GROUPINGS).toEqual(["location", "service", "instructor"]);
    },
    "revenueReport.UNLOCATED_LABEL": async () => {
      // A constant, not a query: the name of the money that belongs to no location.
      expect(revenueReport.UNLOCATED_LABEL).toBe("Studio-wide (online)");
    },
    "revenueReport.revenueByGroup": async () => {
      await paidIn(b);
      const empty = await revenueReport.revenueByGroup(db, a.tenant, wholeStudio, aroundToday(), "service");
      expect(empty.groups).toEqual([]);
      expect(empty.total.takenMinor).toBe(0);
      const inB = await revenueReport.revenueByGroup(db, b.tenant, wholeStudio, aroundToday(), "service");
      expect(inB.total.takenMinor).toBeGreaterThanOrEqual(1000);
    },
    "revenueReport.revenueOverTime": async () => {
      const net = async (studio: Studio) =>
        (await revenueReport.revenueOverTime(db, studio.tenant, wholeStudio, aroundToday(), "day")).reduce(
          (sum, d) => sum + d.netMinor,
          0,
        );
      const [inA, inB] = [await net(a), await net(b)];
      await paidIn(b);
      expect(await net(a)).toBe(inA);
      // paidIn takes £10.00 and refunds £4.00.
      expect(await net(b)).toBe(inB + 600);
    },
    "reportPeriods.DASHBOARD_PERIODS": async () => {
      // A constant, not a query: the dashboard's periods.
      expect(reportPeriods.DASHBOARD_PERIODS).toEqual(["today", "week", "month"]);
    },
    "reportPeriods.withPeriods": async () => {
      // Builds SQL over the places it is given, never a studio's tables: nothing to mix.
      const rows = await db.execute(sql`${reportPeriods.withPeriods(wholeStudio, { kind: "days", ...aroundToday() })}
        SELECT count(*)::int AS n FROM periods`);
      expect(rows[0]).toEqual({ n: 1 });
    },
    "reportFigures.periodFigures": async () => {
      const before = await reportFigures.periodFigures(
        db,
        a.tenant,
        wholeStudio,
        { kind: "days", ...aroundToday() },
        new Date(),
      );
      await paidIn(b);
      const after = await reportFigures.periodFigures(
        db,
        a.tenant,
        wholeStudio,
        { kind: "days", ...aroundToday() },
        new Date(),
      );
      expect(after).toEqual(before);
      const inB = await reportFigures.periodFigures(
        db,
        b.tenant,
        wholeStudio,
        { kind: "days", ...aroundToday() },
        new Date(),
      );
      expect(inB[0]?.takenMinor).toBeGreaterThanOrEqual(1000);
    },
    "creditLiability.creditLiability": async () => {
      const client = await users.insertUser(db, b.tenant, {
        email: `holder-${crypto.randomUUID().slice(0, 8)}@example.com`,
        fullName: "Holder",
        role: "client",
      });
      const grant = await credits.insertCreditGrant(db, b.tenant, {
        clientId: client.id,
        packageId: null,
        name: "Gift",
        locationIds: [],
        serviceIds: [],
        expiresAt: new Date(Date.now() + 10 * 24 * hour),
      });
      await credits.insertLedgerEntries(db, b.tenant, [
        {
          clientId: client.id,
          grantId: grant.id,
          bookingId: null,
          delta: 2,
          kind: "grant",
          reason: "g",
          actorId: null,
        },
      ]);
      const inA = await creditLiability.creditLiability(db, a.tenant, aroundToday(), "Europe/London", null, new Date());
      expect(inA.packages).toEqual([]);
      const inB = await creditLiability.creditLiability(db, b.tenant, aroundToday(), "Europe/London", null, new Date());
      expect(inB.total.credits).toBeGreaterThanOrEqual(2);
    },
    "paymentSummary.paymentTotalsByMethod": async () => {
      await paidIn(b);
      const inA = await paymentSummary.paymentTotalsByMethod(db, a.tenant, wholeStudio, aroundToday());
      expect(inA).toEqual([{ method: null, payments: 0, takenMinor: 0, feesMinor: 0, refunds: 0, refundedMinor: 0 }]);
      const inB = await paymentSummary.paymentTotalsByMethod(db, b.tenant, wholeStudio, aroundToday());
      expect(inB.find((m) => m.method === "cash")?.takenMinor).toBeGreaterThanOrEqual(1000);
    },
    "paymentSummary.paymentTotalsByDay": async () => {
      await paidIn(b);
      expect(await paymentSummary.paymentTotalsByDay(db, a.tenant, wholeStudio, aroundToday())).toEqual([]);
      expect(await paymentSummary.paymentTotalsByDay(db, b.tenant, wholeStudio, aroundToday())).not.toEqual([]);
    },
    "paymentSummary.moneyLinesPage": async () => {
      const { payment } = await paidIn(b);
      expect(await paymentSummary.moneyLinesPage(db, a.tenant, wholeStudio, aroundToday(), null, 10)).toEqual([]);
      const inB = await paymentSummary.moneyLinesPage(db, b.tenant, wholeStudio, aroundToday(), null, 1000);
      expect(inB.filter((l) => l.paymentId === payment.id).map((l) => l.kind)).toEqual(["payment", "refund"]);
    },
  };

  /** The money of no location, on London's clock: what `paidIn` takes. */
  const wholeStudio = { locations: [], includeUnlocated: true, studioZone: "Europe/London" };
  /** Yesterday to tomorrow in London, around `paidIn`'s payment. */
  function aroundToday() {
    const day = (offset: number) =>
      new Date(Date.now() + offset * 24 * hour).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
    return { from: day(-1), to: day(1) };
  }

  /** A client who came to a class of `studio` at `at`, and that month at its location: what the people reports count. */
  async function visitIn(studio: Studio, at: string) {
    const { booking } = await bookingIn(studio, new Date(at));
    await db.execute(sql`UPDATE ${studio.tenant.t.bookings} SET status = 'completed' WHERE id = ${booking.id}`);
    const month = at.slice(0, 7);
    return {
      places: {
        locations: [{ id: studio.location.id, timezone: "Europe/London" }],
        includeUnlocated: true,
        studioZone: "UTC",
      },
      choice: { kind: "days" as const, from: `${month}-01`, to: `${month}-28` },
    };
  }

  /** A booking and a payment in B, made once for every export reader's check (the instructor's time is taken once). */
  let rowsInB: Promise<{ booking: { id: string }; payment: { id: string } }> | undefined;
  function exportRowsInB() {
    rowsInB ??= (async () => ({
      booking: (await bookingIn(b, new Date("2033-02-07T09:00:00Z"))).booking,
      payment: (await paidIn(b)).payment,
    }))();
    return rowsInB;
  }

  /** A client of `studio` waiting for a place in a class there; `offered` gives them a due offer. */
  async function waitingIn(studio: Studio, startsAt: Date, offered = false) {
    const { occurrence } = await classIn(studio, startsAt);
    const client = await users.insertUser(db, studio.tenant, {
      email: `waiting-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: "Waiting Client",
      role: "client",
    });
    const inserted = await waitlist.insertWaitlistEntry(db, studio.tenant, {
      occurrenceId: occurrence.id,
      clientId: client.id,
      createdById: client.id,
    });
    const tokenHash = `wl-${crypto.randomUUID()}`;
    const entry = offered
      ? await waitlist.updateWaitlistEntry(db, studio.tenant, inserted.id, {
          status: "offered",
          offeredAt: new Date(Date.now() - 2 * hour),
          offerExpiresAt: new Date(Date.now() - hour),
          offerTokenHash: tokenHash,
        })
      : inserted;
    return { occurrence, client, entry: entry!, tokenHash };
  }

  /** A delivery job of this studio that failed for good. */
  async function failedJobIn(studio: typeof b) {
    const job = await db.transaction(async (tx) => {
      const { id: messageId } = await outbox.insertOutboxMessage(tx, studio.tenant, {
        channel: "email",
        recipient: "j@example.com",
        subject: "Hi",
        body: "job",
        template: "t",
      });
      return enqueue(tx, DELIVER_MESSAGE, { studioId: studio.tenant.studio.id, messageId, note: "isolation" });
    });
    await db.execute(sql`UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE id = ${job}`);
    return job;
  }

  test("every tenant model function is covered here", () => {
    const exported = Object.entries(TENANT_MODELS).flatMap(([module, fns]) =>
      Object.keys(fns).map((name) => `${module}.${name}`),
    );
    expect(Object.keys(checks).sort()).toEqual(exported.sort());
  });

  test("every model file is listed (a new one must be added above)", () => {
    const files = Object.keys(import.meta.glob("./*.server.ts"))
      .map((file) => file.replace("./", ""))
      .filter((file) => !CONTROL_MODELS.includes(file));
    expect(files.length).toBe(Object.keys(TENANT_MODELS).length);
  });

  test.each(Object.keys(checks))("%s", async (name) => {
    await checks[name]!();
  });
});
