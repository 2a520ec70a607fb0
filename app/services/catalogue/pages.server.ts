import { listActiveLocations } from "~/models/location.server";
import { listServices } from "~/models/service.server";
import { assertCan, can, canAccessLocation, mayEver } from "~/services/identity/permissions";
import { Forbidden } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Service, User } from "~db/schema/tenant";
import { formatPrice, getService } from "./services.server";

/** Who books, in the words a client would use. */
export function whoBooks(service: Pick<Service, "bookingMode" | "selfBookingEnabled" | "instructorBookingEnabled">) {
  if (service.bookingMode === "self_booking") return "Book online yourself";
  if (service.bookingMode === "instructor_led") return "Your instructor books you in";
  if (service.bookingMode === "admin_only") return "Booked through the studio";
  const who = [
    service.selfBookingEnabled ? "you online" : null,
    service.instructorBookingEnabled ? "your instructor" : null,
    "the studio",
  ].filter(Boolean);
  return `Booked by ${who.slice(0, -1).join(", ")} or ${who.at(-1)}`;
}

function mayManage(actor: User | null, service: Service) {
  return (
    actor !== null && service.locationIds.every((locationId) => can(actor, "service.create", { locationId }).allowed)
  );
}

/**
 * The catalogue page: services on offer (at one location, if chosen) by type, for anyone. Staff
 * who manage services also get the archived ones, and edit links for those they may change.
 */
export async function cataloguePage(tenant: Tenant, actor: User | null, locationId: string | null) {
  const locations = await listActiveLocations(database(), tenant);
  const chosen = locations.find((l) => l.id === locationId)?.id ?? null;
  const manager = actor !== null && mayEver(actor.role, "service.create");
  const services = await listServices(database(), tenant, {
    locationId: chosen ?? undefined,
    includeArchived: manager,
  });
  const names = new Map(locations.map((l) => [l.id, l.name]));
  const view = (service: Service) => ({
    id: service.id,
    name: service.name,
    description: service.description,
    type: service.type,
    durationMinutes: service.durationMinutes,
    capacity: service.capacity,
    price: service.priceMinor === 0 ? "Free" : formatPrice(service.priceMinor, tenant.studio.currency),
    locations: service.locationIds.flatMap((id) => names.get(id) ?? []),
    whoBooks: whoBooks(service),
    canEdit: mayManage(actor, service),
  });
  const offered = services.filter((s) => !s.archivedAt).map(view);
  return {
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    chosenLocationId: chosen,
    sessions: offered.filter((s) => s.type === "session"),
    classes: offered.filter((s) => s.type === "class"),
    archived: services.filter((s) => s.archivedAt).map(view),
    canAdd: manager,
  };
}

/** The locations a service form offers: the ones this actor may put services at. */
export async function serviceFormLocations(tenant: Tenant, actor: User) {
  if (!mayEver(actor.role, "service.create")) throw new Forbidden("Your role cannot add or change services.");
  const locations = await listActiveLocations(database(), tenant);
  return locations.filter((l) => canAccessLocation(actor, l.id)).map((l) => ({ id: l.id, name: l.name }));
}

/** A service to edit: only if every one of its locations is the actor's. */
export async function findEditableService(tenant: Tenant, actor: User, id: string) {
  const service = await getService(tenant, id);
  for (const locationId of service.locationIds) {
    assertCan(actor, "service.create", { locationId }, "You can only change services at the locations you manage.");
  }
  return { service, locations: await serviceFormLocations(tenant, actor) };
}
