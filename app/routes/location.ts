import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { safeRedirect } from "~/services/identity/auth.server";
import { chooseLocation } from "~/services/studio/location-context.server";

// The location switcher in the staff header posts here (a plain form: works without JS).
export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const form = await readForm(request);
    const back = safeRedirect(form.get("redirectTo"));
    const setCookie = await chooseLocation(request, tenant, actor, String(form.get("locationId") ?? ""));
    if (!setCookie) throw new Response("You do not work at that location.", { status: 403 });
    return redirect(back, { headers: { "Set-Cookie": setCookie } });
  });
}

export async function loader() {
  return redirect("/");
}
