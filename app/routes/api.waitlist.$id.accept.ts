import type { ActionFunctionArgs } from "@remix-run/node";
import { bookingResponse, idempotencyKeyOf, noStore } from "~/route-handlers/booking-api.server";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { acceptOwnOffer } from "~/services/waitlist/offer.server";

/**
 * POST /api/waitlist/:id/accept (Idempotency-Key header) — the entry's client takes the place
 * offered: 200 with the booking, or 200 `{payment: {id, checkoutUrl}}` when it must be paid
 * (the place is held meanwhile); 410 for an offer that ran out, 409 for one answered or closed.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const outcome = await acceptOwnOffer(tenant, actor, id, { idempotencyKey });
    if (outcome.kind === "pay")
      return Response.json(
        { payment: { id: outcome.paymentId, checkoutUrl: outcome.redirectTo } },
        { headers: noStore },
      );
    return bookingResponse(tenant, { booking: outcome.booking, replayed: false }, false);
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
