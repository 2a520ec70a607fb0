import type { ActionFunctionArgs } from "@remix-run/node";
import { assertSameRequest, bookingResponse, idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { ClassBookingSchema } from "~/services/booking/api.schema";
import { resolveClassOccurrence } from "~/services/booking/api.server";
import { bookClass } from "~/services/booking/engine.server";
import { ApiError, readJson, requireApiActor, withApiErrors } from "~/services/identity/api.server";

/**
 * POST /api/bookings/class { occurrenceId | classId + startTime, locationId?, spotsRequested?,
 * clientId?, notes? } — places in one dated class. A full class is 409 CLASS_FULL.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, ClassBookingSchema);
    const occurrenceId = await resolveClassOccurrence(tenant, body);
    const outcome = await bookClass(
      tenant,
      actor,
      { occurrenceId, spots: body.spotsRequested, clientId: body.clientId, notes: body.notes },
      { idempotencyKey },
    );
    assertSameRequest(outcome, (b) => b.occurrenceId === occurrenceId && b.clientId === (body.clientId ?? actor.id));
    return bookingResponse(tenant, outcome, true);
  });
}
