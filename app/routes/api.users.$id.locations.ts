import type { ActionFunctionArgs } from "@remix-run/node";
import {
  ApiError,
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { StaffLocationsSchema } from "~/services/people/team.schema";
import { assignLocations } from "~/services/people/team.server";

export async function loader() {
  return methodNotAllowed(["POST"]);
}

/**
 * POST /api/users/:id/locations `{ accessible_locations: uuid[] }`: the complete list of where
 * a staff member works. The owner sets any; a manager adds or removes only their own locations.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const { accessible_locations } = await readJson(request, StaffLocationsSchema);
    const outcome = await assignLocations(tenant, actor, id, accessible_locations);
    if (!outcome.ok) {
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
        accessible_locations: ["Choose open locations of this studio"],
      });
    }
    return Response.json({ user: outcome.member });
  });
}
