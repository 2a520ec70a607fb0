import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ServiceApiSchema } from "~/services/catalogue/service.schema";
import { serviceJson } from "~/services/catalogue/service-json";
import { browseServices, createService } from "~/services/catalogue/services.server";
import {
  ApiError,
  readJson,
  requireApiActor,
  requireApiTenant,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { SERVICE_TYPES } from "~db/schema/tenant";

const BrowseQuery = z.object({
  type: z.enum(SERVICE_TYPES).optional(),
  locationId: z.string().uuid("locationId must be a location id").optional(),
});

// GET /api/services?type=session&locationId=… — services on offer; anyone may browse them.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const query = BrowseQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const services = await browseServices(tenant, query.data);
    return Response.json({ services: services.map(serviceJson) });
  });
}

// POST /api/services — owners, and managers for their own locations.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use GET or POST");
    const { tenant, actor } = await requireApiActor(request);
    const input = await readJson(request, ServiceApiSchema);
    const service = await createService(tenant, actor, input);
    return Response.json({ service: serviceJson(service) }, { status: 201 });
  });
}
