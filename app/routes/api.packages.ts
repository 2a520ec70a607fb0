import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiTenant, withApiErrors } from "~/services/api.server";
import { packagesOnSale } from "~/services/packages.server";

// GET /api/packages — the packages on sale; anyone may see them. Money in minor units.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    return Response.json({ packages: await packagesOnSale(tenant) });
  });
}
