import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientCredits } from "~/services/credits/ledger.server";
import { creditsJson } from "~/services/credits/pages.server";
import { requireApiActor, requireId, withApiErrors } from "~/services/identity/api.server";

// GET /api/clients/:id/credits — balance, grants and ledger: the client themself, or staff who may see them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const credits = await clientCredits(tenant, actor, requireId(params.id));
    return Response.json(creditsJson(credits), { headers: { "Cache-Control": "no-store" } });
  });
}
