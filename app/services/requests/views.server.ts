import { DateTime } from "luxon";
import { type BookingRequest, listBookingRequests } from "~/models/booking-request.server";
import { listActiveLocations } from "~/models/location.server";
import { listServices } from "~/models/service.server";
import { listBookableInstructors } from "~/models/staff.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type RequestContext, requestContext, requireRequestFor } from "./context.server";
import { isOpen, OPEN_REQUEST_STATUSES, STATUS_WORDS } from "./rules";

const when = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).setLocale("en-GB").toFormat("ccc d LLL yyyy, HH:mm");

/** A request just written, as the API answers it (its names and clock read in one place). */
export async function showRequest(tenant: Tenant, request: BookingRequest) {
  return requestView(await requestContext(database(), tenant, request));
}

/** A request as pages and the API show it: times on the location's clock as words and instants. */
export function requestView(context: RequestContext) {
  const { request, location } = context;
  const zone = location.timezone;
  return {
    id: request.id,
    status: request.status,
    statusText: STATUS_WORDS[request.status],
    clientId: request.clientId,
    clientName: context.client.fullName,
    serviceId: request.serviceId,
    serviceName: context.service.name,
    locationId: request.locationId,
    locationName: location.name,
    instructorId: request.instructorId,
    instructorName: context.nameOf(request.instructorId) ?? "Any instructor",
    preferredTimes: request.preferredTimes.map((t) => ({ startTime: t.toISOString(), text: when(t, zone) })),
    notes: request.notes,
    proposed: request.proposedStartsAt
      ? {
          startTime: request.proposedStartsAt.toISOString(),
          text: when(request.proposedStartsAt, zone),
          instructorName: context.nameOf(request.proposedInstructorId),
        }
      : null,
    responseNote: request.responseNote,
    bookingId: request.bookingId,
    escalated: request.escalatedAt !== null && request.status === "pending",
    expiresAt: request.expiresAt.toISOString(),
    expiresText: when(request.expiresAt, zone),
    createdAt: request.createdAt.toISOString(),
  };
}

export type RequestView = ReturnType<typeof requestView>;

async function viewsOf(tenant: Tenant, requests: BookingRequest[]) {
  const db = database();
  return Promise.all(requests.map(async (r) => requestView(await requestContext(db, tenant, r))));
}

/**
 * The requests this person sees: a client their own; an instructor those waiting on them and
 * "any" requests where they teach; the owner every location's, a manager their locations'.
 * Receptionists answer none, so see none.
 */
export async function listRequestsFor(tenant: Tenant, actor: User, status?: BookingRequest["status"]) {
  const db = database();
  const statuses = status ? [status] : undefined;
  if (actor.role === "client")
    return viewsOf(tenant, await listBookingRequests(db, tenant, { clientId: actor.id, statuses }));
  if (actor.role === "org_owner") return viewsOf(tenant, await listBookingRequests(db, tenant, { statuses }));
  if (actor.role === "location_manager")
    return viewsOf(tenant, await listBookingRequests(db, tenant, { locationIds: actor.accessibleLocations, statuses }));
  if (actor.role === "instructor" || actor.role === "trainer") return instructorQueue(tenant, actor, statuses);
  return [];
}

/** An instructor's queue: theirs, and "any" requests at locations where they teach that session. */
export async function instructorQueue(tenant: Tenant, actor: User, statuses?: readonly BookingRequest["status"][]) {
  const db = database();
  const rows = await listBookingRequests(db, tenant, {
    queueOf: { instructorId: actor.id, locationIds: actor.accessibleLocations },
    statuses: statuses ?? OPEN_REQUEST_STATUSES,
  });
  const views = await Promise.all(
    rows.map(async (r) => {
      const context = await requestContext(db, tenant, r);
      const mine = r.instructorId === actor.id || context.instructorsHere.some((i) => i.id === actor.id);
      return mine ? requestView(context) : null;
    }),
  );
  return views.filter((v): v is RequestView => v !== null);
}

/** The studio's queue for owners and managers: open requests at their locations, escalated first. */
export async function studioQueue(tenant: Tenant, actor: User) {
  const db = database();
  const locationIds = actor.role === "org_owner" ? null : actor.accessibleLocations;
  const views = await viewsOf(
    tenant,
    await listBookingRequests(db, tenant, { locationIds, statuses: OPEN_REQUEST_STATUSES }),
  );
  return [...views.filter((v) => v.escalated), ...views.filter((v) => !v.escalated)];
}

/** One request's page: what it says, who may do what, and the instructors it may go to. */
export async function requestPage(tenant: Tenant, actor: User, id: string) {
  const context = await requireRequestFor(database(), tenant, actor, id);
  const view = requestView(context);
  const pending = context.request.status === "pending";
  return {
    request: view,
    role: context.role,
    zone: context.location.timezone,
    mayAnswer: context.role !== "client" && pending,
    mayReassign: context.role === "manager" && pending,
    mayWithdraw: context.role === "client" && isOpen(context.request),
    instructors: context.instructorsHere.map((i) => ({ id: i.id, name: i.fullName })),
  };
}

/** The form's choices: the instructor-led sessions, where each is offered and who teaches it there. */
export async function requestFormChoices(tenant: Tenant) {
  const db = database();
  const [services, locations] = await Promise.all([
    listServices(db, tenant, { type: "session" }),
    listActiveLocations(db, tenant),
  ]);
  const led = services.filter((s) => s.bookingMode === "instructor_led");
  const places = locations.filter((l) => led.some((s) => s.locationIds.includes(l.id)));
  const instructors = await Promise.all(
    places.map(async (l) => ({ location: l, people: await listBookableInstructors(db, tenant, l.id) })),
  );
  return {
    services: led.map((s) => ({
      id: s.id,
      name: s.name,
      minutes: s.durationMinutes,
      locationIds: s.locationIds.filter((id) => places.some((l) => l.id === id)),
    })),
    locations: places.map((l) => ({ id: l.id, name: l.name, zone: l.timezone })),
    instructors: instructors.flatMap(({ location, people }) =>
      people.map((p) => ({ id: p.id, name: p.fullName, locationId: location.id })),
    ),
  };
}
