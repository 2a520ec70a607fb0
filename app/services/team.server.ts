import { listActiveLocations } from "~/models/location.server";
import { listStaff } from "~/models/user.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { roleLabel } from "./navigation";
import { assertCan } from "./permissions";
import type { Tenant } from "./tenant.server";

/** The studio's team with the locations each works at. Staff only. */
export async function listTeam(tenant: Tenant, actor: User) {
  assertCan(actor, "team.view", {}, "Only the studio's team can see this page.");
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
