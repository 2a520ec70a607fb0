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
import { parseQuery } from "~/services/schedule/queries.schema";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";
import { LocationSchema } from "~/services/studio/location.schema";
import { listOpenLocations, locationJson } from "~/services/studio/location.server";
import { createLocation } from "~/services/studio/location-admin.server";

/** GET /api/locations: the studio's open locations, for anyone signed in (a handful: paged whole). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant } = await requireApiActor(request);
    const query = parseQuery(PageQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { items, pagination } = slicePage(await listOpenLocations(tenant), query.data);
    return Response.json(
      { locations: items.map(locationJson), pagination },
      { headers: nextPageLink(request.url, pagination) },
    );
  });
}

/** POST /api/locations: the owner opens a location. */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, async (request) => {
      const input = await readJson(request, LocationSchema);
      const outcome = await createLocation(tenant, actor, input);
      if (!outcome.ok) {
        throw new ApiError(409, "LOCATION_NAME_TAKEN", "Another location already has this name", {
          name: ["Another location already has this name"],
        });
      }
      return Response.json({ location: locationJson(outcome.location) }, { status: 201 });
    });
  });
}
