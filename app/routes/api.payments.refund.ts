import type { ActionFunctionArgs } from "@remix-run/node";
import { idempotencyKeyOf, noStore } from "~/route-handlers/booking-api.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { RefundApiSchema } from "~/services/payments/refund.schema";
import { refundPayment } from "~/services/payments/refunds.server";

/**
 * POST /api/payments/refund { paymentId, amountMinor, reason } — refunds some or all of a paid
 * payment, by the same rules as the refund page (receptionists up to the studio's limit). An
 * `Idempotency-Key` header makes a resent request return the first refund instead of a second.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const { paymentId, amountMinor, reason } = await readJson(request, RefundApiSchema);
    const { refund, payment, replayed } = await refundPayment(
      tenant,
      actor,
      paymentId,
      { amountMinor, reason },
      { idempotencyKey },
    );
    return Response.json(
      {
        refund: {
          id: refund.id,
          paymentId: refund.paymentId,
          amountMinor: refund.amountMinor,
          currency: payment.currency,
          status: refund.status,
          reason: refund.reason,
          creditsRemoved: refund.creditsRemoved,
          createdAt: refund.createdAt.toISOString(),
        },
        payment: { id: payment.id, amountMinor: payment.amountMinor, refundedMinor: payment.refundedMinor },
      },
      { status: replayed ? 200 : 201, headers: noStore },
    );
  });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}
