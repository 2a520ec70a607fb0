import { assertCan, can } from "~/services/identity/permissions";
import { Forbidden } from "~/services/shared/errors";
import type { Role, StaffRole, User } from "~db/schema/tenant";

/**
 * Who may bring whom onto the team, and manage them after. Pure: the team pages use it to
 * offer only what the server will accept.
 */

/** Roles the owner can give: every staff role but owner (ownership is not handed out by invite). */
export const ASSIGNABLE_ROLES = [
  "location_manager",
  "instructor",
  "trainer",
  "receptionist",
  "finance_manager",
] as const satisfies readonly StaffRole[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** A location manager builds the floor team of their own locations, not other managers. */
const MANAGER_ASSIGNABLE_ROLES = ["instructor", "trainer", "receptionist"] as const satisfies readonly StaffRole[];

/** The roles this person may invite someone as, or move someone to. */
export function rolesAssignableBy(role: Role): readonly AssignableRole[] {
  if (role === "org_owner") return ASSIGNABLE_ROLES;
  if (role === "location_manager") return MANAGER_ASSIGNABLE_ROLES;
  return [];
}

type Member = Pick<User, "role" | "accessibleLocations">;
type Manager = Pick<User, "id" | "role" | "accessibleLocations">;

/** The owner manages anyone on the team; a manager the floor staff who share one of their locations. */
export function mayManage(actor: Manager, member: Member) {
  if (member.role === "client") return false;
  if (!can(actor, "team.manage", { anyOfLocationIds: member.accessibleLocations }).allowed) return false;
  return actor.role === "org_owner" || (rolesAssignableBy(actor.role) as readonly Role[]).includes(member.role);
}

export function assertMayManage(actor: Manager, member: Member) {
  assertCan(actor, "team.manage");
  assertCan(
    actor,
    "team.manage",
    { anyOfLocationIds: member.accessibleLocations },
    "You can only manage people who work at your locations.",
  );
  if (!mayManage(actor, member)) {
    throw new Forbidden("You can manage the instructors, trainers and receptionists of your locations.", "role");
  }
}
