import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { instructorQueue } from "~/services/requests/views.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { Forbidden } from "~/services/shared/errors";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

/** GET /api/instructors/me/requests?page=&perPage= — the open requests waiting on the calling instructor. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    if (actor.role === "client" || actor.role === "receptionist" || actor.role === "finance_manager")
      throw new Forbidden("Only instructors have a request queue.");
    const page = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!page.success) throw validationError(page.error);
    const { items, pagination } = slicePage(await instructorQueue(tenant, actor), page.data);
    return Response.json(
      { requests: items, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}
