import { insertDomainEvents } from "~/models/domain-event.server";
import { findOccurrence } from "~/models/occurrence.server";
import { findService } from "~/models/service.server";
import { findActiveUserById } from "~/models/user.server";
import {
  findWaitlistEntry,
  findWaitlistEntryByToken,
  lockWaitlistEntry,
  lockWaitlistOf,
  transitionWaitlistEntry,
  updateWaitlistEntry,
} from "~/models/waitlist.server";
import { type BookingHooks, bookClass, type Submission } from "~/services/booking/engine.server";
import { hashSecretToken } from "~/services/identity/secret-token.server";
import { payForClass } from "~/services/payments/purchase.server";
import { NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Booking, User, WaitlistEntry } from "~db/schema/tenant";
import { fillWaitlist } from "./fill.server";

/**
 * Answering an offer: accept (the place booked with a credit, or held while the client pays),
 * decline, or let it run out. Each is decided under the class's waitlist lock and the entry's
 * row lock, so an accept racing the expiry job or a second accept has exactly one winner; the
 * loser is told plainly and nothing of theirs changes.
 */

const NO_OFFER = "This link is not valid. It may have been used already.";

/** What accepting led to: booked, or on to pay with the place held. */
export type AcceptOutcome =
  | { kind: "booked"; booking: Booking }
  | { kind: "pay"; redirectTo: string; paymentId: string };

/** The offer a link's token opens (in this studio only: another studio's schema has no such hash). */
export async function findOfferByToken(tenant: Tenant, token: string): Promise<WaitlistEntry> {
  const entry = token ? await findWaitlistEntryByToken(database(), tenant, hashSecretToken(token)) : undefined;
  if (!entry) throw new NotFound(NO_OFFER);
  return entry;
}

/** Why an entry cannot be accepted now, in words for the client; null when it can. */
export function offerRefusal(entry: WaitlistEntry, now: Date): Refused | null {
  switch (entry.status) {
    case "offered":
      return entry.offerExpiresAt && entry.offerExpiresAt > now
        ? null
        : new Refused(
            410,
            "OFFER_EXPIRED",
            "Sorry, this offer has run out, so the place went to the next person in line.",
          );
    case "booked":
      return new Refused(409, "OFFER_ANSWERED", "You have already taken this place.");
    case "expired":
      return new Refused(
        410,
        "OFFER_EXPIRED",
        "Sorry, this offer has run out, so the place went to the next person in line.",
      );
    case "declined":
      return new Refused(409, "OFFER_ANSWERED", "You let this place go, so it was offered to the next person in line.");
    case "closed":
      return new Refused(
        409,
        "WAITLIST_CLOSED",
        `This waitlist is closed: ${entry.endReason?.toLowerCase() ?? "the class has started"}.`,
      );
    case "waiting":
      return new Refused(409, "NO_OFFER", "There is no place for you yet: we'll send a link when there is.");
    default:
      return new Refused(409, "NOT_WAITING", "You are no longer on this waitlist.");
  }
}

/**
 * The hooks that make accepting one transaction with the booking (or the hold): before the
 * place is written, the offer is claimed (re-checked under the locks, then `booked`, which gives
 * its held place back to the class for the booking to take); after, the entry keeps the booking.
 */
function claimHooks(tenant: Tenant, entry: WaitlistEntry, now: Date): BookingHooks {
  return {
    before: async (tx: Executor) => {
      await lockWaitlistOf(tx, tenant, entry.occurrenceId);
      const current = await lockWaitlistEntry(tx, tenant, entry.id);
      if (!current) throw new NotFound(NO_OFFER);
      const refusal = offerRefusal(current, now);
      if (refusal) throw refusal;
      await updateWaitlistEntry(tx, tenant, entry.id, { status: "booked", answeredAt: now, offerTokenHash: null });
    },
    after: async (tx: Executor, booking: Booking) => {
      await updateWaitlistEntry(tx, tenant, entry.id, { bookingId: booking.id });
      await insertDomainEvents(tx, tenant, [
        {
          type: "waitlist.booked",
          bookingId: booking.id,
          occurrenceId: entry.occurrenceId,
          payload: {
            entryId: entry.id,
            clientId: entry.clientId,
            automatic: false,
            held: booking.status === "awaiting_payment",
          },
        },
      ]);
    },
  };
}

/**
 * Takes the offered place for its client: with a usable credit (or for a free class) it is
 * booked at once; without one, when the class has a price and the studio takes payments online,
 * the place is held and the client goes to pay (the held place is theirs until the payment page
 * expires). Anything else (the offer ran out, the place was taken) changes nothing.
 */
export async function acceptOffer(
  tenant: Tenant,
  entry: WaitlistEntry,
  submission: Submission = {},
): Promise<AcceptOutcome> {
  const now = submission.now ?? new Date();
  const refusal = offerRefusal(entry, now);
  if (refusal) throw refusal;
  const client = await findActiveUserById(database(), tenant, entry.clientId);
  if (!client) throw new NotFound(NO_OFFER);
  const request = { occurrenceId: entry.occurrenceId, viaWaitlist: true };
  try {
    const { booking } = await bookClass(
      tenant,
      client,
      request,
      { ...submission, now },
      claimHooks(tenant, entry, now),
    );
    return { kind: "booked", booking };
  } catch (error) {
    if (!(error instanceof Refused) || error.code !== "NO_CREDITS") throw error;
    if (!(await hasPrice(tenant, entry))) throw error;
  }
  const started = await payForClass(tenant, client, request, submission, claimHooks(tenant, entry, now));
  return { kind: "pay", redirectTo: started.redirectTo, paymentId: started.payment.id };
}

async function hasPrice(tenant: Tenant, entry: WaitlistEntry) {
  const occurrence = await findOccurrence(database(), tenant, entry.occurrenceId);
  const service = occurrence ? await findService(database(), tenant, occurrence.serviceId) : undefined;
  return (service?.priceMinor ?? 0) > 0;
}

/** The offer's client (through the API) accepts it, or the one-tap page does with its token. */
export async function acceptOwnOffer(tenant: Tenant, actor: User, entryId: string, submission: Submission = {}) {
  const entry = await findWaitlistEntry(database(), tenant, entryId);
  if (!entry || entry.clientId !== actor.id) throw new NotFound("There is no such waitlist place.");
  return acceptOffer(tenant, entry, submission);
}

/**
 * The client lets the offered place go: at once it goes to the next in line. A no-op for an
 * offer already answered or expired (the client is told what happened instead).
 */
export async function declineOffer(tenant: Tenant, entry: WaitlistEntry, now = new Date()) {
  const declined = await database().transaction(async (tx) => {
    await lockWaitlistOf(tx, tenant, entry.occurrenceId);
    const current = await lockWaitlistEntry(tx, tenant, entry.id);
    if (!current) throw new NotFound(NO_OFFER);
    const refusal = offerRefusal(current, now);
    if (refusal) throw refusal;
    const done = await transitionWaitlistEntry(tx, tenant, entry.id, "offered", {
      status: "declined",
      answeredAt: now,
      offerTokenHash: null,
    });
    await insertDomainEvents(tx, tenant, [
      {
        type: "waitlist.declined",
        bookingId: null,
        occurrenceId: entry.occurrenceId,
        payload: { entryId: entry.id, clientId: entry.clientId },
      },
    ]);
    return done;
  });
  await fillWaitlist(tenant, entry.occurrenceId, now);
  return declined;
}

/**
 * The expiry job's work: an offer still open at its deadline ends and its place goes to the
 * next in line. Idempotent, and a no-op for an offer answered meanwhile.
 */
export async function expireOffer(tenant: Tenant, entryId: string, now = new Date()) {
  const entry = await findWaitlistEntry(database(), tenant, entryId);
  if (!entry) return "gone";
  const expired = await database().transaction(async (tx) => {
    await lockWaitlistOf(tx, tenant, entry.occurrenceId);
    const current = await lockWaitlistEntry(tx, tenant, entryId);
    if (current?.status !== "offered" || !current.offerExpiresAt || current.offerExpiresAt > now) return false;
    await updateWaitlistEntry(tx, tenant, entryId, { status: "expired", answeredAt: now, offerTokenHash: null });
    await insertDomainEvents(tx, tenant, [
      {
        type: "waitlist.expired",
        bookingId: null,
        occurrenceId: entry.occurrenceId,
        payload: { entryId, clientId: entry.clientId },
      },
    ]);
    return true;
  });
  if (!expired) return "not_due";
  await fillWaitlist(tenant, entry.occurrenceId, now);
  return "expired";
}
