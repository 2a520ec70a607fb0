import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiTenant, validationError, withApiErrors } from "~/services/identity/api.server";
import { ClassesQuerySchema, parseQuery } from "~/services/schedule/queries.schema";
import { daySchedule } from "~/services/schedule/timetable.server";
import { classJson } from "~/services/schedule/timetable-json";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

/** GET /api/classes?locationId=&date=: one location's classes on one local day, a page at a time; public. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const query = parseQuery(ClassesQuerySchema.merge(PageQuerySchema), new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const day = await daySchedule(tenant, query.data);
    // One location's day is bounded: read whole, then paged.
    const { items, pagination } = slicePage(day.classes, query.data);
    return Response.json(
      {
        location: day.location,
        date: day.date,
        nextDateWithClasses: day.nextWithClasses?.date ?? null,
        classes: items.map(classJson),
        pagination,
      },
      { headers: nextPageLink(request.url, pagination) },
    );
  });
}
