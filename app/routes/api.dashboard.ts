import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { dashboard } from "~/services/reports/dashboard.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

/**
 * GET /api/dashboard?location=all|<id> — today, this week and this month so far beside the
 * stretch before (minor units and formatted), the scope, this month by location and today's
 * classes. Without `location`, the header's last choice; a location the caller may not see
 * falls back to all of theirs.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const figures = await dashboard(tenant, actor, {
      requested: new URL(request.url).searchParams.get("location"),
      remembered: await rememberedLocationId(request),
    });
    return Response.json(figures, { headers: noStore });
  });
}
