import { listActiveStudios } from "../app/models/organization.server";
import { extendClassHorizon } from "../app/services/schedule/class-schedule.server";
import { tenantFor } from "../app/services/tenancy/tenant.server";
import type { Db } from "../db/client";

/**
 * Every night each studio's recurring classes gain the occurrences that have come within the
 * horizon. Idempotent: a rerun finds them already there and creates nothing. A meeting the
 * instructor can no longer teach (booked for something else since) is skipped and counted.
 */
export async function extendAllClassHorizons(db: Db) {
  let created = 0;
  let clashes = 0;
  for (const studio of await listActiveStudios(db)) {
    const outcome = await extendClassHorizon(tenantFor(studio));
    created += outcome.created;
    clashes += outcome.clashes.length;
  }
  return { created, clashes };
}
