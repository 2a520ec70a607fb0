import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ServiceApiSchema } from "~/services/catalogue/service.schema";
import { serviceJson } from "~/services/catalogue/service-json";
import { editService, getOfferedService, setServiceArchived } from "~/services/catalogue/services.server";
import {
  allowMethods,
  readJson,
  requireApiActor,
  requireApiTenant,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";

// GET /api/services/:id — anyone may read an offered service (archived ones are 404).
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const service = await getOfferedService(tenant, requireId(params.id));
    return Response.json({ service: serviceJson(service) });
  });
}

// PATCH replaces the service's settings (send them all); DELETE archives it (history is kept).
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH", "DELETE"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    if (request.method === "PATCH") {
      const service = await editService(tenant, actor, id, await readJson(request, ServiceApiSchema));
      return Response.json({ service: serviceJson(service) });
    }
    const service = await setServiceArchived(tenant, actor, id, true);
    return Response.json({ service: serviceJson(service) });
  });
}
