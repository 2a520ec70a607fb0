import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { revenueReport } from "~/services/reports/revenue.server";

/**
 * GET /api/reports/revenue?by=location|service|instructor&from&to&location — revenue per group
 * and per day (week, month), in minor units of the studio's currency.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const report = await revenueReport(tenant, actor, { query: new URL(request.url).searchParams, remembered: null });
    if (report.error) throw new ApiError(400, "VALIDATION_ERROR", report.error, { from: [report.error] });
    const { options, label, allLabel, error, query, ...figures } = report;
    return Response.json({ ...figures, locations: options, scope: label }, { headers: noStore });
  });
}
