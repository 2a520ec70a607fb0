import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { clientBookings } from "~/services/booking/views.server";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, pageOf, pageWindow } from "~/services/shared/pages";

/** GET /api/clients/:id/bookings — a client's booking history, latest first: their own, or staff who may see them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const clientId = requireId(params.id);
    const query = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const rows = await clientBookings(tenant, actor, clientId, pageWindow(query.data));
    const { items, pagination } = pageOf(rows, query.data);
    return Response.json(
      { bookings: items, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}
