import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { outsideNewHours } from "~/services/schedule/opening-hours-change.server";
import { LocationPatchSchema } from "~/services/studio/location.schema";
import { getLocation, locationJson } from "~/services/studio/location.server";
import { findEditableLocation, type LocationRefusal, updateLocation } from "~/services/studio/location-admin.server";

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

/** As the edit page: new hours that strand classes or booked sessions are saved once confirmed. */
const PatchSchema = LocationPatchSchema.extend({ confirmOutsideHours: z.boolean().optional() });

/**
 * PATCH /api/locations/:id: the owner, or a manager of this location, changes any of its fields.
 * New opening hours that would leave upcoming classes or booked sessions outside them answer 409
 * `OUTSIDE_NEW_HOURS`, naming each, unless `confirmOutsideHours: true` is sent.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const { confirmOutsideHours, ...changes } = await readJson(request, PatchSchema);
    if (changes.operatingHours && !confirmOutsideHours) {
      // Only someone who may change the location learns what is booked there.
      await findEditableLocation(tenant, actor, id);
      const outside = await outsideNewHours(tenant, id, changes.operatingHours);
      if (outside.length > 0)
        throw new ApiError(
          409,
          "OUTSIDE_NEW_HOURS",
          `${outside.length === 1 ? "One class or session" : `${outside.length} classes and sessions`} would fall outside the new hours. Send confirmOutsideHours: true to save them anyway.`,
          { operatingHours: outside.map((item) => `${item.when}: ${item.what}`) },
        );
    }
    const outcome = await updateLocation(tenant, actor, id, changes);
    if (!outcome.ok) {
      const [code, message, field] = REFUSALS[outcome.reason];
      throw new ApiError(409, code, message, { [field]: [message] });
    }
    return Response.json({ location: locationJson(outcome.location) });
  });
}
