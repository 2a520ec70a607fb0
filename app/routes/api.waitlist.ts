import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { JoinWaitlistByClassBody } from "~/services/waitlist/api.schema";
import { inLineJson } from "~/services/waitlist/api.server";
import { joinWaitlist } from "~/services/waitlist/line.server";

/**
 * POST /api/waitlist { classId, clientId? } — join a class's line (staff add a client): 201 with
 * the place. Once per `Idempotency-Key`: a retry answers the first place, not a refusal.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, async (request) => {
      const { classId, clientId } = await readJson(request, JoinWaitlistByClassBody);
      const joined = await joinWaitlist(tenant, actor, { occurrenceId: classId, clientId });
      return Response.json({ entry: inLineJson(joined) }, { status: 201, headers: noStore });
    });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
