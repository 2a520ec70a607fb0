import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { ClassNoteBody } from "~/services/desk/attendance.schema";
import { saveClassNote } from "~/services/desk/attendance.server";
import { ApiError, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";

/**
 * POST /api/classes/:id/notes { date?, notes } — the class's note for its date, replacing the
 * last one; empty notes clear it.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const body = await readOptionalJson(request, ClassNoteBody);
    const note = await saveClassNote(tenant, actor, id, body);
    return Response.json({ note }, { headers: noStore });
  });
}
