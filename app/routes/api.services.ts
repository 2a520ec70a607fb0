import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ServiceApiSchema, ServiceBrowseQuerySchema } from "~/services/catalogue/service.schema";
import { serviceJson } from "~/services/catalogue/service-json";
import { browseServices, createService } from "~/services/catalogue/services.server";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  allowMethods,
  readJson,
  requireApiActor,
  requireApiTenant,
  validationError,
  withApiErrors,
} from "~/services/identity/api.server";
import { nextPageLink, PageQuerySchema, slicePage } from "~/services/shared/pages";

// GET /api/services?type=session&locationId=… — services on offer, a page at a time; anyone may browse them.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const query = ServiceBrowseQuerySchema.merge(PageQuerySchema).safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!query.success) throw validationError(query.error);
    // A studio's catalogue is short: read whole, then paged.
    const { items, pagination } = slicePage(await browseServices(tenant, query.data), query.data);
    return Response.json(
      { services: items.map(serviceJson), pagination },
      { headers: nextPageLink(request.url, pagination) },
    );
  });
}

// POST /api/services — owners, and managers for their own locations; once per Idempotency-Key.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, async (request) => {
      const service = await createService(tenant, actor, await readJson(request, ServiceApiSchema));
      return Response.json({ service: serviceJson(service) }, { status: 201 });
    });
  });
}
