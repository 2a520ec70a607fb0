import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  bookingResponse,
  cancelAnswer,
  idempotencyKeyOf,
  noStore,
  readOptionalJson,
} from "~/route-handlers/booking-api.server";
import { BookingPatchSchema, CancelBookingSchema } from "~/services/booking/api.schema";
import { changeBooking } from "~/services/booking/engine.server";
import { bookingDetail } from "~/services/booking/views.server";
import { allowMethods, readJson, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";

/**
 * GET /api/bookings/:id — one booking with what the caller may do to it now (cancel, and whether
 * the credit would come back; move; confirm). 404 for a booking the caller may not see.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const detail = await bookingDetail(tenant, actor, requireId(params.id));
    return Response.json(detail, { headers: noStore });
  });
}

/**
 * PATCH /api/bookings/:id { notes?, status?: "confirmed" } — staff note on, or confirm, a booking.
 * DELETE /api/bookings/:id { reason?, forfeitCredit? } (body optional) — cancels it, exactly as
 * POST /api/bookings/:id/cancel does.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH", "DELETE"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    if (request.method === "DELETE") {
      const idempotencyKey = idempotencyKeyOf(request);
      const body = await readOptionalJson(request, CancelBookingSchema);
      return cancelAnswer(tenant, actor, id, body, idempotencyKey);
    }
    const changes = await readJson(request, BookingPatchSchema);
    const booking = await changeBooking(tenant, actor, id, changes);
    return bookingResponse(tenant, { booking, replayed: false }, false);
  });
}
