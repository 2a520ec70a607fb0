import type { ActionFunctionArgs } from "@remix-run/node";
import {
  assertSameRequest,
  bookingResponse,
  idempotencyKeyOf,
  readOptionalJson,
} from "~/route-handlers/booking-api.server";
import { CancelBookingSchema } from "~/services/booking/api.schema";
import { cancelBooking } from "~/services/booking/engine.server";
import { ApiError, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";

/**
 * POST /api/bookings/:id/cancel { reason?, forfeitCredit? } (body optional) — a client cancels
 * their own (credit back inside the service's window, forfeited after it); staff per the matrix,
 * and staff cancelling late may keep the credit with `forfeitCredit`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readOptionalJson(request, CancelBookingSchema);
    const outcome = await cancelBooking(tenant, actor, id, body, { idempotencyKey });
    assertSameRequest(outcome, (b) => b.id === id && b.status === "cancelled");
    return bookingResponse(tenant, outcome, false);
  });
}
