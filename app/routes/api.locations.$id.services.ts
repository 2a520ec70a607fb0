import type { LoaderFunctionArgs } from "@remix-run/node";
import { serviceJson } from "~/services/catalogue/service-json";
import { browseServices } from "~/services/catalogue/services.server";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";
import { getLocation } from "~/services/studio/location.server";

/** GET /api/locations/:id/services: what is on offer at the location, as /api/services?locationId= lists it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const location = await getLocation(tenant, actor, requireId(params.id));
    const query = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { items, pagination } = slicePage(await browseServices(tenant, { locationId: location.id }), query.data);
    return Response.json(
      { services: items.map(serviceJson), pagination },
      { headers: nextPageLink(request.url, pagination) },
    );
  });
}
