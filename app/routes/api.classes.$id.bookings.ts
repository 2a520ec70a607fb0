import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { RosterQuerySchema } from "~/services/booking/api.schema";
import { classRoster } from "~/services/booking/views.server";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { Forbidden } from "~/services/shared/errors";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

/**
 * GET /api/classes/:id/bookings?date=YYYY-MM-DD — who is booked into one class: `:id` is the
 * dated occurrence, or its weekly series with `date`. For its instructor and staff there; paged.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    if (actor.role === "client") throw new Forbidden("A class's roster is for the studio's staff.");
    const id = requireId(params.id);
    const query = parseQuery(RosterQuerySchema.merge(PageQuerySchema), new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const roster = await classRoster(tenant, actor, id, query.data.date);
    // A roster is bounded by the class's places: read whole, then paged.
    const { items, pagination } = slicePage(roster.bookings, query.data);
    return Response.json(
      { occurrence: roster.occurrence, bookings: items, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}
