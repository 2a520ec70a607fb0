import type { LoaderFunctionArgs } from "@remix-run/node";
import { InstructorsQuerySchema } from "~/services/booking/instructor-api.schema";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { listInstructors } from "~/services/people/instructor.server";
import { nextPageLink, PageQuerySchema } from "~/services/shared/pages";

/** GET /api/instructors?locationId=&page=&perPage=: who can be booked as an instructor, optionally at one location. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const url = new URL(request.url);
    const query = InstructorsQuerySchema.merge(PageQuerySchema).safeParse({
      locationId: url.searchParams.get("locationId") || undefined,
      page: url.searchParams.get("page") ?? undefined,
      perPage: url.searchParams.get("perPage") ?? undefined,
    });
    if (!query.success) throw validationError(query.error);
    const { locationId, ...page } = query.data;
    const listed = await listInstructors(tenant, actor, locationId ?? null, page);
    return Response.json(listed, { headers: nextPageLink(request.url, listed.pagination) });
  });
}
