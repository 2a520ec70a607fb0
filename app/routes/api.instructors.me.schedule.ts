import type { LoaderFunctionArgs } from "@remix-run/node";
import { teachingSchedule } from "~/services/booking/teaching.server";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { parseQuery, TeachingQuerySchema } from "~/services/schedule/queries.schema";
import { classJson } from "~/services/schedule/timetable-json";

/** GET /api/instructors/me/schedule?date=&view=day|week&locationId=: what the caller teaches. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(TeachingQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const schedule = await teachingSchedule(tenant, actor, query.data);
    return Response.json({
      view: schedule.view,
      date: schedule.date,
      days: schedule.days.map((day) => ({
        date: day.date,
        atTwoLocations: day.atTwoLocations,
        // Classes only here; the API's session bookings are GET /api/bookings.
        items: day.items.flatMap((item) =>
          item.kind === "class" ? [{ kind: "class", ...classJson(item), travel: item.travel }] : [],
        ),
      })),
    });
  });
}
