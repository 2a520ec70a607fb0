import { listActiveStudios } from "../app/models/organization.server";
import { sweepRequests } from "../app/services/requests/sweep.server";
import { tenantFor } from "../app/services/tenancy/tenant.server";
import type { Db } from "../db/client";

/**
 * Every minute, each studio's booking requests past their expiry end and those past their
 * escalation time escalate. One sweep rather than a job per request: the times are hours away,
 * a minute late does not matter, and a request whose times change (reassigned, answered) needs
 * no job cancelled. Exactly once per request: each is claimed by a conditional update.
 */
export async function sweepAllRequests(db: Db, now = new Date()) {
  let expired = 0;
  let escalated = 0;
  for (const studio of await listActiveStudios(db)) {
    const outcome = await sweepRequests(tenantFor(studio), now);
    expired += outcome.expired;
    escalated += outcome.escalated;
  }
  return { expired, escalated };
}
