import type PgBoss from "pg-boss";
import { chargeNoShowFee, type NoShowFeeJob } from "../app/services/payments/no-show-fee.server";
import { tenantById } from "../app/services/tenancy/tenant.server";

/** A no-show under the `charge_fee` rule: charge the card on file (idempotent per booking). */
export async function chargeNoShowFeeJob(job: PgBoss.Job<NoShowFeeJob>) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return chargeNoShowFee(tenant, job.data.bookingId);
}
