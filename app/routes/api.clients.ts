import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiActor, validationError, withApiErrors } from "~/services/identity/api.server";
import { ClientSearchSchema } from "~/services/people/client.schema";
import { listClients } from "~/services/people/client.server";
import { locationContext } from "~/services/studio/location-context.server";

// GET /api/clients?q=&page= — the same clients, scope and order as the /clients page.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const params = new URL(request.url).searchParams;
    const parsed = ClientSearchSchema.safeParse({
      q: params.get("q") ?? undefined,
      page: params.get("page") || undefined,
    });
    if (!parsed.success) throw validationError(parsed.error);
    const context = await locationContext(request, tenant, actor);
    const list = await listClients(tenant, actor, { ...parsed.data, selectedLocation: context.selected });
    return Response.json(list, { headers: { "Cache-Control": "no-store" } });
  });
}
