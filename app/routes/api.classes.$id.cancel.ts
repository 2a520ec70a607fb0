import type { ActionFunctionArgs } from "@remix-run/node";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { occurrenceJson } from "~/services/schedule/class-json";
import { CancelOccurrenceSchema } from "~/services/schedule/class-series.schema";

// POST /api/classes/:id/cancel { reason } — one meeting; the rest of its series is untouched.
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const { reason } = await readJson(request, CancelOccurrenceSchema);
    const occurrence = await cancelOccurrence(tenant, actor, id, reason);
    return Response.json({ occurrence: occurrenceJson(occurrence) });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
