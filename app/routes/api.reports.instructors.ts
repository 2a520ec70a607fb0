import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { instructorsReport, REBOOK_WINDOW_DAYS } from "~/services/reports/instructors.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

/**
 * GET /api/reports/instructors?from&to&location — each instructor's sessions, classes, attendance
 * and rebooking over the days (each location's own clock), for the owner and managers.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = new URL(request.url).searchParams;
    const { scope, days, instructors } = await instructorsReport(
      tenant,
      actor,
      query,
      await rememberedLocationId(request),
    );
    if (days.error) throw new ApiError(400, "INVALID_PERIOD", days.error);
    return Response.json(
      {
        period: { from: days.from, to: days.to },
        location: scope.selected,
        locations: scope.locations,
        rebookWindowDays: REBOOK_WINDOW_DAYS,
        instructors,
      },
      { headers: noStore },
    );
  });
}
