import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";
import { JoinWaitlistBody } from "~/services/waitlist/api.schema";
import { inLineJson, waitlistForApi } from "~/services/waitlist/api.server";
import { joinWaitlist } from "~/services/waitlist/line.server";

/**
 * GET /api/classes/:id/waitlist — the class's line for staff at its location; a client sees
 * only their own place in it (`entry`, null when not in line).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const line = await waitlistForApi(tenant, actor, requireId(params.id));
    return Response.json(line, { headers: noStore });
  });
}

/** POST /api/classes/:id/waitlist { clientId? } — join the line (staff add a client): 201 with the place. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use GET or POST");
    const { tenant, actor } = await requireApiActor(request);
    const occurrenceId = requireId(params.id);
    const { clientId } = await readOptionalJson(request, JoinWaitlistBody);
    const joined = await joinWaitlist(tenant, actor, { occurrenceId, clientId });
    return Response.json({ entry: inLineJson(joined) }, { status: 201, headers: noStore });
  });
}
