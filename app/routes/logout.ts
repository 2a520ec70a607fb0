import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/route-handlers/read-form.server";
import { signOut, signOutEverywhere } from "~/services/identity/auth.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

const CLEAR_ON_SIGN_OUT = '"cache", "storage"';

/** Sign out this browser, or (`scope=everywhere`, from My account) every session and API token. */
export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const everywhere = (await readForm(request)).get("scope") === "everywhere";
  const response = await (everywhere ? signOutEverywhere(request, tenant) : signOut(request, tenant));
  // The browser drops what it kept for this studio: the offline worker, its copies of the
  // client's bookings, and cached pages (docs/decisions/0011).
  response.headers.set("Clear-Site-Data", CLEAR_ON_SIGN_OUT);
  return response;
}

export async function loader() {
  return redirect("/");
}
