import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { ClientPatchSchema } from "~/services/people/client.schema";
import { type EditClientOutcome, editClient, viewClient } from "~/services/people/client.server";

const noStore = { headers: { "Cache-Control": "no-store" } };

type Refusal = Exclude<Extract<EditClientOutcome, { ok: false }>["reason"], "email-taken">;
const PATCH_REFUSALS: Record<Refusal, [string, string]> = {
  "unknown-instructor": ["instructorIds", "Only active instructors, trainers or the owner can be assigned"],
  "unknown-location": ["locationIds", "Only the studio's open locations can be added"],
  "no-location": ["locationIds", "Keep at least one location"],
};

// GET /api/clients/:id — a client as the caller may see them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const { client } = await viewClient(tenant, actor, requireId(params.id));
    return Response.json({ client }, noStore);
  });
}

// PATCH /api/clients/:id — only the fields sent; a change the caller may not make is a 403 and
// nothing of the request is saved. `locationIds` is the client's whole set of home locations.
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH"]);
    const { tenant, actor } = await requireApiActor(request);
    const clientId = requireId(params.id);
    const changes = await readJson(request, ClientPatchSchema);
    const outcome = await editClient(tenant, actor, clientId, changes);
    if (!outcome.ok) {
      const { reason } = outcome;
      if (reason === "email-taken") {
        throw new ApiError(409, "EMAIL_TAKEN", "Someone else at this studio already uses that email", {
          email: ["Someone else at this studio already uses that email"],
        });
      }
      const [field, message] = PATCH_REFUSALS[reason];
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { [field]: [message] });
    }
    const { client } = await viewClient(tenant, actor, clientId);
    return Response.json({ client }, noStore);
  });
}
