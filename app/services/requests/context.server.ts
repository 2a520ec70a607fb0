import { type BookingRequest, findBookingRequest, listRequestPeople } from "~/models/booking-request.server";
import { findLocationById } from "~/models/location.server";
import { findService } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import type { Actor } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { requestFacts } from "./notices.server";
import { type RequestRole, responderRole } from "./rules";

const MISSING = "There is no such request.";

/** A request with what its pages, answers and messages need: service, location, people, settings. */
export async function requestContext(x: Executor, tenant: Tenant, request: BookingRequest) {
  const ids = [request.clientId, request.instructorId, request.requestedInstructorId, request.proposedInstructorId];
  const [service, location, settings, people, instructorsHere] = await Promise.all([
    findService(x, tenant, request.serviceId),
    findLocationById(x, tenant, request.locationId),
    findStudioSettings(x, tenant),
    listRequestPeople(x, tenant, [...new Set(ids.filter((id): id is string => id !== null))]),
    listBookableInstructors(x, tenant, request.locationId),
  ]);
  if (!service || !location) throw new Error("a booking request lost its service or location");
  const byId = new Map(people.map((p) => [p.id, p]));
  const client = byId.get(request.clientId);
  if (!client) throw new Error("a booking request lost its client");
  const teaching = service.locationIds.includes(location.id) ? instructorsHere : [];
  return {
    request,
    service,
    location,
    settings,
    client,
    nameOf: (id: string | null) => (id ? (byId.get(id)?.fullName ?? null) : null),
    /** Who teaches this service at its location: who may take it, or be handed it. */
    instructorsHere: teaching,
    facts: requestFacts(request, client, service, location),
  };
}

export type RequestContext = Awaited<ReturnType<typeof requestContext>>;

/**
 * The request as this person may know it: the client's own, or one staff may answer (with their
 * role). Anyone else, including staff of other locations, learns nothing: 404.
 */
export async function requireRequestFor(
  x: Executor,
  tenant: Tenant,
  actor: Actor & Pick<User, "id">,
  id: string,
): Promise<RequestContext & { role: RequestRole | "client" }> {
  const request = await findBookingRequest(x, tenant, id);
  if (!request) throw new NotFound(MISSING);
  const context = await requestContext(x, tenant, request);
  if (actor.role === "client") {
    if (request.clientId !== actor.id) throw new NotFound(MISSING);
    return { ...context, role: "client" };
  }
  const role = responderRole(
    actor,
    request,
    context.instructorsHere.map((i) => i.id),
  );
  if (!role) throw new NotFound(MISSING);
  return { ...context, role };
}
