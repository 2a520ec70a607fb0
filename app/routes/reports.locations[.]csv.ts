import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { locationsCsv } from "~/services/reports/locations.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

// The locations comparison as a spreadsheet, for the same days and locations as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { stream, filename } = await locationsCsv(tenant, actor, query, await rememberedLocationId(request));
    return csvResponse(stream, filename);
  });
}
