import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { listInstructors } from "~/services/people/instructor.server";

const QuerySchema = z.object({ locationId: z.string().uuid("locationId must be a location's id").optional() });

/** GET /api/instructors?locationId=: who can be booked as an instructor, optionally at one location. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const url = new URL(request.url);
    const query = QuerySchema.safeParse({ locationId: url.searchParams.get("locationId") || undefined });
    if (!query.success) throw validationError(query.error);
    const instructors = await listInstructors(tenant, actor, query.data.locationId ?? null);
    return Response.json({ instructors });
  });
}
