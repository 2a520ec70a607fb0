import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/route-handlers/read-form.server";
import { signOut, signOutEverywhere } from "~/services/identity/auth.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

/** Sign out this browser, or (`scope=everywhere`, from My account) every session and API token. */
export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  if ((await readForm(request)).get("scope") === "everywhere") return signOutEverywhere(request, tenant);
  return signOut(request, tenant);
}

export async function loader() {
  return redirect("/");
}
