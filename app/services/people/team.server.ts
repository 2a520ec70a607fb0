import { revokeInvitations } from "~/models/invitation.server";
import { listActiveLocations, listAllLocations } from "~/models/location.server";
import { findStaffById, listStaffAt, lockActiveOwnerIds, updateStaff } from "~/models/staff.server";
import { endAllSessions } from "~/services/identity/auth.server";
import { assertCan, can, mayEver } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { roleLabel } from "~/services/studio/navigation";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, User } from "~db/schema/tenant";
import { type AssignableRole, assertMayManage, mayManage, rolesAssignableBy } from "./team-rules";

async function requireStaffMember(tenant: Tenant, id: string) {
  const member = await findStaffById(database(), tenant, id);
  if (!member) throw new NotFound("No one on the team has that id");
  return member;
}

function locationNames(member: User, locations: Location[]) {
  const byId = new Map(locations.map((l) => [l.id, l.name]));
  return member.accessibleLocations.map((id) => byId.get(id)).filter((n): n is string => Boolean(n));
}

/**
 * The team at the locations in view (`null`: all of them, including staff with no location),
 * owners always included, with what the actor may do about each.
 */
export async function listTeam(tenant: Tenant, actor: User, locationIds: string[] | null) {
  assertCan(actor, "team.view", {}, "Only the studio's team can see this page.");
  const [staff, locations] = await Promise.all([
    listStaffAt(database(), tenant, locationIds),
    listActiveLocations(database(), tenant),
  ]);
  return {
    canInvite: mayEver(actor.role, "team.invite"),
    members: staff.map((member) => ({
      id: member.id,
      fullName: member.fullName,
      email: member.email,
      role: roleLabel(member.role),
      status: member.status,
      locations: member.role === "org_owner" ? ["All locations"] : locationNames(member, locations),
      canManage: mayManage(actor, member),
    })),
  };
}

/** A staff member as the API shows them, with the names of the locations they work at. */
export function staffSummary(member: User, locations: Location[]) {
  const byId = new Map(locations.map((l) => [l.id, l.name]));
  return {
    id: member.id,
    fullName: member.fullName,
    role: member.role,
    status: member.status,
    locations: member.accessibleLocations.flatMap((id) => {
      const name = byId.get(id);
      return name ? [{ id, name }] : [];
    }),
  };
}
export type StaffSummary = ReturnType<typeof staffSummary>;

/** Everything the staff member page shows, and which of its forms this actor gets. */
export async function getStaffMember(tenant: Tenant, actor: User, id: string) {
  const member = await requireStaffMember(tenant, id);
  assertMayManage(actor, member);
  const active = await listActiveLocations(database(), tenant);
  const self = member.id === actor.id;
  return {
    member: {
      id: member.id,
      fullName: member.fullName,
      email: member.email,
      role: member.role,
      roleLabel: roleLabel(member.role),
      status: member.status,
      accessibleLocations: member.accessibleLocations,
    },
    // Tick boxes for the locations the actor may change; the rest are listed, untouchable.
    locationOptions: active
      .filter((l) => can(actor, "team.manage", { locationId: l.id }).allowed)
      .map((l) => ({ id: l.id, name: l.name })),
    otherLocations: active
      .filter((l) => !can(actor, "team.manage", { locationId: l.id }).allowed)
      .filter((l) => member.accessibleLocations.includes(l.id))
      .map((l) => ({ id: l.id, name: l.name })),
    roleOptions:
      actor.role === "org_owner" && !self && member.role !== "org_owner" ? rolesAssignableBy(actor.role) : [],
    // The signed-in owner is active, so any other owner they see is never the last one.
    canDeactivate: member.status !== "deactivated" && !self,
    canReactivate: member.status === "deactivated",
    canResendInvitation: member.status === "invited",
  };
}

export type LocationsOutcome = { ok: true; member: StaffSummary } | { ok: false; reason: "unknown-location" };

/**
 * Sets where someone works, as a complete list. A manager may add or remove only their own
 * locations; the member's other locations must come back unchanged.
 */
export async function assignLocations(
  tenant: Tenant,
  actor: User,
  memberId: string,
  locationIds: string[],
): Promise<LocationsOutcome> {
  const member = await requireStaffMember(tenant, memberId);
  assertMayManage(actor, member);
  const all = await listAllLocations(database(), tenant);
  const open = new Set(all.filter((l) => l.isActive).map((l) => l.id));
  const added = locationIds.filter((id) => !member.accessibleLocations.includes(id));
  const removed = member.accessibleLocations.filter((id) => !locationIds.includes(id));
  // Someone may keep a location that has since closed, but nobody is newly sent to one.
  if (added.some((id) => !open.has(id))) return { ok: false, reason: "unknown-location" };
  for (const id of [...added, ...removed]) {
    assertCan(actor, "team.manage", { locationId: id }, "You can only change who works at your own locations.");
  }
  const primary = member.primaryLocationId;
  const updated = await updateStaff(database(), tenant, member.id, {
    accessibleLocations: locationIds,
    primaryLocationId: primary && locationIds.includes(primary) ? primary : (locationIds[0] ?? null),
  });
  if (!updated) throw new NotFound("No one on the team has that id");
  return { ok: true, member: staffSummary(updated, all) };
}

/** The owner changes what someone does (never their own role, never another owner's). */
export async function changeRole(tenant: Tenant, actor: User, memberId: string, role: AssignableRole) {
  const member = await requireStaffMember(tenant, memberId);
  assertMayManage(actor, member);
  if (actor.role !== "org_owner") throw new Forbidden("Only the studio owner can change someone's role.");
  if (member.id === actor.id || member.role === "org_owner") throw new Forbidden("An owner's role stays as it is.");
  await updateStaff(database(), tenant, member.id, { role });
}

export type DeactivateOutcome = { ok: true } | { ok: false; reason: "self" | "last-owner" };

/**
 * Stops someone signing in, at once: their sessions end and their API tokens are revoked.
 * Their history stays. Nobody deactivates themselves, and the studio always keeps an owner.
 */
export async function deactivateStaff(tenant: Tenant, actor: User, memberId: string): Promise<DeactivateOutcome> {
  const member = await requireStaffMember(tenant, memberId);
  assertMayManage(actor, member);
  if (member.id === actor.id) return { ok: false, reason: "self" };
  return database().transaction(async (tx) => {
    const owners = await lockActiveOwnerIds(tx, tenant);
    if (owners.length === 1 && owners[0] === member.id) return { ok: false, reason: "last-owner" };
    await updateStaff(tx, tenant, member.id, { status: "deactivated" });
    // Signed out everywhere now, and a later reactivation does not revive an old cookie.
    await endAllSessions(tx, tenant, member.id);
    // An invitation link sent before must not bring them back.
    await revokeInvitations(tx, tenant, member.id, new Date());
    return { ok: true };
  });
}

/** Lets someone back in; a person who never joined is invited again (send them a new link). */
export async function reactivateStaff(tenant: Tenant, actor: User, memberId: string) {
  const member = await requireStaffMember(tenant, memberId);
  assertMayManage(actor, member);
  await updateStaff(database(), tenant, member.id, { status: member.passwordHash ? "active" : "invited" });
}
