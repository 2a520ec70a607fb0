import { Forbidden } from "~/services/shared/errors";
import { requireTenant, type Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { requireUser } from "./auth.server";

export type StudioActor = { tenant: Tenant; actor: User };

/**
 * The studio of this request and who is acting in it. Every loader and action calls this (or
 * the API's requireApiActor) itself: a parent layout's loader does not protect a child's action.
 */
export async function requireStudioActor(request: Request): Promise<StudioActor> {
  const tenant = await requireTenant(request);
  const actor = await requireUser(request, tenant);
  return { tenant, actor };
}

export function isStaff(user: Pick<User, "role">) {
  return user.role !== "client";
}

export async function requireStaffActor(request: Request): Promise<StudioActor> {
  const found = await requireStudioActor(request);
  if (!isStaff(found.actor)) throw new Forbidden("Only the studio's team can open this page.");
  return found;
}
