import { DateTime } from "luxon";
import {
  findBooking,
  insertBooking,
  lockBooking,
  lockLiveBookingsForOccurrences,
  type NewBooking,
  type ShownBooking,
  updateBooking,
} from "~/models/booking.server";
import type { BookingNoticeFacts } from "~/models/booking-notice.server";
import { listInstructorIdsForClient } from "~/models/client-instructor.server";
import { deleteCommitmentForBooking, insertCommitment } from "~/models/commitment.server";
import { insertDomainEvents, type NewDomainEvent } from "~/models/domain-event.server";
import { claimIdempotencyKey, findIdempotencyResult, saveIdempotencyResult } from "~/models/idempotency.server";
import { findOccurrence, lockOccurrence } from "~/models/occurrence.server";
import { findService } from "~/models/service.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { countWaiting } from "~/models/waitlist.server";
import { refundCredits, spendCredits } from "~/services/credits/ledger.server";
import { emailRequirementMet } from "~/services/identity/email-verification.server";
import { requireVisibleClient } from "~/services/people/client.server";
import { parqRequirementMet } from "~/services/people/parq.server";
import { availableSlots } from "~/services/schedule/availability.server";
import { openingHoursOn } from "~/services/schedule/opening-hours";
import { clientLimitsPassed, type HoursOverride } from "~/services/schedule/slots";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { isCheckViolation, isExclusionViolation, isRetryable, isUniqueViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Booking, BookingMethod, Location, Occurrence, Service, StudioSettings, User } from "~db/schema/tenant";
import {
  describeOverride,
  mayBookPastHours,
  OVERRIDE_CODES,
  type OverrideContext,
  overrideRefusalMessage,
} from "./hours-override";
import { queueBookingNotices } from "./notices.server";
import {
  bookingMethodFor,
  bookingVisibleTo,
  cancellationTerms,
  canUserBook,
  confirmationTerms,
  initialStatus,
  mayBookOwn,
  paysWithCredits,
  rescheduleTerms,
  staffMayBook,
  undoTerms,
} from "./rules";
import { shownFromNoticeFacts } from "./views.server";
import { signalFreedPlaces } from "./waitlist-signal.server";

/**
 * The booking engine: 1:1 sessions and places in classes, cancelling and moving them. The
 * database holds the invariants (instructor time by exclusion constraint, class capacity and
 * credits by checks kept by triggers, one booking per client per class by a unique index), so
 * each write is one transaction that either fully happens or is refused with a reason.
 */

/** A form or API call's one-time key, and the clock (tests move it). */
export type Submission = { idempotencyKey?: string; now?: Date };
export type BookingOutcome = {
  booking: Booking;
  replayed: boolean;
  /** The new booking with its names, as its messages read them in its transaction: no read to answer with it. */
  shown?: ShownBooking;
};

export type SessionRequest = {
  serviceId: string;
  locationId: string;
  startsAt: Date;
  /** Omitted: any instructor free at that time. */
  instructorId?: string;
  /** Staff booking for a client; omitted, the actor books themselves. */
  clientId?: string;
  notes?: string;
  /** Published hours an owner or manager confirmed booking past. */
  override?: HoursOverride[];
};

export type ClassRequest = {
  occurrenceId: string;
  spots?: number;
  clientId?: string;
  notes?: string;
  /** Set only by the waitlist domain: this is the place offered to (or booked for) the next in line. */
  viaWaitlist?: boolean;
};

const SLOT_TAKEN = "Sorry, that time has just been taken. Please pick another.";
const CLASS_FULL = "Sorry, this class is full.";

/**
 * Who the booking is for: the client named, or the actor themselves, which a client and (of the
 * staff, per the matrix's "create own booking") the owner may be.
 */
async function resolveClient(tenant: Tenant, actor: User, clientId: string | undefined) {
  if (!clientId || clientId === actor.id) {
    if (actor.role !== "client" && !mayBookOwn(actor)) throw new Forbidden("Choose the client this booking is for.");
    return actor;
  }
  const { client } = await requireVisibleClient(tenant, actor, clientId);
  if (client.status !== "active") throw new Refused(409, "CLIENT_INACTIVE", "This client's account is not active.");
  return client;
}

/** The refusals of the spec's canUserBook for a self-booking, or the matrix for staff. */
async function assertMayBook(
  tenant: Tenant,
  actor: User,
  client: User,
  method: BookingMethod,
  service: Service,
  locationId: string,
  settings: StudioSettings,
  slotAllowsSelfBooking?: boolean,
) {
  if (method === "self_booked") {
    const verdict = canUserBook({
      client,
      service,
      slotAllowsSelfBooking,
      parqMet: await parqRequirementMet(tenant, client.id, settings),
      emailMet: emailRequirementMet(client, settings),
    });
    if (!verdict.allowed) throw new Refused(403, verdict.code, verdict.message);
    return;
  }
  if (!staffMayBook(actor, method, service, locationId))
    throw new Forbidden("Your account cannot book this service for a client here.");
}

/**
 * The earlier result of a repeated submission, if this key was used before. A key first used
 * for another action (a cancel's key sent with a booking) is not a repeat: refused, never
 * answered with that other action's booking as if this one had happened.
 */
async function replay(
  tenant: Tenant,
  actor: User,
  key: string | undefined,
  action: string,
): Promise<BookingOutcome | null> {
  if (!key) return null;
  const db = database();
  const previous = await findIdempotencyResult(db, tenant, actor.id, key);
  if (previous && previous.action !== action)
    throw new Refused(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This form was already used for something else. Please reload the page.",
    );
  const bookingId = previous?.result.bookingId;
  if (typeof bookingId !== "string") return null;
  const booking = await findBooking(db, tenant, bookingId);
  return booking ? { booking, replayed: true } : null;
}

/**
 * Work another domain does inside a booking's own transaction, so both happen or neither:
 * `before` the write (a waitlist offer giving back the place it held), `after` it (a booking
 * request marked accepted with the booking). A refusal thrown by either rolls everything back.
 */
export type BookingHooks = {
  before?: (tx: Executor) => Promise<void>;
  after?: (tx: Executor, booking: Booking) => Promise<void>;
};

/** Thrown inside a transaction when its key was claimed meanwhile: roll back, show the first result. */
class Duplicate extends Error {}

/**
 * Runs a write under the submission's one-time key: a racing repeat waits for the first to
 * commit and then returns its result. (Callers look for an earlier result first, with `replay`,
 * before planning: a repeat must not be refused because its own booking took the slot.)
 */
async function once(
  tenant: Tenant,
  actor: User,
  action: string,
  submission: Submission,
  work: (tx: Executor) => Promise<Booking>,
): Promise<BookingOutcome> {
  const key = submission.idempotencyKey;
  try {
    const booking = await database().transaction(async (tx) => {
      if (key && !(await claimIdempotencyKey(tx, tenant, { userId: actor.id, key, action }))) throw new Duplicate();
      const booking = await work(tx);
      if (key) await saveIdempotencyResult(tx, tenant, actor.id, key, { bookingId: booking.id });
      return booking;
    });
    return { booking, replayed: false };
  } catch (error) {
    if (error instanceof Duplicate) {
      const first = await replay(tenant, actor, key, action);
      if (first) return first;
      throw new Refused(409, "DUPLICATE_SUBMISSION", "This form was already sent. Please reload the page.");
    }
    if (isRetryable(error)) throw new Refused(409, "TRY_AGAIN", "The studio is busy; please try again.");
    throw error;
  }
}

/** A new booking's outcome with how it is shown, when its messages' facts carry that. */
function withShown(outcome: BookingOutcome, facts: BookingNoticeFacts | undefined): BookingOutcome {
  const shown = !outcome.replayed && facts ? shownFromNoticeFacts(facts) : undefined;
  return shown ? { ...outcome, shown } : outcome;
}

function bookedEvent(booking: Booking): NewDomainEvent {
  return {
    type: "booking.booked",
    bookingId: booking.id,
    occurrenceId: booking.occurrenceId,
    payload: eventPayload(booking),
  };
}

function eventPayload(booking: Booking) {
  return {
    clientId: booking.clientId,
    instructorId: booking.instructorId,
    serviceId: booking.serviceId,
    locationId: booking.locationId,
    occurrenceId: booking.occurrenceId,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    spots: booking.spotsBooked,
    status: booking.status,
    method: booking.bookingMethod,
    staffOverrides: booking.staffOverrides,
  };
}

/** What a cancellation frees: a class's places or an instructor's hour, for waitlists to offer. */
function freedEvent(booking: Booking): NewDomainEvent {
  return booking.occurrenceId
    ? {
        type: "occurrence.spot_freed",
        bookingId: booking.id,
        occurrenceId: booking.occurrenceId,
        payload: { spots: booking.spotsBooked, startsAt: booking.startsAt.toISOString() },
      }
    : {
        type: "session.slot_freed",
        bookingId: booking.id,
        occurrenceId: null,
        payload: {
          instructorId: booking.instructorId,
          locationId: booking.locationId,
          startsAt: booking.startsAt.toISOString(),
          endsAt: booking.endsAt.toISOString(),
        },
      };
}

// ---------------------------------------------------------------------------------------------
// 1:1 sessions

type SessionPlan = {
  client: User;
  service: Service;
  location: Location;
  method: BookingMethod;
  /** Instructors free at that start, in the order to try them. */
  instructorIds: string[];
  /** What staff booked past: the client's notice or advance window, published hours. */
  staffOverrides: string[];
};

/**
 * Checks a session request against the slot engine (hours, notice, journeys, what is already
 * booked) and the booking rules. The database still has the last word on overlaps. Staff
 * booking for a client are not held to the client's notice and advance window; owners and
 * managers may also book past published hours they name in `override`. A move leaves the
 * booking it moves out of the instructor's commitments (`excludeBookingId`).
 */
async function planSession(
  tenant: Tenant,
  actor: User,
  request: SessionRequest,
  now: Date,
  options: { excludeBookingId?: string } = {},
): Promise<SessionPlan> {
  const forStaff = request.clientId !== undefined && request.clientId !== actor.id;
  const pastHours = forStaff && mayBookPastHours(actor);
  const override = request.override ?? [];
  if (override.length > 0 && !pastHours)
    throw new Forbidden("Only an owner or a location manager can book outside published hours.");
  // The slot engine also checks that the location is open and offers this session.
  const [client, day] = await Promise.all([
    resolveClient(tenant, actor, request.clientId),
    availableSlots(
      tenant,
      {
        serviceId: request.serviceId,
        locationId: request.locationId,
        instant: request.startsAt,
        instructorId: request.instructorId,
        excludeBookingId: options.excludeBookingId,
        forStaff,
        pastHours,
      },
      now,
    ),
  ]);
  const { service, location, settings } = day;
  const at = request.startsAt.getTime();
  const published = day.instructors.flatMap((person) => {
    const slot = person.slots.find((s) => s.startsAt.getTime() === at);
    return slot ? [{ id: person.id, allowsSelfBooking: slot.allowsSelfBooking, outside: [] as HoursOverride[] }] : [];
  });
  const free = published.length > 0 ? published : pastPublishedHours(day, at, override, location);
  const method = bookingMethodFor(actor, client.id, request.instructorId ?? free[0]?.id ?? "");
  if (free.length === 0) {
    await assertMayBook(tenant, actor, client, method, service, location.id, settings);
    throw new Refused(409, "SLOT_UNAVAILABLE", "That time is not available. Please pick another.");
  }
  // A client asking for "anyone" gets the instructors who take self-bookings then, unless VIP.
  const open = free.filter((f) => f.allowsSelfBooking);
  const candidates = method === "self_booked" && client.bookingPermissions !== "vip" && open.length ? open : free;
  await assertMayBook(
    tenant,
    actor,
    client,
    method,
    service,
    location.id,
    settings,
    candidates.some((c) => c.allowsSelfBooking),
  );
  const staffOverrides = forStaff
    ? [
        ...clientLimitsPassed(request.startsAt, { timezone: location.timezone, now, ...settings }),
        ...(candidates[0]?.outside ?? []),
      ]
    : [];
  return { client, service, location, method, instructorIds: candidates.map((c) => c.id), staffOverrides };
}

/**
 * The instructors free at `at` outside published hours, when everything it overrides was
 * confirmed; a 409 naming what it would override when not. Empty when nobody is free then.
 */
function pastPublishedHours(
  day: Awaited<ReturnType<typeof availableSlots>>,
  at: number,
  override: readonly HoursOverride[],
  location: Location,
) {
  const free = day.instructors.flatMap((person) => {
    const start = person.offHours.find((s) => s.startsAt.getTime() === at);
    return start ? [{ id: person.id, allowsSelfBooking: false, outside: start.outside, person }] : [];
  });
  const confirmed = free.filter((f) => f.outside.every((kind) => override.includes(kind)));
  const first = free[0];
  if (confirmed.length > 0 || !first) return confirmed;
  const weekday = DateTime.fromMillis(at, { zone: location.timezone }).toFormat("ccc");
  const context: OverrideContext = {
    weekday,
    instructorName: first.person.fullName,
    instructorHours: first.person.publishedHours,
    locationName: location.name,
    opening: openingHoursOn(location, day.date),
  };
  const code = OVERRIDE_CODES[first.outside[0] as HoursOverride];
  throw new Refused(
    409,
    code,
    overrideRefusalMessage(
      first.outside.map((kind) => describeOverride(kind, context)),
      true,
    ),
  );
}

/**
 * `hold`: the place or time is taken as `awaiting_payment` and no credit is spent; the client
 * pays online and `confirmHeldBooking` or `releaseHeldBooking` ends the hold.
 */
type WriteOptions = Pick<NewBooking, "rescheduledFromId"> & { hold?: boolean };

/** Writes the session booking with the first candidate instructor whose time is still free. */
async function writeSession(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  plan: SessionPlan,
  request: SessionRequest,
  { hold = false, ...extra }: WriteOptions = {},
): Promise<Booking> {
  const endsAt = new Date(request.startsAt.getTime() + plan.service.durationMinutes * 60_000);
  const write = async (x: Executor, instructorId: string) => {
    const method = plan.method === "self_booked" ? plan.method : bookingMethodFor(actor, plan.client.id, instructorId);
    const booking = await insertBooking(x, tenant, {
      clientId: plan.client.id,
      serviceId: plan.service.id,
      instructorId,
      locationId: plan.location.id,
      occurrenceId: null,
      startsAt: request.startsAt,
      endsAt,
      status: hold ? "awaiting_payment" : initialStatus(method, plan.service.bookingMode),
      bookingMethod: method,
      spotsBooked: 1,
      notes: request.notes ?? null,
      createdById: actor.id,
      staffOverrides: plan.staffOverrides,
      ...extra,
    });
    await insertCommitment(x, tenant, {
      instructorId,
      locationId: plan.location.id,
      startsAt: request.startsAt,
      endsAt,
      occurrenceId: null,
      bookingId: booking.id,
    });
    return booking;
  };
  const candidates = plan.instructorIds;
  for (const [index, instructorId] of candidates.entries()) {
    const last = index === candidates.length - 1;
    let booking: Booking;
    try {
      // Only a refusal we would recover from (another instructor to try) needs a savepoint;
      // the last one aborts the transaction, which is then rolled back anyway.
      booking = last
        ? await write(tx, instructorId)
        : await tx.transaction((savepoint) => write(savepoint, instructorId));
    } catch (error) {
      // Taken since planning: overlapped, or now too close to another commitment for the buffer
      // or the journey (the database checks both again under the instructor's lock).
      if (!isExclusionViolation(error)) throw error;
      if (last) break;
      continue;
    }
    if (!hold && paysWithCredits(plan.service, plan.client))
      await spendCredits(tx, tenant, {
        clientId: plan.client.id,
        bookingId: booking.id,
        locationId: plan.location.id,
        serviceId: plan.service.id,
        spots: 1,
        at: booking.startsAt,
        actorId: actor.id,
        reason: `Booked ${plan.service.name}`,
      });
    return booking;
  }
  throw new Refused(409, "SLOT_TAKEN", SLOT_TAKEN);
}

/**
 * The owner booking a session for themselves trains with someone else: asking for themselves is
 * refused, and "anyone" leaves them out.
 */
function notTheirOwnInstructor(plan: SessionPlan): SessionPlan {
  const instructorIds = plan.instructorIds.filter((id) => id !== plan.client.id);
  if (instructorIds.length === 0)
    throw new Refused(409, "OWN_INSTRUCTOR", "You can't book a session with yourself. Choose another instructor.");
  return { ...plan, instructorIds };
}

/** Books a 1:1 session: a client for themselves, staff for a client, or the owner for themselves. */
export async function bookSession(
  tenant: Tenant,
  actor: User,
  request: SessionRequest,
  submission: Submission = {},
  hooks: BookingHooks = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "book");
  if (earlier) return earlier;
  const plan = notTheirOwnInstructor(await planSession(tenant, actor, request, now));
  let facts: BookingNoticeFacts | undefined;
  const outcome = await once(tenant, actor, "book", submission, async (tx) => {
    await hooks.before?.(tx);
    const booking = await writeSession(tx, tenant, actor, plan, request);
    await insertDomainEvents(tx, tenant, [bookedEvent(booking)]);
    facts = await queueBookingNotices(tx, tenant, booking.id, { kind: "booked" }, now);
    await hooks.after?.(tx, booking);
    return booking;
  });
  return withShown(outcome, facts);
}

// ---------------------------------------------------------------------------------------------
// Classes

type ClassPlan = { client: User; service: Service; occurrence: Occurrence; method: BookingMethod; spots: number };

async function planClass(tenant: Tenant, actor: User, request: ClassRequest, now: Date): Promise<ClassPlan> {
  const db = database();
  const [client, occurrence, settings] = await Promise.all([
    resolveClient(tenant, actor, request.clientId),
    findOccurrence(db, tenant, request.occurrenceId),
    findStudioSettings(db, tenant),
  ]);
  if (!occurrence) throw new NotFound("There is no such class.");
  const service = await findService(db, tenant, occurrence.serviceId);
  if (!service || service.archivedAt) throw new NotFound("There is no such class.");
  if (occurrence.status === "cancelled") throw new Refused(409, "CLASS_CANCELLED", "This class is cancelled.");
  if (occurrence.startsAt.getTime() <= now.getTime())
    throw new Refused(409, "CLASS_STARTED", "This class has already started.");
  const spots = request.spots ?? 1;
  if (!Number.isInteger(spots) || spots < 1 || spots > settings.maxSpotsPerBooking)
    throw new Refused(
      400,
      "TOO_MANY_SPOTS",
      settings.maxSpotsPerBooking === 1
        ? "One booking is for one place."
        : `Book between 1 and ${settings.maxSpotsPerBooking} places.`,
    );
  const method = bookingMethodFor(actor, client.id, occurrence.instructorId);
  await assertMayBook(tenant, actor, client, method, service, occurrence.locationId, settings);
  if (method === "self_booked" && !request.viaWaitlist) await assertNoOneWaiting(tenant, occurrence, settings, now);
  return { client, service, occurrence, method, spots };
}

/**
 * A place freed in a class with people waiting is theirs first: until the waitlist's offers stop
 * (the studio's cut-off before the start), a client booking directly is told to join the line,
 * even in the moment between a cancellation and its offer. Staff booking for a client may still
 * give them a free place.
 */
async function assertNoOneWaiting(tenant: Tenant, occurrence: Occurrence, settings: StudioSettings, now: Date) {
  const offersStop = occurrence.startsAt.getTime() - settings.waitlistCutoffMinutes * 60_000;
  if (now.getTime() >= offersStop) return;
  if ((await countWaiting(database(), tenant, occurrence.id)) > 0)
    throw new Refused(409, "CLASS_FULL", "This class is full: others are waiting for a place. Join the waitlist.");
}

async function writeClass(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  plan: ClassPlan,
  notes: string | undefined,
  { hold = false, ...extra }: WriteOptions = {},
): Promise<Booking> {
  const { occurrence, service } = plan;
  let booking: Booking;
  try {
    // No savepoint: a refusal here ends the transaction, which is rolled back.
    booking = await insertBooking(tx, tenant, {
      clientId: plan.client.id,
      serviceId: service.id,
      instructorId: occurrence.instructorId,
      locationId: occurrence.locationId,
      occurrenceId: occurrence.id,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      status: hold ? "awaiting_payment" : initialStatus(plan.method, service.bookingMode),
      bookingMethod: plan.method,
      spotsBooked: plan.spots,
      notes: notes ?? null,
      createdById: actor.id,
      ...extra,
    });
  } catch (error) {
    if (
      isCheckViolation(error, "occurrences_not_overbooked") ||
      isCheckViolation(error, "occurrences_offers_within_capacity")
    )
      throw new Refused(409, "CLASS_FULL", CLASS_FULL);
    if (isUniqueViolation(error, "bookings_one_per_client_occurrence"))
      throw new Refused(409, "ALREADY_BOOKED", "You already have a place in this class.");
    throw error;
  }
  // The place was counted on the class's row, which this transaction now holds: read it as it
  // is. Changed since the plan was read (moved, covered, cancelled), the booking would carry the
  // old time or instructor, so the client is asked to look again instead.
  const current = await lockOccurrence(tx, tenant, occurrence.id, "no key update");
  if (
    current?.status !== "scheduled" ||
    current.startsAt.getTime() !== occurrence.startsAt.getTime() ||
    current.instructorId !== occurrence.instructorId
  )
    throw new Refused(409, "CLASS_CHANGED", "This class changed a moment ago. Look at it again before booking.");
  if (!hold && paysWithCredits(service, plan.client))
    await spendCredits(tx, tenant, {
      clientId: plan.client.id,
      bookingId: booking.id,
      locationId: occurrence.locationId,
      serviceId: service.id,
      spots: plan.spots,
      at: occurrence.startsAt,
      actorId: actor.id,
      reason: `Booked ${service.name}`,
    });
  return booking;
}

/** Books places in one class occurrence. */
export async function bookClass(
  tenant: Tenant,
  actor: User,
  request: ClassRequest,
  submission: Submission = {},
  hooks: BookingHooks = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "book");
  if (earlier) return earlier;
  const plan = await planClass(tenant, actor, request, now);
  if (plan.client.id === plan.occurrence.instructorId)
    throw new Refused(409, "OWN_CLASS", "You teach this class, so you can't take a place in it.");
  let facts: BookingNoticeFacts | undefined;
  const outcome = await once(tenant, actor, "book", submission, async (tx) => {
    await hooks.before?.(tx);
    const booking = await writeClass(tx, tenant, actor, plan, request.notes);
    await insertDomainEvents(tx, tenant, [bookedEvent(booking)]);
    facts = await queueBookingNotices(tx, tenant, booking.id, { kind: "booked" }, now);
    await hooks.after?.(tx, booking);
    return booking;
  });
  return withShown(outcome, facts);
}

// ---------------------------------------------------------------------------------------------
// Cancelling and moving

async function requireServiceOf(tenant: Tenant, booking: Booking) {
  const service = await findService(database(), tenant, booking.serviceId);
  if (!service) throw new NotFound("There is no such booking.");
  return service;
}

/**
 * Marks the booking cancelled, frees its time or place and settles its credit, inside `tx`
 * (the caller holds the booking's row lock).
 */
async function writeCancellation(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  booking: Booking,
  outcome: { reason: string; creditReturned: boolean },
) {
  const cancelled = await updateBooking(tx, tenant, booking.id, {
    status: "cancelled",
    cancelledAt: new Date(),
    cancelledById: actor.id,
    cancelReason: outcome.reason,
    creditForfeited: !outcome.creditReturned,
  });
  if (!cancelled) throw new NotFound("There is no such booking.");
  if (!booking.occurrenceId) await deleteCommitmentForBooking(tx, tenant, booking.id);
  if (outcome.creditReturned)
    await refundCredits(tx, tenant, {
      clientId: booking.clientId,
      bookingId: booking.id,
      actorId: actor.id,
      reason: `Cancelled: ${outcome.reason}`,
    });
  return cancelled;
}

/** Loads and locks a booking the actor may see; 404 otherwise (nobody learns it exists). */
async function lockVisible(tx: Executor, tenant: Tenant, actor: User, bookingId: string) {
  const booking = await lockBooking(tx, tenant, bookingId);
  if (!booking) throw new NotFound("There is no such booking.");
  return assertVisible(tenant, actor, booking);
}

/** The same rule as the booking's page (`bookingVisibleTo`), so a 404 there is a 404 here. */
async function assertVisible(tenant: Tenant, actor: User, booking: Booking) {
  const own = booking.clientId === actor.id || booking.instructorId === actor.id;
  const instructorIds =
    own || actor.role === "client" ? [] : await listInstructorIdsForClient(database(), tenant, booking.clientId);
  if (!bookingVisibleTo(actor, booking, instructorIds)) throw new NotFound("There is no such booking.");
  return booking;
}

/**
 * When classes are cancelled (one date, or the rest of a series), their bookings go too, with
 * every credit returned. Inside the transaction that cancels the classes.
 */
export async function cancelBookingsOfOccurrences(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  occurrenceIds: string[],
  reason: string,
) {
  const bookings = await lockLiveBookingsForOccurrences(tx, tenant, occurrenceIds);
  for (const booking of bookings) {
    await writeCancellation(tx, tenant, actor, booking, { reason: `Class cancelled: ${reason}`, creditReturned: true });
  }
  await insertDomainEvents(
    tx,
    tenant,
    bookings.map((booking) => ({
      type: "booking.cancelled",
      bookingId: booking.id,
      occurrenceId: booking.occurrenceId,
      payload: { ...eventPayload(booking), late: false, creditReturned: true, reason, classCancelled: true },
    })),
  );
  for (const booking of bookings) {
    await queueBookingNotices(tx, tenant, booking.id, { kind: "cancelled", creditReturned: true, byStudio: true });
  }
  // Their waitlists close, and those in line hear that the class is cancelled.
  await signalFreedPlaces(tx, tenant, occurrenceIds);
  return bookings.length;
}

/** `undo`: only as an undo (the booking page's button); a cancel then would be a surprise. */
export type CancelRequest = { reason?: string; forfeitCredit?: boolean; undo?: boolean };

/**
 * Cancels a booking: the client's own (credit back only inside the window), or any per the
 * matrix; staff taking back their own booking within the undo minutes undo it instead, whatever
 * the window. The slot or place is free the moment this commits.
 */
export async function cancelBooking(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  request: CancelRequest = {},
  submission: Submission = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "cancel");
  if (earlier) return earlier;
  return once(tenant, actor, "cancel", submission, async (tx) => {
    const booking = await lockVisible(tx, tenant, actor, bookingId);
    const settings = await findStudioSettings(tx, tenant);
    if (undoTerms(actor, booking, settings.undoMinutes, now).allowed)
      return writeUndo(tx, tenant, actor, booking, request.reason);
    const service = await requireServiceOf(tenant, booking);
    const terms = cancellationTerms(actor, booking, service.cancellationWindowHours, now);
    if (!terms.allowed) throw new Refused(409, terms.code, terms.message);
    if (request.undo)
      throw new Refused(409, "UNDO_EXPIRED", "The time to undo this booking has passed. You can still cancel it.");
    const creditReturned = terms.creditReturned && !(terms.mayForfeit && request.forfeitCredit);
    const reason =
      request.reason?.trim() || (actor.id === booking.clientId ? "Cancelled by the client" : "Cancelled by the studio");
    const cancelled = await writeCancellation(tx, tenant, actor, booking, { reason, creditReturned });
    await insertDomainEvents(tx, tenant, [
      {
        type: "booking.cancelled",
        bookingId: booking.id,
        occurrenceId: booking.occurrenceId,
        payload: { ...eventPayload(booking), late: terms.late, creditReturned, reason },
      },
      freedEvent(booking),
    ]);
    await signalFreedPlaces(tx, tenant, [booking.occurrenceId]);
    const byStudio = actor.id !== booking.clientId;
    await queueBookingNotices(tx, tenant, booking.id, { kind: "cancelled", creditReturned, byStudio }, now);
    return cancelled;
  });
}

/**
 * Takes back a booking its maker made in error (rules: `undoTerms`): cancelled with the credit
 * returned whatever the window, logged as undone, and its place or time offered again.
 */
async function writeUndo(tx: Executor, tenant: Tenant, actor: User, booking: Booking, note: string | undefined) {
  const why = note?.trim();
  const reason = why ? `Undone by ${actor.fullName}: ${why}` : `Undone by ${actor.fullName} (booked in error)`;
  const undone = await writeCancellation(tx, tenant, actor, booking, { reason, creditReturned: true });
  await insertDomainEvents(tx, tenant, [
    {
      type: "booking.undone",
      bookingId: booking.id,
      occurrenceId: booking.occurrenceId,
      payload: { ...eventPayload(booking), creditReturned: true, reason, undoneById: actor.id },
    },
    freedEvent(booking),
  ]);
  await signalFreedPlaces(tx, tenant, [booking.occurrenceId]);
  await queueBookingNotices(tx, tenant, booking.id, { kind: "cancelled", creditReturned: true, byStudio: true });
  return undone;
}

export type RescheduleRequest =
  | { kind: "session"; startsAt: Date; instructorId?: string }
  | { kind: "class"; occurrenceId: string };

/**
 * Moves a booking to another time (sessions) or another date of the same class, in one
 * transaction: the old booking is cancelled with its credit returned and the new one made and
 * paid for, or, if the new one cannot be had, nothing changes at all.
 */
export async function rescheduleBooking(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  request: RescheduleRequest,
  submission: Submission = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "reschedule");
  if (earlier) return earlier;
  const found = await findBooking(database(), tenant, bookingId);
  if (!found) throw new NotFound("There is no such booking.");
  // Before planning, which would answer 403 for another client's booking and so reveal it exists.
  const current = await assertVisible(tenant, actor, found);
  const service = await requireServiceOf(tenant, current);
  // Plan the new booking as the client's (the rules of who may book apply to the new time).
  const clientId = current.clientId === actor.id ? undefined : current.clientId;
  const plan =
    request.kind === "session"
      ? current.occurrenceId
        ? badRequest("A class booking moves to another date of the class.")
        : await planReschedule(tenant, actor, current, service, request, clientId, now)
      : current.occurrenceId
        ? await planClass(
            tenant,
            actor,
            { occurrenceId: request.occurrenceId, spots: current.spotsBooked, clientId },
            now,
          )
        : badRequest("A session moves to another time, not into a class.");
  if ("occurrence" in plan && plan.occurrence.serviceId !== current.serviceId)
    badRequest("A booking moves to another date of the same class.");

  return once(tenant, actor, "reschedule", submission, async (tx) => {
    const booking = await lockVisible(tx, tenant, actor, bookingId);
    const terms = rescheduleTerms(actor, booking, service.cancellationWindowHours, now);
    if (!terms.allowed) throw new Refused(409, terms.code, terms.message);
    if ("occurrence" in plan && plan.occurrence.id === booking.occurrenceId)
      throw new Refused(409, "SAME_TIME", "The booking is already at that time.");
    await writeCancellation(tx, tenant, actor, booking, { reason: "Rescheduled", creditReturned: true });
    const moved =
      "occurrence" in plan
        ? await writeClass(tx, tenant, actor, plan, booking.notes ?? undefined, { rescheduledFromId: booking.id })
        : await writeSession(
            tx,
            tenant,
            actor,
            plan,
            { ...plan.request, notes: booking.notes ?? undefined },
            { rescheduledFromId: booking.id },
          );
    await insertDomainEvents(tx, tenant, [
      {
        type: "booking.rescheduled",
        bookingId: moved.id,
        occurrenceId: moved.occurrenceId,
        payload: { ...eventPayload(moved), fromBookingId: booking.id, fromStartsAt: booking.startsAt.toISOString() },
      },
      freedEvent(booking),
    ]);
    await signalFreedPlaces(tx, tenant, [booking.occurrenceId]);
    await queueBookingNotices(tx, tenant, moved.id, { kind: "moved", previousStartsAt: booking.startsAt }, now);
    return moved;
  });
}

async function planReschedule(
  tenant: Tenant,
  actor: User,
  current: Booking,
  service: Service,
  request: { startsAt: Date; instructorId?: string },
  clientId: string | undefined,
  now: Date,
) {
  const sessionRequest: SessionRequest = {
    serviceId: service.id,
    locationId: current.locationId,
    startsAt: request.startsAt,
    instructorId: request.instructorId ?? current.instructorId,
    clientId,
  };
  // The booking's own time is left out, so a move that overlaps it (10:00 → 10:30) is still a
  // slot; every other rule of a new booking applies. The database checks the real overlap once
  // the old time is freed.
  const plan = notTheirOwnInstructor(
    await planSession(tenant, actor, sessionRequest, now, { excludeBookingId: current.id }),
  );
  return { ...plan, request: sessionRequest };
}

function badRequest(message: string): never {
  throw new Refused(400, "INVALID_RESCHEDULE", message);
}

export type BookingChangesRequest = {
  notes?: string | null;
  status?: "confirmed";
  /** Why an owner or manager confirms in the instructor's place (required then). */
  reason?: string;
};

/**
 * Staff change a booking's notes (the instructor teaching it, or anyone who may book for clients
 * there) or confirm a pending one: the side whose decision it is (`confirmationTerms`), or an
 * owner or manager overriding with a reason, kept with who confirmed and when. A pending class
 * booking already holds its places, so confirming never finds the class full.
 */
export async function changeBooking(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  changes: BookingChangesRequest,
  now = new Date(),
): Promise<Booking> {
  if (actor.role === "client") throw new Forbidden("Ask the studio to change this booking.");
  return database().transaction(async (tx) => {
    const booking = await lockVisible(tx, tenant, actor, bookingId);
    if (booking.status === "cancelled") throw new Refused(409, "ALREADY_CANCELLED", "This booking is cancelled.");
    const service = await requireServiceOf(tenant, booking);
    const mayEdit =
      booking.instructorId === actor.id || staffMayBook(actor, "admin_created", service, booking.locationId);
    const confirming = changes.status === "confirmed" && booking.status !== "confirmed";
    // Confirming has its own rule; notes are for those who teach it or may book for clients.
    if ((changes.notes !== undefined || !confirming) && !mayEdit)
      throw new Forbidden("Your account cannot change this booking.");
    const confirmation = confirming ? confirmationOf(actor, booking, changes.reason, now) : {};
    const updated = await updateBooking(tx, tenant, booking.id, {
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...confirmation,
    });
    if (!updated) throw new NotFound("There is no such booking.");
    if (confirming)
      await insertDomainEvents(tx, tenant, [
        {
          type: "booking.confirmed",
          bookingId: booking.id,
          occurrenceId: booking.occurrenceId,
          payload: {
            ...eventPayload(updated),
            confirmedById: updated.confirmedById,
            confirmedAt: updated.confirmedAt?.toISOString() ?? null,
            overrideReason: updated.confirmationOverrideReason,
          },
        },
      ]);
    if (confirming) await queueBookingNotices(tx, tenant, booking.id, { kind: "confirmed" }, now);
    return updated;
  });
}

/** The changes that confirm a booking, once `confirmationTerms` allow this actor. */
function confirmationOf(actor: User, booking: Booking, reason: string | undefined, now: Date) {
  const terms = confirmationTerms(actor, booking);
  if (!terms.allowed) throw new Refused(terms.code === "NOT_PENDING" ? 409 : 403, terms.code, terms.message);
  const why = reason?.trim();
  if (terms.override && !why)
    throw new Refused(
      422,
      "REASON_REQUIRED",
      "Its instructor confirms this booking: say why you are confirming it in their place.",
    );
  return {
    status: "confirmed" as const,
    confirmedById: actor.id,
    confirmedAt: now,
    confirmationOverrideReason: terms.override ? (why ?? null) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Places held while the client pays

/**
 * Writes the payment for a held booking inside the hold's own transaction (the payments domain
 * supplies it): if it fails, nothing is held.
 */
export type HoldPayment = (tx: Executor, booking: Booking, service: Service) => Promise<void>;

/**
 * Holds a session for a client who pays for it instead of with a credit: the same plan and
 * database checks as `bookSession`, written as `awaiting_payment` (taking the instructor's time)
 * with no credit spent and nothing told to anyone yet. Two clients paying for the last time: the
 * second is refused here, before any payment page exists.
 */
export async function holdSessionForPayment(
  tenant: Tenant,
  actor: User,
  request: SessionRequest,
  submission: Submission,
  pay: HoldPayment,
  hooks: BookingHooks = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "hold");
  if (earlier) return earlier;
  const plan = notTheirOwnInstructor(await planSession(tenant, actor, request, now));
  return once(tenant, actor, "hold", submission, async (tx) => {
    await hooks.before?.(tx);
    const booking = await writeSession(tx, tenant, actor, plan, request, { hold: true });
    await pay(tx, booking, plan.service);
    await hooks.after?.(tx, booking);
    return booking;
  });
}

/** Holds places in a class while the client pays for them (see `holdSessionForPayment`). */
export async function holdClassForPayment(
  tenant: Tenant,
  actor: User,
  request: ClassRequest,
  submission: Submission,
  pay: HoldPayment,
  hooks: BookingHooks = {},
): Promise<BookingOutcome> {
  const now = submission.now ?? new Date();
  const earlier = await replay(tenant, actor, submission.idempotencyKey, "hold");
  if (earlier) return earlier;
  const plan = await planClass(tenant, actor, request, now);
  if (plan.client.id === plan.occurrence.instructorId)
    throw new Refused(409, "OWN_CLASS", "You teach this class, so you can't take a place in it.");
  return once(tenant, actor, "hold", submission, async (tx) => {
    await hooks.before?.(tx);
    const booking = await writeClass(tx, tenant, actor, plan, request.notes, { hold: true });
    await pay(tx, booking, plan.service);
    await hooks.after?.(tx, booking);
    return booking;
  });
}

/**
 * The payment for a held booking succeeded: it becomes what it would have been had it been
 * booked with a credit (confirmed, or pending its instructor), and the client is told as for any
 * booking. Inside the payment's transaction. A hold already released (its payment page expired
 * first) is not revived: `undefined`, and the caller flags the payment.
 */
export async function confirmHeldBooking(
  tx: Executor,
  tenant: Tenant,
  bookingId: string,
  now = new Date(),
): Promise<Booking | undefined> {
  const booking = await lockBooking(tx, tenant, bookingId);
  if (booking?.status !== "awaiting_payment") return undefined;
  const service = await requireServiceOf(tenant, booking);
  const confirmed = await updateBooking(tx, tenant, booking.id, {
    status: initialStatus(booking.bookingMethod, service.bookingMode),
  });
  if (!confirmed) return undefined;
  await insertDomainEvents(tx, tenant, [bookedEvent(confirmed)]);
  await queueBookingNotices(tx, tenant, confirmed.id, { kind: "booked" }, now);
  return confirmed;
}

/**
 * The payment for a held booking did not happen (Checkout expired or was abandoned): the hold is
 * cancelled and its place or time freed at once, for anyone else (and waitlists) to take.
 * Inside the payment's transaction; a booking no longer held is left alone.
 */
export async function releaseHeldBooking(
  tx: Executor,
  tenant: Tenant,
  bookingId: string,
  reason: string,
): Promise<Booking | undefined> {
  const booking = await lockBooking(tx, tenant, bookingId);
  if (booking?.status !== "awaiting_payment") return undefined;
  const released = await updateBooking(tx, tenant, booking.id, {
    status: "cancelled",
    cancelledAt: new Date(),
    cancelledById: null,
    cancelReason: reason,
    creditForfeited: false,
  });
  if (!booking.occurrenceId) await deleteCommitmentForBooking(tx, tenant, booking.id);
  await insertDomainEvents(tx, tenant, [
    {
      type: "booking.hold_released",
      bookingId: booking.id,
      occurrenceId: booking.occurrenceId,
      payload: { ...eventPayload(booking), reason },
    },
    freedEvent(booking),
  ]);
  await signalFreedPlaces(tx, tenant, [booking.occurrenceId]);
  return released;
}
