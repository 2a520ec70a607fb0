import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { CompleteBookingBody } from "~/services/desk/attendance.schema";
import { completeSession } from "~/services/desk/attendance.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/bookings/:id/complete { attended, notes? } — the instructor (or the desk, or a
 * manager) marks a session attended or a no-show; a no-show follows the studio's rule, said in
 * `message`. Marking it as it already is only rewrites the note (`changed: false`).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    // A no-show may cost a credit or a fee: a retried mark must not be a second decision.
    return answerOnce(tenant, actor, request, async (request) => {
      const body = await readOptionalJson(request, CompleteBookingBody);
      const result = await completeSession(tenant, actor, id, { attended: body.attended, note: body.notes });
      return Response.json(result, { headers: noStore });
    });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
