import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiTenant, validationError, withApiErrors } from "~/services/identity/api.server";
import { ClassesQuerySchema, parseQuery } from "~/services/schedule/queries.schema";
import { daySchedule } from "~/services/schedule/timetable.server";
import { classJson } from "~/services/schedule/timetable-json";

/** GET /api/classes?locationId=&date=: one location's classes on one local day; public. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const query = parseQuery(ClassesQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const day = await daySchedule(tenant, query.data);
    return Response.json({
      location: day.location,
      date: day.date,
      nextDateWithClasses: day.nextWithClasses?.date ?? null,
      classes: day.classes.map(classJson),
    });
  });
}
