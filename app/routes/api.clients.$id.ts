import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ApiError, readJson, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";
import { ClientPatchSchema } from "~/services/people/client.schema";
import { editClient, viewClient } from "~/services/people/client.server";

const noStore = { headers: { "Cache-Control": "no-store" } };

// GET /api/clients/:id — a client as the caller may see them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const { client } = await viewClient(tenant, actor, requireId(params.id));
    return Response.json({ client }, noStore);
  });
}

// PATCH /api/clients/:id — only the fields sent; a change the caller may not make is a 403 and
// nothing of the request is saved.
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "PATCH") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use GET or PATCH");
    const { tenant, actor } = await requireApiActor(request);
    const clientId = requireId(params.id);
    const changes = await readJson(request, ClientPatchSchema);
    const outcome = await editClient(tenant, actor, clientId, changes);
    if (!outcome.ok && outcome.reason === "email-taken") {
      throw new ApiError(409, "EMAIL_TAKEN", "Someone else at this studio already uses that email", {
        email: ["Someone else at this studio already uses that email"],
      });
    }
    if (!outcome.ok) {
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
        instructorIds: ["Only active instructors, trainers or the owner can be assigned"],
      });
    }
    const { client } = await viewClient(tenant, actor, clientId);
    return Response.json({ client }, noStore);
  });
}
