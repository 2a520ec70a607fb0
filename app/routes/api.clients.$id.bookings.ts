import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { clientBookings } from "~/services/booking/views.server";
import { requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";

/** GET /api/clients/:id/bookings — a client's booking history, latest first: their own, or staff who may see them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const bookings = await clientBookings(tenant, actor, requireId(params.id));
    return Response.json({ bookings }, { headers: noStore });
  });
}
