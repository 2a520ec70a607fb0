import type { ActionFunctionArgs } from "@remix-run/node";
import { bookSessionAnswer, idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { SessionBookingSchema } from "~/services/booking/api.schema";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/session { serviceId, locationId, startTime, instructorId?, clientId?,
 * notes?, bookingMethod?, override? } — a client books themselves, or staff book for `clientId`.
 * 201 with the booking; the same `Idempotency-Key` again answers 200 with that same booking.
 * An owner or manager books past published hours by naming them in `override`
 * (["instructor_hours", "opening_hours"]); without it such a time answers 409 naming them.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, SessionBookingSchema);
    return bookSessionAnswer(tenant, actor, body, idempotencyKey);
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
