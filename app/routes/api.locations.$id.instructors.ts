import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { listInstructors } from "~/services/people/instructor.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";

/** GET /api/locations/:id/instructors: who teaches at the location, as /api/instructors?locationId= shows them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const locationId = requireId(params.id);
    const query = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const listed = await listInstructors(tenant, actor, locationId, query.data);
    return Response.json(listed, { headers: nextPageLink(request.url, listed.pagination) });
  });
}
