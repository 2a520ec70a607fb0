import type { ActionFunctionArgs } from "@remix-run/node";
import { idempotencyKeyOf, noStore } from "~/route-handlers/booking-api.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { type RequestAnswer, respondToRequest } from "~/services/requests/respond.server";
import { RespondApiSchema } from "~/services/requests/schema";
import { showRequest } from "~/services/requests/views.server";

/**
 * POST /api/booking-requests/:id/respond — { action: "accept", startTime, instructorId? } |
 * { action: "propose", startTime, instructorId?, note? } | { action: "decline", reason } |
 * { action: "reassign", instructorId } (owner and managers). Accepting books the session and
 * answers with `bookingId`; a refusal (the time taken since, no credit) leaves the request pending.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, RespondApiSchema);
    const answer: RequestAnswer =
      body.action === "accept" || body.action === "propose" ? { ...body, startsAt: body.startTime } : body;
    const outcome = await respondToRequest(tenant, actor, id, answer, { idempotencyKey });
    const view = await showRequest(tenant, outcome.request);
    return Response.json({ request: view }, { headers: noStore });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
