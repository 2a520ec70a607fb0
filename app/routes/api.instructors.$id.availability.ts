import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  locationJson,
  queryOf,
  SlotQuerySchema,
  serviceSummaryJson,
  slotJson,
} from "~/route-handlers/availability-json";
import { noStore } from "~/route-handlers/booking-api.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  readJson,
  requireApiActor,
  requireApiTenant,
  requireId,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { AvailabilityChangeSchema } from "~/services/schedule/availability.schema";
import { instructorSlots } from "~/services/schedule/availability.server";
import { changeAvailability } from "~/services/schedule/availability-api.server";

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

/**
 * POST /api/instructors/:id/availability { action: "add_block" | "remove_block" | "add_time_off" |
 * "add_extra_hours" | "remove_exception", … } — one change to their weekly hours or dates, as the
 * availability pages make it (the instructor themselves; the owner and managers for their team).
 * Answers the hours as they now are: 201 after an add, 200 after a removal.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const instructorId = requireId(params.id);
    return answerOnce(tenant, actor, request, async (request) => {
      const change = await readJson(request, AvailabilityChangeSchema);
      const changed = await changeAvailability(tenant, actor, instructorId, change);
      const status = change.action.startsWith("add_") ? 201 : 200;
      return Response.json(changed, { status, headers: noStore });
    });
  });
}
