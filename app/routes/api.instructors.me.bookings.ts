import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { listRange } from "~/services/booking/api.server";
import { TeachingBookingsQuerySchema } from "~/services/booking/instructor-api.schema";
import { teachingBookings } from "~/services/booking/instructor-api.server";
import { ApiError, requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";

/**
 * GET /api/instructors/me/bookings?from=&to=&locationId=&status=&page=&perPage=: the bookings
 * the caller teaches, soonest first, as GET /api/bookings shows each.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(TeachingBookingsQuerySchema.merge(PageQuerySchema), new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { page, perPage, ...filters } = query.data;
    const { from, to } = await listRange(tenant, filters);
    if (from && to && from.getTime() >= to.getTime())
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { to: ["to must be after from"] });
    const listed = await teachingBookings(tenant, actor, { ...filters, from, to }, { page, perPage });
    return Response.json(listed, { headers: { ...noStore, ...nextPageLink(request.url, listed.pagination) } });
  });
}
