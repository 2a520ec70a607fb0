import { listActiveClassSeries } from "~/models/class-series.server";
import { findClientsMatching } from "~/models/client.server";
import { listActiveLocations } from "~/models/location.server";
import { listServices } from "~/models/service.server";
import { findStaffById, listBookableInstructors } from "~/models/staff.server";
import { assertCan, can } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { type PageRequest, pageOf, pageWindow, slicePage } from "~/services/shared/pages";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, User } from "~db/schema/tenant";
import { staffSummary } from "./team.server";

const TEACHING_ROLES: readonly User["role"][] = ["instructor", "trainer", "org_owner"];

/**
 * The people who can be booked to train or teach: instructors, trainers and owners (who
 * nearly always train clients too), active, optionally only those at one open location.
 * Part of the schedule, so anyone signed in may see it: clients choose their trainer.
 * A page of them: the list is the studio's whole team at most, so it is read whole.
 */
export async function listInstructors(tenant: Tenant, actor: User, locationId: string | null, page: PageRequest) {
  assertCan(actor, "schedule.view");
  const locations = await listActiveLocations(database(), tenant);
  if (locationId && !locations.some((l) => l.id === locationId)) throw new NotFound("No location with that id");
  const people = await listBookableInstructors(database(), tenant, locationId);
  const { items, pagination } = slicePage(people, page);
  return {
    instructors: items.map((person) => {
      const { id, fullName, role, locations: at } = staffSummary(person, locations);
      return { id, fullName, role, locations: at };
    }),
    pagination,
  };
}

/**
 * One active instructor, trainer or owner and the open locations they work at (an owner works
 * at all of them). Anyone else, or a deactivated one, is not an instructor: 404.
 */
export async function requireInstructor(
  tenant: Tenant,
  id: string,
): Promise<{ instructor: User; locations: Location[] }> {
  const [instructor, active] = await Promise.all([
    findStaffById(database(), tenant, id),
    listActiveLocations(database(), tenant),
  ]);
  if (!instructor || !TEACHING_ROLES.includes(instructor.role) || instructor.status !== "active")
    throw new NotFound("No instructor has that id");
  const locations =
    instructor.role === "org_owner" ? active : active.filter((l) => instructor.accessibleLocations.includes(l.id));
  return { instructor, locations };
}

/**
 * An instructor's profile: who they are, where they work and what they teach (the classes of
 * their running series; the 1:1 sessions offered where they work). Public to anyone who may see
 * the schedule; the email and phone only to themselves and to staff who see the team at one of
 * their locations (the team page's rule).
 */
export async function instructorProfile(tenant: Tenant, actor: User, id: string) {
  assertCan(actor, "schedule.view");
  const { instructor, locations } = await requireInstructor(tenant, id);
  const [services, series] = await Promise.all([
    listServices(database(), tenant),
    listActiveClassSeries(database(), tenant),
  ]);
  const here = new Set(locations.map((l) => l.id));
  const classIds = new Set(series.filter((s) => s.instructorId === instructor.id).map((s) => s.serviceId));
  const teaches = services.filter((s) =>
    s.type === "class" ? classIds.has(s.id) : s.locationIds.some((locationId) => here.has(locationId)),
  );
  const seesContact =
    actor.id === instructor.id || can(actor, "team.view", { anyOfLocationIds: locations.map((l) => l.id) }).allowed;
  return {
    id: instructor.id,
    fullName: instructor.fullName,
    role: instructor.role,
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    services: teaches.map((s) => ({ id: s.id, name: s.name, type: s.type, durationMinutes: s.durationMinutes })),
    contact: seesContact ? { email: instructor.email, phone: instructor.phone } : null,
  };
}

/**
 * A page of the clients assigned to an instructor (the matrix's "assigned clients"), by name:
 * for the instructor themselves, the owner, and managers of one of the instructor's locations
 * (who see those of the assigned clients tied to their locations).
 */
export async function assignedClients(tenant: Tenant, actor: User, instructorId: string, page: PageRequest) {
  const { instructor, locations } = await requireInstructor(tenant, instructorId);
  const self = actor.id === instructor.id;
  const manages =
    actor.role === "location_manager" &&
    can(actor, "client.view_list", { anyOfLocationIds: locations.map((l) => l.id) }).allowed;
  if (!self && actor.role !== "org_owner" && !manages)
    throw new Forbidden("Only the instructor, their managers and the owner see their clients.");
  const rows = await findClientsMatching(database(), tenant, {
    search: "",
    locationIds: manages ? actor.accessibleLocations : null,
    assignedTo: instructor.id,
    ...pageWindow(page),
  });
  const { items, pagination } = pageOf(rows, page);
  return {
    clients: items.map((c) => ({ id: c.id, fullName: c.fullName, email: c.email, phone: c.phone })),
    pagination,
  };
}
