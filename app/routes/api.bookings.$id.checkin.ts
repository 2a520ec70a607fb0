import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { bookingView } from "~/services/booking/api.server";
import { checkInBooking } from "~/services/desk/booking-check-in.server";
import { CheckInBodySchema } from "~/services/desk/check-in.schema";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/:id/checkin { latitude?, longitude?, accuracy? } (body optional): a client
 * checks in their own booking with their position; staff check a client in (no position). A
 * second check-in answers 200 with outcome "already".
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const body = await readOptionalJson(request, CheckInBodySchema);
    const result = await checkInBooking(tenant, actor, id, body);
    // Its status now: checked in, or attended when the instructor marked it before this "already".
    const { status } = await bookingView(tenant, id);
    return Response.json(
      {
        booking: { id: result.bookingId, status, checkedInAt: result.checkedInAt.toISOString() },
        outcome: result.outcome,
        message: result.message,
      },
      { headers: noStore },
    );
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
