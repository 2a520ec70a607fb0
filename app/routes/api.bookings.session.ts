import type { ActionFunctionArgs } from "@remix-run/node";
import {
  assertBookingMethod,
  assertSameRequest,
  bookingResponse,
  idempotencyKeyOf,
} from "~/route-handlers/booking-api.server";
import { SessionBookingSchema } from "~/services/booking/api.schema";
import { bookSession } from "~/services/booking/engine.server";
import { ApiError, readJson, requireApiActor, withApiErrors } from "~/services/identity/api.server";

/**
 * POST /api/bookings/session { serviceId, locationId, startTime, instructorId?, clientId?,
 * notes?, bookingMethod?, override? } — a client books themselves, or staff book for `clientId`.
 * 201 with the booking; the same `Idempotency-Key` again answers 200 with that same booking.
 * An owner or manager books past published hours by naming them in `override`
 * (["instructor_hours", "opening_hours"]); without it such a time answers 409 naming them.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, SessionBookingSchema);
    assertBookingMethod(actor, body.bookingMethod, body);
    const outcome = await bookSession(
      tenant,
      actor,
      {
        serviceId: body.serviceId,
        locationId: body.locationId,
        startsAt: body.startTime,
        instructorId: body.instructorId,
        clientId: body.clientId,
        notes: body.notes,
        override: body.override,
      },
      { idempotencyKey },
    );
    assertSameRequest(
      outcome,
      (b) =>
        b.occurrenceId === null &&
        b.serviceId === body.serviceId &&
        b.locationId === body.locationId &&
        b.startsAt.getTime() === body.startTime.getTime() &&
        b.clientId === (body.clientId ?? actor.id) &&
        (!body.instructorId || b.instructorId === body.instructorId),
    );
    return bookingResponse(tenant, outcome, true);
  });
}
