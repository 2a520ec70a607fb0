import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { ApiError, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { locationsReport } from "~/services/reports/locations.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

/**
 * GET /api/reports/locations?from&to&location — the locations side by side over the days (each
 * on its own clock) and their total; money in minor units of `currency`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = new URL(request.url).searchParams;
    const { scope, days, locations, total } = await locationsReport(
      tenant,
      actor,
      query,
      await rememberedLocationId(request),
    );
    if (days.error) throw new ApiError(400, "INVALID_PERIOD", days.error);
    return Response.json(
      {
        period: { from: days.from, to: days.to },
        location: scope.selected,
        currency: tenant.studio.currency,
        locations,
        total,
      },
      { headers: noStore },
    );
  });
}
