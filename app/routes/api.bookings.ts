import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { bookClassAnswer, bookSessionAnswer, idempotencyKeyOf, noStore } from "~/route-handlers/booking-api.server";
import { BookingListQuerySchema, NewBookingSchema } from "~/services/booking/api.schema";
import { listRange } from "~/services/booking/api.server";
import { listBookingsPage } from "~/services/booking/views.server";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";

const ListQuerySchema = BookingListQuerySchema.merge(PageQuerySchema);

/**
 * GET /api/bookings?from=&to=&locationId=&instructorId=&clientId=&status=&page=&perPage= — the
 * bookings the caller may see (a client their own, an instructor what they teach, staff their
 * locations'), soonest first, a page at a time. `from`/`to` are instants with an offset or dates
 * (a `to` date includes that day).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(ListQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { page, perPage, ...filters } = query.data;
    const { from, to } = await listRange(tenant, filters);
    if (from && to && from.getTime() >= to.getTime())
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { to: ["to must be after from"] });
    const { bookings, pagination } = await listBookingsPage(tenant, actor, { ...filters, from, to }, { page, perPage });
    return Response.json(
      { bookings, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}

/**
 * POST /api/bookings { type: "session", …the session's fields } or { type: "class", …the
 * class's } — books exactly as POST /api/bookings/session or /api/bookings/class does.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const body = await readJson(request, NewBookingSchema);
    return body.type === "session"
      ? bookSessionAnswer(tenant, actor, body, idempotencyKey)
      : bookClassAnswer(tenant, actor, body, idempotencyKey);
  });
}
