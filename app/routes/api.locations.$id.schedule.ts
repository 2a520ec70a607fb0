import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DayItem } from "~/services/booking/day-views.server";
import { locationSchedule } from "~/services/booking/location-schedule.server";
import { requireApiActor, requireId, validationError, withApiErrors } from "~/services/identity/api.server";
import { checkRange, DateRangeFields } from "~/services/schedule/range.schema";
import { classJson } from "~/services/schedule/timetable-json";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

const QuerySchema = DateRangeFields.merge(PageQuerySchema).superRefine(checkRange);

/** A class as /api/classes shows it; a session with the client's name only for who may see it. */
function itemJson(item: DayItem) {
  if (item.kind === "class") return { kind: "class" as const, ...classJson(item) };
  return {
    kind: "session" as const,
    id: item.id,
    name: item.name,
    client: item.client === null ? null : { name: item.client },
    status: item.status,
    instructor: { name: item.instructor },
    location: { id: item.locationId, name: item.location, timezone: item.timezone },
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
    localDate: item.date,
    localStartTime: item.time,
    localEndTime: item.endTime,
  };
}

/** GET /api/locations/:id/schedule?from=&to=: the location's classes (and, for its desk, sessions) over some days. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    const url = new URL(request.url);
    const query = QuerySchema.safeParse(
      Object.fromEntries(["from", "to", "page", "perPage"].map((key) => [key, url.searchParams.get(key) || undefined])),
    );
    if (!query.success) throw validationError(query.error);
    const schedule = await locationSchedule(tenant, actor, id, query.data);
    const { items, pagination } = slicePage(schedule.items, query.data);
    return Response.json(
      {
        location: schedule.location,
        from: schedule.from,
        to: schedule.to,
        withSessions: schedule.withSessions,
        items: items.map(itemJson),
        pagination,
      },
      { headers: { "Cache-Control": "no-store", ...nextPageLink(request.url, pagination) } },
    );
  });
}
