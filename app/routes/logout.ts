import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut, signOutEverywhere } from "~/services/identity/auth.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

/** Sign out this browser, or (`scope=everywhere`, from My account) every session and API token. */
export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  if (form?.get("scope") === "everywhere") return signOutEverywhere(request, tenant);
  return signOut(request, tenant);
}

export async function loader() {
  return redirect("/");
}
