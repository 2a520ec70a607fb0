import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { enqueue } from "../../../jobs/enqueue";
import { CHARGE_NO_SHOW_FEE } from "../../../jobs/queues";

/** The fee job's data: which studio's booking was marked a no-show under the `charge_fee` rule. */
export type NoShowFeeJob = { studioId: string; bookingId: string };

/**
 * Asks for a no-show's fee to be charged, in the transaction that marks the no-show: a
 * rolled-back mark charges nothing, and Stripe is called only after it commits.
 */
export async function queueNoShowFee(tx: Executor, tenant: Tenant, bookingId: string) {
  const job: NoShowFeeJob = { studioId: tenant.studio.id, bookingId };
  await enqueue(tx, CHARGE_NO_SHOW_FEE, job);
}

/** Charges the fee to the client's card on file (issue 17, being built). */
export async function chargeNoShowFee(_tenant: Tenant, _bookingId: string): Promise<string> {
  throw new Error("chargeNoShowFee is being built");
}
