import type { ActionFunctionArgs } from "@remix-run/node";
import { idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { apiKey, paymentStarted } from "~/route-handlers/payment-api.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { PurchaseApiSchema } from "~/services/payments/api.schema";
import { buyPackage } from "~/services/payments/purchase.server";

/**
 * POST /api/packages/purchase { packageId } — a client buys a package as the packages page's
 * "Buy" does: an open payment and Stripe's Checkout page to pay on. The credits come with
 * Stripe's webhook once paid, never from here. `Idempotency-Key`: one payment per key.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const key = idempotencyKeyOf(request);
    const { packageId } = await readJson(request, PurchaseApiSchema);
    const started = await buyPackage(tenant, actor, packageId, { idempotencyKey: apiKey(key) });
    return paymentStarted(started, started.replayed);
  });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}
