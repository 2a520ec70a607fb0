import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  locationJson,
  queryOf,
  SlotQuerySchema,
  serviceSummaryJson,
  slotJson,
} from "~/route-handlers/availability-json";
import { requireApiTenant, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { instructorSlots } from "~/services/schedule/availability.server";

/**
 * GET /api/instructors/:id/availability?date=YYYY-MM-DD&serviceId=&locationId= — one
 * instructor's bookable start times that day. Public, like the schedule.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const instructorId = requireId(params.id);
    const query = SlotQuerySchema.omit({ instructorId: true }).safeParse(queryOf(request));
    if (!query.success) throw validationError(query.error);
    const result = await instructorSlots(tenant, { ...query.data, instructorId });
    return Response.json({
      instructor: result.instructor,
      location: locationJson(result.location),
      service: serviceSummaryJson(result.service),
      date: result.date,
      slots: result.slots.map(slotJson),
    });
  });
}
