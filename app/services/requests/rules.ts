import type { BookingRequest } from "~/models/booking-request.server";
import { type Actor, canAccessLocation } from "~/services/identity/permissions";

/**
 * Who may answer a booking request: the instructor it waits on (for "any", an instructor who
 * teaches at its location), and, as the studio, the owner and the location's managers, who may
 * also hand it to another instructor. Pure, so every case is unit-tested.
 */
export type RequestRole = "instructor" | "manager";

export function responderRole(
  actor: Actor,
  request: Pick<BookingRequest, "instructorId" | "locationId">,
  instructorsHere: readonly string[],
): RequestRole | null {
  if (actor.role === "org_owner") return "manager";
  if (actor.role === "location_manager" && canAccessLocation(actor, request.locationId)) return "manager";
  const waitsOnThem = request.instructorId
    ? request.instructorId === actor.id
    : instructorsHere.includes(actor.id) && canAccessLocation(actor, request.locationId);
  return waitsOnThem ? "instructor" : null;
}

/** Waiting on someone: the instructor (pending) or the client (a proposed time). */
export const OPEN_REQUEST_STATUSES = ["pending", "proposed"] as const;

export function isOpen(request: Pick<BookingRequest, "status">): boolean {
  return request.status === "pending" || request.status === "proposed";
}

export const STATUS_WORDS: Record<BookingRequest["status"], string> = {
  pending: "Waiting for the instructor",
  proposed: "Another time proposed",
  accepted: "Booked",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

/** Up to three preferred times, each distinct. */
export const MAX_PREFERRED_TIMES = 3;
