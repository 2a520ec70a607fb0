import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { creditsReport } from "~/services/reports/credits.server";

/** GET /api/reports/credits?from&to&location — outstanding credits per package now, and those that expired unused in the days. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const report = await creditsReport(tenant, actor, { query: new URL(request.url).searchParams, remembered: null });
    if (report.error) throw new ApiError(400, "VALIDATION_ERROR", report.error, { from: [report.error] });
    const { options, label, allLabel, error, query, ...figures } = report;
    return Response.json({ ...figures, locations: options, scope: label }, { headers: noStore });
  });
}
