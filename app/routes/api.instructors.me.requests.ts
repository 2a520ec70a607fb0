import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { instructorQueue } from "~/services/requests/views.server";
import { Forbidden } from "~/services/shared/errors";

/** GET /api/instructors/me/requests — the open requests waiting on the calling instructor. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    if (actor.role === "client" || actor.role === "receptionist" || actor.role === "finance_manager")
      throw new Forbidden("Only instructors have a request queue.");
    return Response.json({ requests: await instructorQueue(tenant, actor) }, { headers: noStore });
  });
}
