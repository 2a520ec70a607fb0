import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { instructorsCsv } from "~/services/reports/instructors.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

// The instructor report's table as a spreadsheet, for the same days and locations as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { stream, filename } = await instructorsCsv(tenant, actor, query, await rememberedLocationId(request));
    return csvResponse(stream, filename);
  });
}
