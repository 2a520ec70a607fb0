import type { LoaderFunctionArgs } from "@remix-run/node";
import { packagesOnSale } from "~/services/credits/packages.server";
import { requireApiTenant, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

// GET /api/packages?page&perPage — the packages on sale; anyone may see them. Money in minor
// units. A studio sells a handful, so the list is read whole and paged here.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const query = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { items, pagination } = slicePage(await packagesOnSale(tenant), query.data);
    return Response.json({ packages: items, pagination }, { headers: nextPageLink(request.url, pagination) });
  });
}
