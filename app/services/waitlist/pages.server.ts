import { findOccurrence, findOccurrenceDetail } from "~/models/occurrence.server";
import { listClientWaitlist, listWaitlistHistory, listWaitlistLine } from "~/models/waitlist.server";
import { can } from "~/services/identity/permissions";
import { localTimeOf } from "~/services/schedule/local-time";
import { fullDateAt } from "~/services/shared/date-words";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User, WaitlistEntry } from "~db/schema/tenant";
import { waitlistPlaceOf } from "./line.server";
import { findOfferByToken, offerRefusal } from "./offer.server";

/** What the waitlist's pages show: a client's place in line, the line for staff, an offer's page. */

const HISTORY_SHOWN = 10;

/** The client's place in this class's line, for the class page (null: not in line). */
export async function clientWaitlistPanel(tenant: Tenant, client: User, occurrenceId: string, zone: string) {
  const place = await waitlistPlaceOf(tenant, client.id, occurrenceId);
  if (!place) return null;
  const { entry, position } = place;
  return {
    entryId: entry.id,
    position,
    offerUntil: entry.status === "offered" && entry.offerExpiresAt ? localTimeOf(entry.offerExpiresAt, zone) : null,
  };
}

const ENDED: Record<WaitlistEntry["status"], string> = {
  waiting: "Waiting",
  offered: "Offered",
  booked: "Booked",
  left: "Left the waitlist",
  declined: "Let the place go",
  expired: "Offer ran out",
  removed: "Removed",
  closed: "Line closed",
};

function statusOf(entry: WaitlistEntry, zone: string) {
  if (entry.status === "offered" && entry.offerExpiresAt)
    return `Offered until ${localTimeOf(entry.offerExpiresAt, zone)}`;
  if (entry.status === "booked") return entry.autoBooked ? "Booked automatically" : "Accepted the offer";
  return ENDED[entry.status];
}

/**
 * The class's line for its staff page: who waits in what order, with each one's status, and
 * how the line ended for the others. Null for staff who may not book clients at its location.
 */
export async function staffWaitlist(tenant: Tenant, actor: User, occurrenceId: string, zone: string) {
  const occurrence = await findOccurrence(database(), tenant, occurrenceId);
  if (!occurrence) throw new NotFound("There is no such class.");
  if (!can(actor, "booking.create_for_client", { locationId: occurrence.locationId }).allowed) return null;
  const [line, history] = await Promise.all([
    listWaitlistLine(database(), tenant, occurrenceId),
    listWaitlistHistory(database(), tenant, occurrenceId, HISTORY_SHOWN),
  ]);
  return {
    offeredSpots: occurrence.offeredSpots,
    mayChangeCapacity: can(actor, "schedule.modify", {
      locationId: occurrence.locationId,
      scheduleOwnerId: occurrence.instructorId,
    }).allowed,
    line: line.map(({ entry, clientName }, i) => ({
      id: entry.id,
      position: i + 1,
      client: clientName,
      status: statusOf(entry, zone),
      joinedAt: `${fullDateAt(entry.joinedAt, zone)}, ${localTimeOf(entry.joinedAt, zone)}`,
      moveReason: entry.moveReason,
    })),
    history: history.map(({ entry, clientName }) => ({
      id: entry.id,
      client: clientName,
      status: statusOf(entry, zone),
      reason: entry.status === "removed" ? entry.endReason : null,
    })),
  };
}

/** The client's places in line, soonest class first, for their home page. */
export async function clientWaitlist(tenant: Tenant, client: User) {
  const rows = await listClientWaitlist(database(), tenant, client.id);
  const places = [];
  for (const row of rows) {
    const { position } = (await waitlistPlaceOf(tenant, client.id, row.entry.occurrenceId)) ?? { position: 0 };
    places.push({
      occurrenceId: row.entry.occurrenceId,
      name: row.serviceName,
      when: `${fullDateAt(row.startsAt, row.locationTimezone)}, ${localTimeOf(row.startsAt, row.locationTimezone)}`,
      location: row.locationName,
      position,
      offerUntil:
        row.entry.status === "offered" && row.entry.offerExpiresAt
          ? localTimeOf(row.entry.offerExpiresAt, row.locationTimezone)
          : null,
    });
  }
  return places;
}

/**
 * The offer page behind a link's token: the class, when and where, the deadline on the
 * location's clock, and why it can't be taken if it can't. NotFound for an unknown token.
 */
export async function offerPage(tenant: Tenant, token: string, now = new Date()) {
  const entry = await findOfferByToken(tenant, token);
  const detail = await findOfferClass(tenant, entry.occurrenceId);
  const zone = detail.location.timezone;
  const { line1, city, postcode } = detail.location.address;
  const refusal = offerRefusal(entry, now);
  return {
    name: detail.service.name,
    date: fullDateAt(detail.occurrence.startsAt, zone),
    time: `${localTimeOf(detail.occurrence.startsAt, zone)}–${localTimeOf(detail.occurrence.endsAt, zone)}`,
    location: detail.location.name,
    address: [line1, city, postcode].filter(Boolean).join(", "),
    until: entry.offerExpiresAt ? localTimeOf(entry.offerExpiresAt, zone) : null,
    refusal: refusal ? { code: refusal.code, message: refusal.message } : null,
  };
}

async function findOfferClass(tenant: Tenant, occurrenceId: string) {
  const detail = await findOccurrenceDetail(database(), tenant, occurrenceId);
  if (!detail) throw new NotFound("This link is not valid. It may have been used already.");
  return detail;
}
