import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ApiError, readJson, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { LocationSchema } from "~/services/studio/location.schema";
import { listOpenLocations, locationJson } from "~/services/studio/location.server";
import { createLocation } from "~/services/studio/location-admin.server";

/** GET /api/locations: the studio's open locations, for anyone signed in. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant } = await requireApiActor(request);
    return Response.json({ locations: (await listOpenLocations(tenant)).map(locationJson) });
  });
}

/** POST /api/locations: the owner opens a location. */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use GET or POST");
    const { tenant, actor } = await requireApiActor(request);
    const input = await readJson(request, LocationSchema);
    const outcome = await createLocation(tenant, actor, input);
    if (!outcome.ok) {
      throw new ApiError(409, "LOCATION_NAME_TAKEN", "Another location already has this name", {
        name: ["Another location already has this name"],
      });
    }
    return Response.json({ location: locationJson(outcome.location) }, { status: 201 });
  });
}
