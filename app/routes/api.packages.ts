import type { LoaderFunctionArgs } from "@remix-run/node";
import { packagesOnSale } from "~/services/credits/packages.server";
import { requireApiTenant, withApiErrors } from "~/services/identity/api.server";

// GET /api/packages — the packages on sale; anyone may see them. Money in minor units.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    return Response.json({ packages: await packagesOnSale(tenant) });
  });
}
