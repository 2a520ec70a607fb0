import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { creditsCsv } from "~/services/reports/credits.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

// Outstanding credits as a spreadsheet, for the same days and place as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { stream, filename } = await creditsCsv(tenant, actor, {
      query,
      remembered: await rememberedLocationId(request),
    });
    return csvResponse(stream, filename);
  });
}
