import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { redeemHandoffToken, signIn } from "~/services/identity/auth.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

// Lands a newly signed-up owner on their studio's subdomain, signed in. GET, because it is
// followed from a redirect; the token is single-use and expires within minutes.
export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const user = token ? await redeemHandoffToken(tenant, token) : null;
  if (!user) return redirect("/login?expired=1");
  return signIn(tenant, user, "/?welcome=1");
}
