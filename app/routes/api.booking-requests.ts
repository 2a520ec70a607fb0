import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { idempotencyKeyOf, noStore } from "~/route-handlers/booking-api.server";
import { ApiError, readJson, requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { createBookingRequest } from "~/services/requests/create.server";
import { RequestApiSchema, RequestListQuerySchema } from "~/services/requests/schema";
import { listRequestsFor, showRequest } from "~/services/requests/views.server";
import { parseQuery } from "~/services/schedule/queries.schema";

/**
 * GET /api/booking-requests?status= — a client's own requests; staff the requests they may
 * answer (an instructor theirs and "any" where they teach, managers their locations', the owner all).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(RequestListQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const requests = await listRequestsFor(tenant, actor, query.data.status);
    return Response.json({ requests }, { headers: noStore });
  });
}

/**
 * POST /api/booking-requests { serviceId, locationId, instructorId?, preferredTimes: [instant],
 * notes? } — a client asks for a session of an instructor-led service. 201 with the request.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
    const { tenant, actor } = await requireApiActor(request);
    // Accepted for symmetry with the booking API; a request spends nothing until it is booked.
    idempotencyKeyOf(request);
    const body = await readJson(request, RequestApiSchema);
    const created = await createBookingRequest(tenant, actor, { ...body, instructorId: body.instructorId ?? null });
    const view = await showRequest(tenant, created);
    return Response.json({ request: view }, { status: 201, headers: noStore });
  });
}
