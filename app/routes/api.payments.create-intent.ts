import type { ActionFunctionArgs } from "@remix-run/node";
import { idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { apiKey, paymentStarted } from "~/route-handlers/payment-api.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { CreateIntentSchema } from "~/services/payments/api.schema";
import { buyPackage, payForHeldBooking } from "~/services/payments/purchase.server";

/**
 * POST /api/payments/create-intent { packageId } | { bookingId } — the guide's "payment intent"
 * on our Checkout design: Stripe's Checkout page for a package (as /api/packages/purchase) or
 * for a booking of the caller's held awaiting payment. The payer pays on Stripe's page; the
 * webhook grants. A package's key is the purchase's own; a booking's goes through answerOnce.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const key = idempotencyKeyOf(request);
    // A clone: answerOnce reads the body again to know a repeat from another request.
    const body = await readJson(request.clone(), CreateIntentSchema);
    if (body.packageId) {
      const started = await buyPackage(tenant, actor, body.packageId, { idempotencyKey: apiKey(key) });
      return paymentStarted(started, started.replayed);
    }
    const bookingId = body.bookingId as string;
    return answerOnce(tenant, actor, request, async () =>
      paymentStarted(await payForHeldBooking(tenant, actor, bookingId), false),
    );
  });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}
