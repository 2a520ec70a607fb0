import type { ActionFunctionArgs } from "@remix-run/node";
import { assertSameRequest, bookingResponse, idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { RescheduleBookingSchema } from "~/services/booking/api.schema";
import { rescheduleBooking } from "~/services/booking/engine.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/:id/reschedule { startTime, instructorId? } for a session, or
 * { occurrenceId } for a class — in one step: the booking answered is the new one
 * (`rescheduledFromId` is the old), or on any refusal the old booking stands untouched.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, RescheduleBookingSchema);
    const outcome = await rescheduleBooking(tenant, actor, id, body, { idempotencyKey });
    assertSameRequest(outcome, (b) => b.rescheduledFromId === id);
    return bookingResponse(tenant, outcome, false);
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
