import { ALL_LOCATIONS, locationContext, locationScope } from "~/services/studio/location-context.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

/** The header switcher's choice for front-desk pages: the location ids and how to name them. */
export async function frontDeskPlace(request: Request, tenant: Tenant, actor: User) {
  const context = await locationContext(request, tenant, actor);
  const name =
    context.selected === ALL_LOCATIONS
      ? "all locations"
      : (context.options.find((o) => o.id === context.selected)?.name ?? "your locations");
  return { locationIds: locationScope(context), name };
}
