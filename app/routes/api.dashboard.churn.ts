import type { LoaderFunctionArgs } from "@remix-run/node";
import { noStore } from "~/route-handlers/booking-api.server";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { ChurnQuerySchema } from "~/services/reports/churn.schema";
import { churnAlerts } from "~/services/reports/churn.server";
import { parseQuery } from "~/services/schedule/queries.schema";

/**
 * GET /api/dashboard/churn?location=all|<id>&limit= — the clients at risk of leaving that the
 * caller looks after (owner and managers), most at risk first: each with the reasons in words
 * and the facts behind them as numbers and local dates.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const query = parseQuery(ChurnQuerySchema, new URL(request.url).searchParams);
    if (!query.success) throw validationError(query.error);
    const { scope, settings, total, alerts } = await churnAlerts(
      tenant,
      actor,
      { requested: query.data.location ?? null },
      new Date(),
      { limit: query.data.limit },
    );
    return Response.json(
      { location: scope.selected, label: scope.label, settings, total, clients: alerts },
      { headers: noStore },
    );
  });
}
