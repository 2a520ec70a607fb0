import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { revenueAnalytics } from "~/services/reports/revenue.server";

/**
 * GET /api/dashboard/revenue?from&to&location — net revenue over time and by location, service
 * and instructor, for the owner and managers (report.view); minor units of `currency`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const { error, ...figures } = await revenueAnalytics(tenant, actor, {
      query: new URL(request.url).searchParams,
      remembered: null,
    });
    if (error) throw new ApiError(400, "VALIDATION_ERROR", error, { from: [error] });
    return Response.json(figures, { headers: noStore });
  });
}
