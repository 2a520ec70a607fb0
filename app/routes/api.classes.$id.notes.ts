import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { ClassNoteBody } from "~/services/desk/attendance.schema";
import { saveClassNote } from "~/services/desk/attendance.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

/**
 * POST /api/classes/:id/notes { date?, notes } — the class's note for its date, replacing the
 * last one; empty notes clear it. Once per Idempotency-Key.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    return answerOnce(tenant, actor, request, async (request) => {
      const note = await saveClassNote(tenant, actor, id, await readOptionalJson(request, ClassNoteBody));
      return Response.json({ note }, { headers: noStore });
    });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
