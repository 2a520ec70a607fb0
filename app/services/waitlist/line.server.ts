import { occurrencesBookedBy } from "~/models/booking.server";
import { insertDomainEvents } from "~/models/domain-event.server";
import { findOccurrence } from "~/models/occurrence.server";
import { findService } from "~/models/service.server";
import {
  countWaiting,
  findActiveWaitlistEntry,
  findWaitlistEntry,
  insertWaitlistEntry,
  lockWaitlistEntry,
  lockWaitlistOf,
  updateWaitlistEntry,
  waitlistPosition,
} from "~/models/waitlist.server";
import { assertEmailRequirementMet } from "~/services/identity/email-verification.server";
import { assertCan } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User, WaitlistEntry } from "~db/schema/tenant";
import { fillWaitlist } from "./fill.server";

/**
 * Joining and leaving a class's line. A client joins for themselves; staff who may book clients
 * at the class's location add a client. The line is first come, first served (`line_key`).
 */

export type JoinRequest = { occurrenceId: string; clientId?: string };
export type InLine = { entry: WaitlistEntry; position: number };

/** Who the entry is for: the actor (a client), or a client staff may book for here. */
async function resolveClient(tenant: Tenant, actor: User, clientId: string | undefined, locationId: string) {
  if (!clientId || clientId === actor.id) {
    if (actor.role !== "client") throw new Forbidden("Choose the client to add to the waitlist.");
    return actor;
  }
  assertCan(actor, "booking.create_for_client", { locationId });
  const { client } = await requireVisibleClient(tenant, actor, clientId);
  if (client.status !== "active") throw new Refused(409, "CLIENT_INACTIVE", "This client's account is not active.");
  return client;
}

export async function joinWaitlist(
  tenant: Tenant,
  actor: User,
  request: JoinRequest,
  now = new Date(),
): Promise<InLine> {
  const db = database();
  const occurrence = await findOccurrence(db, tenant, request.occurrenceId);
  if (!occurrence) throw new NotFound("There is no such class.");
  const service = await findService(db, tenant, occurrence.serviceId);
  if (!service || service.archivedAt) throw new NotFound("There is no such class.");
  const client = await resolveClient(tenant, actor, request.clientId, occurrence.locationId);
  if (client.id === actor.id) await assertEmailRequirementMet(tenant, client);
  if (occurrence.status === "cancelled") throw new Refused(409, "CLASS_CANCELLED", "This class is cancelled.");
  if (occurrence.startsAt <= now) throw new Refused(409, "CLASS_STARTED", "This class has already started.");
  if (client.id === occurrence.instructorId)
    throw new Refused(409, "OWN_CLASS", "You teach this class, so you can't wait for a place in it.");
  if ((await occurrencesBookedBy(db, tenant, client.id, [occurrence.id])).size > 0)
    throw new Refused(409, "ALREADY_BOOKED", "You already have a place in this class.");
  const free = occurrence.capacity - occurrence.bookedSpots - occurrence.offeredSpots;
  if (free > 0 && (await countWaiting(db, tenant, occurrence.id)) === 0)
    throw new Refused(409, "PLACES_FREE", "This class has places free: book one instead.");
  let entry: WaitlistEntry;
  try {
    entry = await db.transaction(async (tx) => {
      const joined = await insertWaitlistEntry(tx, tenant, {
        occurrenceId: occurrence.id,
        clientId: client.id,
        createdById: actor.id,
      });
      await insertDomainEvents(tx, tenant, [
        {
          type: "waitlist.joined",
          bookingId: null,
          occurrenceId: occurrence.id,
          payload: { entryId: joined.id, clientId: client.id, addedById: actor.id === client.id ? null : actor.id },
        },
      ]);
      return joined;
    });
  } catch (error) {
    if (!isUniqueViolation(error, "waitlist_one_active_per_client")) throw error;
    const existing = await findActiveWaitlistEntry(db, tenant, occurrence.id, client.id);
    const position = existing ? await waitlistPosition(db, tenant, existing) : null;
    throw new Refused(
      409,
      "ALREADY_WAITING",
      position ? `You are already on this waitlist (number ${position}).` : "You are already on this waitlist.",
    );
  }
  // A place may be free right now (a cancellation whose offer is on its way): no harm in looking.
  if (free > 0) await fillWaitlist(tenant, occurrence.id, now);
  const current = (await findWaitlistEntry(db, tenant, entry.id)) ?? entry;
  return { entry: current, position: await waitlistPosition(db, tenant, current) };
}

/**
 * The entry if the actor may act on it: its client, or staff who may book clients at the
 * class's location (404 otherwise, so nobody learns it exists).
 */
export async function requireEntryFor(tenant: Tenant, actor: User, entryId: string) {
  const entry = await findWaitlistEntry(database(), tenant, entryId);
  if (!entry) throw new NotFound("There is no such waitlist place.");
  if (entry.clientId === actor.id) return entry;
  if (actor.role === "client") throw new NotFound("There is no such waitlist place.");
  const occurrence = await findOccurrence(database(), tenant, entry.occurrenceId);
  if (!occurrence) throw new NotFound("There is no such waitlist place.");
  assertCan(actor, "booking.create_for_client", { locationId: occurrence.locationId });
  return entry;
}

/**
 * Leaves the line (the client) or takes someone out of it (staff, with a reason). An open offer
 * left this way goes to the next in line at once.
 */
export async function leaveWaitlist(
  tenant: Tenant,
  actor: User,
  entryId: string,
  reason?: string,
  now = new Date(),
): Promise<WaitlistEntry> {
  const entry = await requireEntryFor(tenant, actor, entryId);
  const byClient = actor.id === entry.clientId;
  const why = reason?.trim();
  if (!byClient && !why) throw new Refused(422, "REASON_REQUIRED", "Say why you are taking them off the waitlist.");
  const { left, hadOffer } = await database().transaction(async (tx) => {
    await lockWaitlistOf(tx, tenant, entry.occurrenceId);
    const current = await lockWaitlistEntry(tx, tenant, entry.id);
    if (current?.status !== "waiting" && current?.status !== "offered")
      throw new Refused(409, "NOT_WAITING", "This place in line has already ended.");
    const ended = await updateWaitlistEntry(tx, tenant, entry.id, {
      status: byClient ? "left" : "removed",
      answeredAt: current.status === "offered" ? now : current.answeredAt,
      offerTokenHash: null,
      endReason: byClient ? "Left the waitlist" : `Removed by ${actor.fullName}: ${why}`,
    });
    await insertDomainEvents(tx, tenant, [
      {
        type: byClient ? "waitlist.left" : "waitlist.removed",
        bookingId: null,
        occurrenceId: entry.occurrenceId,
        payload: { entryId: entry.id, clientId: entry.clientId, actorId: actor.id, reason: why ?? null },
      },
    ]);
    return { left: ended ?? current, hadOffer: current.status === "offered" };
  });
  if (hadOffer) await fillWaitlist(tenant, entry.occurrenceId, now);
  return left;
}

/** The client's place in a class's line, for the class page (null: not in line). */
export async function waitlistPlaceOf(tenant: Tenant, clientId: string, occurrenceId: string) {
  const entry = await findActiveWaitlistEntry(database(), tenant, occurrenceId, clientId);
  return entry ? { entry, position: await waitlistPosition(database(), tenant, entry) } : null;
}
