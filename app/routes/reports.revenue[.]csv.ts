import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { revenueCsv } from "~/services/reports/revenue.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

// The revenue report as a spreadsheet, for the same grouping, days and place as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { stream, filename } = await revenueCsv(tenant, actor, {
      query,
      remembered: await rememberedLocationId(request),
    });
    return csvResponse(stream, filename);
  });
}
