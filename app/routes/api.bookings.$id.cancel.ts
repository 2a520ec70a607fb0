import type { ActionFunctionArgs } from "@remix-run/node";
import { cancelAnswer, idempotencyKeyOf, readOptionalJson } from "~/route-handlers/booking-api.server";
import { CancelBookingSchema } from "~/services/booking/api.schema";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/:id/cancel { reason?, forfeitCredit? } (body optional) — a client cancels
 * their own (credit back inside the service's window, forfeited after it); staff per the matrix,
 * and staff cancelling late may keep the credit with `forfeitCredit`. DELETE /api/bookings/:id
 * does the same.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readOptionalJson(request, CancelBookingSchema);
    return cancelAnswer(tenant, actor, id, body, idempotencyKey);
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
