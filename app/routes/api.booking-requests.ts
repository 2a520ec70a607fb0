import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  readJson,
  requireApiActor,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { createBookingRequest } from "~/services/requests/create.server";
import { RequestApiSchema, RequestListQuerySchema } from "~/services/requests/schema";
import { listRequestsFor, showRequest } from "~/services/requests/views.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

/**
 * GET /api/booking-requests?status=&page=&perPage= — a client's own requests; staff the requests
 * they may answer (an instructor theirs and "any" where they teach, managers their locations',
 * the owner all).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(RequestListQuerySchema.merge(PageQuerySchema), new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { status, ...page } = query.data;
    const { items, pagination } = slicePage(await listRequestsFor(tenant, actor, status), page);
    return Response.json(
      { requests: items, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}

/**
 * POST /api/booking-requests { serviceId, locationId, instructorId?, preferredTimes: [instant],
 * notes? } — a client asks for a session of an instructor-led service. 201 with the request.
 * Once per `Idempotency-Key`: a retried request is not asked twice.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, async (request) => {
      const body = await readJson(request, RequestApiSchema);
      const created = await createBookingRequest(tenant, actor, { ...body, instructorId: body.instructorId ?? null });
      const view = await showRequest(tenant, created);
      return Response.json({ request: view }, { status: 201, headers: noStore });
    });
  });
}
