import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiTenant, requireId, withApiErrors } from "~/services/api.server";
import { classDetail } from "~/services/schedule.server";
import { classDetailJson } from "~/services/schedule-json";

/** GET /api/classes/:id: one class's details; public, 404 for anything not a class here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const detail = await classDetail(tenant, requireId(params.id));
    return Response.json({ class: classDetailJson(detail) });
  });
}
