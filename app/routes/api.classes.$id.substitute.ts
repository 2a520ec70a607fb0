import type { ActionFunctionArgs } from "@remix-run/node";
import {
  ApiError,
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { conflictJson, occurrenceJson } from "~/services/schedule/class-json";
import { SubstituteSchema } from "~/services/schedule/class-series.schema";
import { coverOccurrence } from "~/services/schedule/occurrence-admin.server";

const REFUSALS = {
  "not-here": "This instructor does not teach at this class's location",
  "already-teaching": "This instructor already teaches this class",
};

// POST /api/classes/:id/substitute { instructorId } — someone else covers one meeting.
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const { instructorId } = await readJson(request, SubstituteSchema);
    const outcome = await coverOccurrence(tenant, actor, id, instructorId);
    if (outcome.ok) return Response.json({ occurrence: occurrenceJson(outcome.value) });
    if (outcome.reason === "conflict") return Response.json(conflictJson(outcome.conflicts), { status: 409 });
    throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
      instructorId: [REFUSALS[outcome.reason]],
    });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
