import { insertDomainEvents } from "~/models/domain-event.server";
import { findOccurrence } from "~/models/occurrence.server";
import { findService } from "~/models/service.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findActiveUserById } from "~/models/user.server";
import {
  findFirstWaiting,
  lockActiveEntries,
  lockWaitlistOf,
  transitionWaitlistEntry,
  updateWaitlistEntry,
} from "~/models/waitlist.server";
import { bookClass } from "~/services/booking/engine.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Occurrence, StudioSettings, WaitlistEntry } from "~db/schema/tenant";
import { tellLineClosed, writeOffer } from "./offer-messages.server";

/**
 * Hands a class's free places to its line, one entry at a time in line order, each step its
 * own short transaction under the class's waitlist lock: an offer (the place held for the client
 * until its deadline, by `occurrences.offered_spots`), or, for a service set to book the next in
 * line automatically, a booking through the engine when they hold a usable credit. Idempotent:
 * it stops when there is no free place or nobody waiting, so any number of signals, retries and
 * sweeps give each place to one person. A class cancelled or started closes its line instead.
 */

const MINUTE = 60_000;
/** An offer shorter than this is no offer: nobody could act on it. */
const SHORTEST_OFFER_MINUTES = 5;
/** A guard against a loop that makes no progress (each step ends one waiting entry). */
const MAX_STEPS = 500;

export type FillOutcome = { offered: number; booked: number; closed: number };

type Step =
  | { kind: "done" }
  | { kind: "offered" }
  | { kind: "closed"; count: number }
  | { kind: "auto_book"; entry: WaitlistEntry };

/** The latest an offer made now may run: the studio's offer time, but never past the cut-off. */
export function offerDeadline(occurrence: Pick<Occurrence, "startsAt">, settings: StudioSettings, now: Date) {
  const offersStop = occurrence.startsAt.getTime() - settings.waitlistCutoffMinutes * MINUTE;
  const deadline = Math.min(now.getTime() + settings.waitlistOfferMinutes * MINUTE, offersStop);
  return deadline - now.getTime() >= SHORTEST_OFFER_MINUTES * MINUTE ? new Date(deadline) : null;
}

export async function fillWaitlist(tenant: Tenant, occurrenceId: string, now = new Date()): Promise<FillOutcome> {
  const outcome: FillOutcome = { offered: 0, booked: 0, closed: 0 };
  // Entries whose automatic booking was refused (no credit, say): offered the place instead.
  const offerInstead = new Set<string>();
  for (let i = 0; i < MAX_STEPS; i++) {
    const step = await database().transaction((tx) => nextStep(tx, tenant, occurrenceId, now, offerInstead));
    if (step.kind === "done") break;
    if (step.kind === "offered") outcome.offered++;
    if (step.kind === "closed") outcome.closed += step.count;
    if (step.kind === "auto_book") {
      if (await autoBook(tenant, step.entry, now)) outcome.booked++;
      else offerInstead.add(step.entry.id);
    }
  }
  return outcome;
}

async function nextStep(
  tx: Executor,
  tenant: Tenant,
  occurrenceId: string,
  now: Date,
  offerInstead: Set<string>,
): Promise<Step> {
  await lockWaitlistOf(tx, tenant, occurrenceId);
  const occurrence = await findOccurrence(tx, tenant, occurrenceId);
  if (!occurrence) return { kind: "done" };
  if (occurrence.status === "cancelled" || occurrence.startsAt <= now)
    return closeLine(tx, tenant, occurrence, occurrence.status === "cancelled");
  if (occurrence.capacity - occurrence.bookedSpots - occurrence.offeredSpots <= 0) return { kind: "done" };
  const settings = await findStudioSettings(tx, tenant);
  const deadline = offerDeadline(occurrence, settings, now);
  if (!deadline) return { kind: "done" };
  const entry = await findFirstWaiting(tx, tenant, occurrenceId);
  if (!entry) return { kind: "done" };
  const service = await findService(tx, tenant, occurrence.serviceId);
  if (!service || service.archivedAt) return { kind: "done" };
  if (service.waitlistMode === "auto_book" && !offerInstead.has(entry.id)) return { kind: "auto_book", entry };
  await writeOffer(tx, tenant, { entry, occurrence, service, deadline, now });
  return { kind: "offered" };
}

/**
 * The next in line booked at once, in the engine's transaction, which first re-checks under the
 * waitlist lock that they are still first and still waiting. False when the engine refuses (no
 * usable credit, the account closed, PAR-Q missing...): they are offered the place instead.
 */
async function autoBook(tenant: Tenant, entry: WaitlistEntry, now: Date): Promise<boolean> {
  const client = await findActiveUserById(database(), tenant, entry.clientId);
  if (!client) return false;
  try {
    await bookClass(
      tenant,
      client,
      { occurrenceId: entry.occurrenceId, viaWaitlist: true, notes: undefined },
      { now },
      {
        before: async (tx) => {
          await lockWaitlistOf(tx, tenant, entry.occurrenceId);
          const first = await findFirstWaiting(tx, tenant, entry.occurrenceId);
          const claimed =
            first?.id === entry.id &&
            (await transitionWaitlistEntry(tx, tenant, entry.id, "waiting", {
              status: "booked",
              answeredAt: now,
              autoBooked: true,
            }));
          if (!claimed) throw new Refused(409, "WAITLIST_CHANGED", "The waitlist changed meanwhile.");
        },
        after: async (tx, booking) => {
          await updateWaitlistEntry(tx, tenant, entry.id, { bookingId: booking.id });
          await insertDomainEvents(tx, tenant, [
            {
              type: "waitlist.booked",
              bookingId: booking.id,
              occurrenceId: entry.occurrenceId,
              payload: { entryId: entry.id, clientId: entry.clientId, automatic: true },
            },
          ]);
        },
      },
    );
    return true;
  } catch (error) {
    // The line moved under us (another worker booked them): look again rather than offer.
    if (error instanceof Refused && error.code === "WAITLIST_CHANGED") return true;
    if (error instanceof Refused) return false;
    throw error;
  }
}

/** A class cancelled or started: everyone still in line is out (an open offer's place is freed). */
async function closeLine(tx: Executor, tenant: Tenant, occurrence: Occurrence, cancelled: boolean): Promise<Step> {
  const entries = await lockActiveEntries(tx, tenant, occurrence.id);
  if (entries.length === 0) return { kind: "done" };
  const endReason = cancelled ? "The class was cancelled" : "The class started";
  for (const entry of entries) {
    await updateWaitlistEntry(tx, tenant, entry.id, { status: "closed", endReason, offerTokenHash: null });
  }
  await insertDomainEvents(tx, tenant, [
    {
      type: "waitlist.closed",
      bookingId: null,
      occurrenceId: occurrence.id,
      payload: { entryIds: entries.map((e) => e.id), reason: endReason },
    },
  ]);
  const service = cancelled ? await findService(tx, tenant, occurrence.serviceId) : undefined;
  if (service) await tellLineClosed(tx, tenant, occurrence, service.name, entries);
  return { kind: "closed", count: entries.length };
}
