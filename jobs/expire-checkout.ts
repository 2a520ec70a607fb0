import type PgBoss from "pg-boss";
import { type ExpireCheckoutJob, expireCheckout } from "../app/services/payments/expire-checkout.server";
import { tenantById } from "../app/services/tenancy/tenant.server";

/** Due two minutes after a payment's Checkout page expires; idempotent (an ended payment is left alone). */
export async function expireCheckoutJob(job: PgBoss.Job<ExpireCheckoutJob>) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return expireCheckout(tenant, job.data.paymentId);
}
