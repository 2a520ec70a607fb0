import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiTenant, requireId, withApiErrors } from "~/services/identity/api.server";
import { classDetail } from "~/services/schedule/timetable.server";
import { classDetailJson } from "~/services/schedule/timetable-json";

/** GET /api/classes/:id: one class's details; public, 404 for anything not a class here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const detail = await classDetail(tenant, requireId(params.id));
    return Response.json({ class: classDetailJson(detail) });
  });
}
