import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { assignedClients } from "~/services/people/instructor.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";

/** GET /api/instructors/:id/clients?page=&perPage=: the clients assigned to them, by name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const instructorId = requireId(params.id);
    const page = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!page.success) throw validationError(page.error);
    const listed = await assignedClients(tenant, actor, instructorId, page.data);
    return Response.json(listed, { headers: { ...noStore, ...nextPageLink(request.url, listed.pagination) } });
  });
}
