import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { listRange } from "~/services/booking/api.server";
import { InstructorScheduleQuerySchema, SCHEDULE_MAX_DAYS } from "~/services/booking/instructor-api.schema";
import { instructorSchedule } from "~/services/booking/instructor-api.server";
import { ApiError, requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery } from "~/services/schedule/queries.schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * GET /api/instructors/:id/schedule?from=&to=&locationId=: the classes they teach and the 1:1
 * sessions booked with them over local days (at most a month: one answer, not a paged list).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const instructorId = requireId(params.id);
    const query = parseQuery(InstructorScheduleQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { from: fromDate, to: toDate, locationId } = query.data;
    const days = Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS) + 1;
    if (days < 1 || days > SCHEDULE_MAX_DAYS)
      throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
        to: [`to is from or up to ${SCHEDULE_MAX_DAYS - 1} days after it`],
      });
    const { from, to } = await listRange(tenant, { from: { date: fromDate }, to: { date: toDate }, locationId });
    const schedule = await instructorSchedule(tenant, actor, instructorId, {
      from: from as Date,
      to: to as Date,
      locationId,
    });
    return Response.json({ from: fromDate, to: toDate, ...schedule }, { headers: noStore });
  });
}
