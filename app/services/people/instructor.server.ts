import { listActiveLocations } from "~/models/location.server";
import { listBookableInstructors } from "~/models/staff.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { staffSummary } from "./team.server";

/**
 * The people who can be booked to train or teach: instructors, trainers and owners (who
 * nearly always train clients too), active, optionally only those at one open location.
 * Part of the schedule, so anyone signed in may see it: clients choose their trainer.
 */
export async function listInstructors(tenant: Tenant, actor: User, locationId: string | null) {
  assertCan(actor, "schedule.view");
  const locations = await listActiveLocations(database(), tenant);
  if (locationId && !locations.some((l) => l.id === locationId)) throw new NotFound("No location with that id");
  const people = await listBookableInstructors(database(), tenant, locationId);
  return people.map((person) => {
    const { id, fullName, role, locations: at } = staffSummary(person, locations);
    return { id, fullName, role, locations: at };
  });
}
