import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { allowMethods, readJson, requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { OwnProfilePatchSchema } from "~/services/people/client.schema";
import { updateOwnProfile, viewOwnProfile } from "~/services/people/own-profile.server";
import { ownParqReminder } from "~/services/people/parq.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

async function ownView(tenant: Tenant, actor: User) {
  const [profile, parq] = await Promise.all([viewOwnProfile(tenant, actor), ownParqReminder(tenant, actor)]);
  return Response.json(
    { client: { ...profile, parq: parq && { status: parq.status, required: parq.reminder } } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

// GET /api/clients/me — the signed-in client's own details.
export async function loader({ request }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    return ownView(tenant, actor);
  });
}

// PATCH /api/clients/me — own fields only; a studio-only field in the body is a 400 naming it.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH"]);
    const { tenant, actor } = await requireApiActor(request);
    await updateOwnProfile(tenant, actor, await readJson(request, OwnProfilePatchSchema));
    return ownView(tenant, actor);
  });
}
