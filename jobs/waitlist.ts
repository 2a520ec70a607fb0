import type PgBoss from "pg-boss";
import { listActiveStudios } from "../app/models/organization.server";
import type { FillWaitlistJob } from "../app/services/booking/waitlist-signal.server";
import { tenantById, tenantFor } from "../app/services/tenancy/tenant.server";
import { fillWaitlist } from "../app/services/waitlist/fill.server";
import { expireOffer } from "../app/services/waitlist/offer.server";
import type { ExpireOfferJob } from "../app/services/waitlist/offer-messages.server";
import { sweepWaitlists } from "../app/services/waitlist/sweep.server";
import type { Db } from "../db/client";

/** A place freed (or a class cancelled): hand it to the line. */
export async function fillWaitlistJob(job: PgBoss.Job<FillWaitlistJob>) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return fillWaitlist(tenant, job.data.occurrenceId);
}

/** An offer's deadline: if still open, it ends and the place goes on. */
export async function expireWaitlistOfferJob(job: PgBoss.Job<ExpireOfferJob>) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return expireOffer(tenant, job.data.entryId);
}

/** Every minute, every studio: the backstop for lost jobs and lines of classes that started. */
export async function sweepAllWaitlists(db: Db) {
  const totals = { expired: 0, offered: 0, booked: 0, closed: 0 };
  for (const studio of await listActiveStudios(db)) {
    const outcome = await sweepWaitlists(tenantFor(studio));
    totals.expired += outcome.expired;
    totals.offered += outcome.offered;
    totals.booked += outcome.booked;
    totals.closed += outcome.closed;
  }
  return totals;
}
