import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { paymentLinesCsv } from "~/services/reports/payments.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

// Every payment and refund the summary counts, one line each, streamed page by page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { stream, filename } = await paymentLinesCsv(tenant, actor, {
      query,
      remembered: await rememberedLocationId(request),
    });
    return csvResponse(stream, filename);
  });
}
