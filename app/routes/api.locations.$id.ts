import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ApiError, readJson, requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";
import { LocationPatchSchema } from "~/services/studio/location.schema";
import { getLocation, locationJson } from "~/services/studio/location.server";
import { type LocationRefusal, updateLocation } from "~/services/studio/location-admin.server";

const REFUSALS = {
  "name-taken": ["LOCATION_NAME_TAKEN", "Another location already has this name", "name"],
  "last-open-location": ["LAST_OPEN_LOCATION", "This is the studio's only open location", "isActive"],
} as const satisfies Record<LocationRefusal, readonly [string, string, string]>;

/** GET /api/locations/:id */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const location = await getLocation(tenant, actor, requireId(params.id));
    return Response.json({ location: locationJson(location) });
  });
}

/** PATCH /api/locations/:id: the owner, or a manager of this location, changes any of its fields. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "PATCH") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use GET or PATCH");
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const changes = await readJson(request, LocationPatchSchema);
    const outcome = await updateLocation(tenant, actor, id, changes);
    if (!outcome.ok) {
      const [code, message, field] = REFUSALS[outcome.reason];
      throw new ApiError(409, code, message, { [field]: [message] });
    }
    return Response.json({ location: locationJson(outcome.location) });
  });
}
