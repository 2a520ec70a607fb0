import type { ActionFunctionArgs } from "@remix-run/node";
import { bookClassAnswer, idempotencyKeyOf } from "~/route-handlers/booking-api.server";
import { ClassBookingSchema } from "~/services/booking/api.schema";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/class { occurrenceId | classId + startTime, locationId?, spotsRequested?,
 * clientId?, notes? } — places in one dated class. A full class is 409 CLASS_FULL.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, ClassBookingSchema);
    return bookClassAnswer(tenant, actor, body, idempotencyKey);
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
