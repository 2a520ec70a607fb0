import type { LoaderFunctionArgs } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { studioExport } from "~/services/reports/studio-export.server";

// The studio's whole history as one ZIP, streamed as it is written; never cached (it is all of it).
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const { stream, filename } = await studioExport(tenant, actor, new Date());
    return new Response(stream, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
