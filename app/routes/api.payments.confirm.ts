import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { ConfirmApiSchema } from "~/services/payments/api.schema";
import { paymentState } from "~/services/payments/payment-state.server";

/**
 * POST /api/payments/confirm { paymentId } — where a payment stands and what it gave (credits,
 * the booking confirmed), for its payer or staff who may see it. It grants nothing: Stripe's
 * webhook does; while the payment is open, Stripe is asked whether that answer was missed.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const { paymentId } = await readJson(request, ConfirmApiSchema);
    return Response.json(await paymentState(tenant, actor, paymentId), { headers: noStore });
  });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}
