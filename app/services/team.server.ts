import { listActiveLocations } from "~/models/location.server";
import { listStaff } from "~/models/user.server";
import { database } from "~db/client";
import { STAFF_ROLES, type User } from "~db/schema/tenant";
import { roleLabel } from "./navigation";
import type { Tenant } from "./tenant.server";

export class Forbidden extends Response {
  constructor(message = "Your account cannot open this page.") {
    super(message, { status: 403, statusText: "Forbidden" });
  }
}

export function isStaff(user: User) {
  return (STAFF_ROLES as readonly string[]).includes(user.role);
}

/** The studio's team with the locations each works at. Staff only. */
export async function listTeam(tenant: Tenant, actor: User) {
  if (!isStaff(actor)) throw new Forbidden("Only the studio's team can see this page.");
  const [staff, locations] = await Promise.all([
    listStaff(database(), tenant),
    listActiveLocations(database(), tenant),
  ]);
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  return staff.map((member) => ({
    id: member.id,
    fullName: member.fullName,
    email: member.email,
    role: roleLabel(member.role),
    status: member.status,
    locations:
      member.role === "org_owner"
        ? ["All locations"]
        : member.accessibleLocations.map((id) => locationName.get(id)).filter((n): n is string => Boolean(n)),
  }));
}
