import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { ClientApiQuerySchema, NewClientSchema } from "~/services/people/client.schema";
import { createClient, pageClients, viewClient } from "~/services/people/client.server";
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";
import { locationContext } from "~/services/studio/location-context.server";

const QuerySchema = ClientApiQuerySchema.merge(PageQuerySchema);

// GET /api/clients?q=&page=&perPage= — the same clients, scope and order as the /clients page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const parsed = parseQuery(QuerySchema, new URL(request.url).searchParams);
    if (!parsed.success) throw validationError(parsed.error);
    const context = await locationContext(request, tenant, actor);
    const list = await pageClients(tenant, actor, { ...parsed.data, selectedLocation: context.selected });
    return Response.json(list, {
      headers: { "Cache-Control": "no-store", ...nextPageLink(request.url, list.pagination) },
    });
  });
}

// POST /api/clients — staff add a client as /clients/new does: an account with no password yet.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, async (request) => {
      const input = await readJson(request, NewClientSchema);
      const outcome = await createClient(tenant, actor, { ...input, phone: input.phone ?? null });
      if (!outcome.ok && outcome.reason === "email-taken") {
        throw new ApiError(409, "EMAIL_TAKEN", "Someone at this studio already uses that email", {
          email: ["Someone at this studio already uses that email; search for them instead"],
        });
      }
      if (!outcome.ok) {
        throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
          locationId: ["Choose one of the studio's open locations you work at"],
        });
      }
      const { client } = await viewClient(tenant, actor, outcome.clientId);
      return Response.json({ client }, { status: 201, headers: { "Cache-Control": "no-store" } });
    });
  });
}
