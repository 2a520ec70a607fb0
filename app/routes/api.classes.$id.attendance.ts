import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { ClassAttendanceBody } from "~/services/desk/attendance.schema";
import { markClassAttendance } from "~/services/desk/attendance.server";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/classes/:id/attendance { date?, attendees: [clientId], absent: [clientId] } — a
 * class's attendance in one go (`id` an occurrence, or a series with `date`): counts of what
 * changed, and what the no-show rule did for particular people.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const body = await readOptionalJson(request, ClassAttendanceBody);
    const result = await markClassAttendance(tenant, actor, id, body);
    return Response.json(result, { headers: noStore });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
