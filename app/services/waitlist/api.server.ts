import { findOccurrence } from "~/models/occurrence.server";
import { listWaitlistLine } from "~/models/waitlist.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User, WaitlistEntry } from "~db/schema/tenant";
import { type InLine, waitlistPlaceOf } from "./line.server";

/** The waitlist as the API shows it. */

export function entryJson(entry: WaitlistEntry, position: number | null) {
  return {
    id: entry.id,
    classId: entry.occurrenceId,
    clientId: entry.clientId,
    status: entry.status,
    position,
    joinedAt: entry.joinedAt.toISOString(),
    offerExpiresAt: entry.offerExpiresAt?.toISOString() ?? null,
    bookingId: entry.bookingId,
  };
}

export const inLineJson = ({ entry, position }: InLine) => entryJson(entry, position);

/**
 * A class's line: all of it, in order, for staff who may book clients at its location; for a
 * client, only their own place in it (null when not in line). Others: 403; no such class: 404.
 */
export async function waitlistForApi(tenant: Tenant, actor: User, occurrenceId: string) {
  const occurrence = await findOccurrence(database(), tenant, occurrenceId);
  if (!occurrence) throw new NotFound("There is no such class.");
  if (actor.role === "client") {
    const place = await waitlistPlaceOf(tenant, actor.id, occurrenceId);
    return { entry: place ? inLineJson(place) : null };
  }
  assertCan(actor, "booking.create_for_client", { locationId: occurrence.locationId });
  const line = await listWaitlistLine(database(), tenant, occurrenceId);
  return {
    waitlist: line.map(({ entry, clientName }, i) => ({ ...entryJson(entry, i + 1), clientName })),
  };
}
