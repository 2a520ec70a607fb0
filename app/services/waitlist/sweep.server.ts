import { listDueOffers, listOccurrencesToFill } from "~/models/waitlist.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { fillWaitlist } from "./fill.server";
import { expireOffer } from "./offer.server";

// Enough for a minute's work in one studio; the next sweep takes the rest.
const BATCH = 200;

/**
 * The minute backstop of one studio's waitlists, for work whose job was lost (a worker down
 * when it fell due): offers past their deadline end, classes that have started close their
 * lines, and free places nobody was offered are offered. Everything it calls is idempotent.
 */
export async function sweepWaitlists(tenant: Tenant, now = new Date()) {
  let expired = 0;
  for (const offer of await listDueOffers(database(), tenant, now, BATCH)) {
    if ((await expireOffer(tenant, offer.id, now)) === "expired") expired++;
  }
  let offered = 0;
  let booked = 0;
  let closed = 0;
  for (const occurrenceId of await listOccurrencesToFill(database(), tenant, now, BATCH)) {
    const outcome = await fillWaitlist(tenant, occurrenceId, now);
    offered += outcome.offered;
    booked += outcome.booked;
    closed += outcome.closed;
  }
  return { expired, offered, booked, closed };
}
