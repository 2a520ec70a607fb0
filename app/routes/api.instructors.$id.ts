import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";
import { instructorProfile } from "~/services/people/instructor.server";

/** GET /api/instructors/:id: who they are, where they work, what they teach; contact details for staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const instructor = await instructorProfile(tenant, actor, requireId(params.id));
    return Response.json({ instructor }, { headers: noStore });
  });
}
