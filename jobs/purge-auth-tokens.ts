import { deleteStaleAuthTokens } from "../app/models/auth-token.server";
import { listActiveStudios } from "../app/models/organization.server";
import { tenantFor } from "../app/services/tenancy/tenant.server";
import type { Db } from "../db/client";

/**
 * Spent and expired sign-in tokens are useless but still a record of who signed in when; keep
 * them a day for support questions, then delete them. Idempotent: a rerun deletes nothing new.
 */
export async function purgeStaleAuthTokens(db: Db, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  let deleted = 0;
  for (const studio of await listActiveStudios(db)) {
    deleted += await deleteStaleAuthTokens(db, tenantFor(studio), dayAgo);
  }
  return deleted;
}
