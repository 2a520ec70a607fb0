import type PgBoss from "pg-boss";
import type { DeliverMessageJob } from "../app/models/outbox.server";
import { deliverMessage, type Providers } from "../app/services/messages/delivery.server";
import { tenantById } from "../app/services/tenancy/tenant.server";

/**
 * Hands one message to its provider. Idempotent: the message row is claimed before the call,
 * so a rerun of a delivered message does nothing, and a rerun after a worker stopped halfway
 * marks it "unconfirmed" rather than risk sending it twice. A retryable provider error throws,
 * and pg-boss retries the job with backoff; the last attempt records the failure for staff.
 */
export async function deliverMessageJob(
  job: PgBoss.JobWithMetadata<DeliverMessageJob>,
  options: { secrets: { deliveryReport?: string }; providers?: Providers },
) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return deliverMessage(tenant, job.data.messageId, {
    finalAttempt: job.retryCount >= job.retryLimit,
    deliveryReportSecret: options.secrets.deliveryReport,
    providers: options.providers,
  });
}
