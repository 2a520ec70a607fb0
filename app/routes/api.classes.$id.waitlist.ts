import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noStore, readOptionalJson } from "~/route-handlers/booking-api.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  requireApiActor,
  requireId,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";
import { JoinWaitlistBody } from "~/services/waitlist/api.schema";
import { inLineJson, waitlistForApi } from "~/services/waitlist/api.server";
import { joinWaitlist } from "~/services/waitlist/line.server";

/**
 * GET /api/classes/:id/waitlist?page=&perPage= — the class's line, a page of it, for staff at
 * its location; a client sees only their own place in it (`entry`, null when not in line).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const page = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!page.success) throw validationError(page.error);
    const line = await waitlistForApi(tenant, actor, requireId(params.id));
    if ("entry" in line) return Response.json(line, { headers: noStore });
    const { items, pagination } = slicePage(line.waitlist, page.data);
    return Response.json(
      { waitlist: items, pagination },
      { headers: { ...noStore, ...nextPageLink(request.url, pagination) } },
    );
  });
}

/**
 * POST /api/classes/:id/waitlist { clientId? } — join the line (staff add a client): 201 with the
 * place. Once per `Idempotency-Key`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const occurrenceId = requireId(params.id);
    return answerOnce(tenant, actor, request, async (request) => {
      const { clientId } = await readOptionalJson(request, JoinWaitlistBody);
      const joined = await joinWaitlist(tenant, actor, { occurrenceId, clientId });
      return Response.json({ entry: inLineJson(joined) }, { status: 201, headers: noStore });
    });
  });
}
