import type { ActionFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import {
  allowMethods,
  methodNotAllowed,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { LeaveWaitlistBody } from "~/services/waitlist/api.schema";
import { entryJson } from "~/services/waitlist/api.server";
import { leaveWaitlist } from "~/services/waitlist/line.server";

/**
 * DELETE /api/waitlist/:id { reason? } — the client leaves the line; staff take someone off it
 * and must say why (422 without). An open offer goes to the next in line at once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["DELETE"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const { reason } = await readOptionalJson(request, LeaveWaitlistBody);
    const ended = await leaveWaitlist(tenant, actor, id, reason);
    return Response.json({ entry: entryJson(ended, null) }, { headers: noStore });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["DELETE"]);
}
