import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  locationJson,
  queryOf,
  SlotQuerySchema,
  serviceSummaryJson,
  slotJson,
} from "~/route-handlers/availability-json";
import { requireApiTenant, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { availableSlots } from "~/services/schedule/availability.server";

/**
 * GET /api/services/:id/availability?date=YYYY-MM-DD&locationId=&instructorId= — every
 * instructor's bookable start times for one session on one day (or one instructor's).
 * The location defaults to the first one offering the session. Public, like the schedule.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const serviceId = requireId(params.id);
    const query = SlotQuerySchema.omit({ serviceId: true }).safeParse(queryOf(request));
    if (!query.success) throw validationError(query.error);
    const result = await availableSlots(tenant, { ...query.data, serviceId });
    return Response.json({
      service: serviceSummaryJson(result.service),
      location: locationJson(result.location),
      date: result.date,
      instructors: result.instructors.map((i) => ({ id: i.id, fullName: i.fullName, slots: i.slots.map(slotJson) })),
    });
  });
}
