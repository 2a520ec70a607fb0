import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { csvResponse } from "~/route-handlers/csv-response";
import { requireStaffActor } from "~/services/identity/actor.server";
import { paymentsCsv } from "~/services/payments/report.server";

// The payments page's period as a spreadsheet: streamed, so a long period starts at once.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const { stream, filename } = await paymentsCsv(tenant, actor, new URL(request.url).searchParams);
    return csvResponse(stream, filename);
  });
}
