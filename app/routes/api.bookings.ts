import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { BookingListQuerySchema } from "~/services/booking/api.schema";
import { listRange } from "~/services/booking/api.server";
import { listBookings } from "~/services/booking/views.server";
import { ApiError, requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";

/**
 * GET /api/bookings?from=&to=&locationId=&instructorId=&clientId=&status= — the bookings the
 * caller may see (a client their own, an instructor what they teach, staff their locations'),
 * soonest first. `from`/`to` are instants with an offset or dates (a `to` date includes that day).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(BookingListQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { from, to } = await listRange(tenant, query.data);
    if (from && to && from.getTime() >= to.getTime())
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { to: ["to must be after from"] });
    const bookings = await listBookings(tenant, actor, { ...query.data, from, to });
    return Response.json({ bookings }, { headers: noStore });
  });
}
