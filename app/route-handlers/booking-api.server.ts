import type { ZodType, ZodTypeDef } from "zod";
import type { ClassBookingBody, SessionBookingBody } from "~/services/booking/api.schema";
import { bookingView, resolveClassOccurrence } from "~/services/booking/api.server";
import {
  type BookingOutcome,
  bookClass,
  bookSession,
  type CancelRequest,
  cancelBooking,
} from "~/services/booking/engine.server";
import { bookingMethodFor } from "~/services/booking/rules";
import { toBookingView } from "~/services/booking/views.server";
import { ApiError, validationError } from "~/services/identity/api.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Booking, BookingMethod, User } from "~db/schema/tenant";

/** Request parsing and answers shared by the booking API's routes. */

export const noStore = { "Cache-Control": "no-store" };

// One parser for the header, shared with the API's other creating routes.
export { idempotencyKeyOf } from "~/services/identity/answer-once.server";

/** A JSON body that may be left out altogether (a cancel needs no fields): empty reads as `{}`. */
export async function readOptionalJson<Output>(
  request: Request,
  schema: ZodType<Output, ZodTypeDef, unknown>,
): Promise<Output> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, "INVALID_JSON", "The request body must be JSON");
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * The spec's `bookingMethod`, when a caller sends it, states who is booking; the engine works
 * that out from the actor, so a claim that disagrees is refused before anything is written:
 * a client claiming a staff method is a 403, any other mismatch a 400.
 */
export function assertBookingMethod(
  actor: User,
  declared: BookingMethod | undefined,
  target: { clientId?: string; instructorId?: string },
) {
  if (!declared) return;
  const refuse = (status: 400 | 403, code: string, message: string) => {
    throw new ApiError(status, code, message, { bookingMethod: [message] });
  };
  if (actor.role === "client") {
    if (declared !== "self_booked")
      refuse(403, "BOOKING_METHOD_NOT_ALLOWED", "A client books for themselves: bookingMethod is self_booked.");
    return;
  }
  if (declared === "self_booked")
    refuse(
      400,
      "BOOKING_METHOD_MISMATCH",
      "self_booked is for a client booking themselves; staff book for a client as instructor_created or admin_created.",
    );
  if (!target.clientId || target.clientId === actor.id) return; // the engine asks for the client
  const expected = bookingMethodFor(actor, target.clientId, target.instructorId ?? "");
  if (declared !== expected)
    refuse(400, "BOOKING_METHOD_MISMATCH", `Your account books for a client as ${expected}, not ${declared}.`);
}

/**
 * A repeated key returns the first request's booking; if that booking is not what this request
 * asks for, the caller reused a key for a different request (422), which must not pass for success.
 */
export function assertSameRequest(outcome: BookingOutcome, matches: (booking: Booking) => boolean) {
  if (outcome.replayed && !matches(outcome.booking))
    throw new ApiError(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This Idempotency-Key was already used for a different request. Send a new key with each new request.",
    );
}

/**
 * The booking an engine call produced, as JSON: `created` (201) for a new booking, 200 for a
 * replayed one or a change to an existing one; `Idempotent-Replayed: true` says it was a repeat.
 */
export async function bookingResponse(tenant: Tenant, outcome: BookingOutcome, created: boolean) {
  const booking = outcome.shown ? toBookingView(outcome.shown) : await bookingView(tenant, outcome.booking.id);
  return Response.json(
    { booking },
    {
      status: created && !outcome.replayed ? 201 : 200,
      headers: { ...noStore, ...(outcome.replayed ? { "Idempotent-Replayed": "true" } : {}) },
    },
  );
}

/**
 * A session booked from the API's body: POST /api/bookings/session and POST /api/bookings with
 * `type: "session"` alike. 201 with the booking; a repeated key 200 with the first one.
 */
export async function bookSessionAnswer(
  tenant: Tenant,
  actor: User,
  body: SessionBookingBody,
  idempotencyKey: string | undefined,
) {
  assertBookingMethod(actor, body.bookingMethod, body);
  const outcome = await bookSession(
    tenant,
    actor,
    {
      serviceId: body.serviceId,
      locationId: body.locationId,
      startsAt: body.startTime,
      instructorId: body.instructorId,
      clientId: body.clientId,
      notes: body.notes,
      override: body.override,
    },
    { idempotencyKey },
  );
  assertSameRequest(
    outcome,
    (b) =>
      b.occurrenceId === null &&
      b.serviceId === body.serviceId &&
      b.locationId === body.locationId &&
      b.startsAt.getTime() === body.startTime.getTime() &&
      b.clientId === (body.clientId ?? actor.id) &&
      (!body.instructorId || b.instructorId === body.instructorId),
  );
  return bookingResponse(tenant, outcome, true);
}

/** Places in a class booked from the API's body: POST /api/bookings/class and POST /api/bookings `type: "class"`. */
export async function bookClassAnswer(
  tenant: Tenant,
  actor: User,
  body: ClassBookingBody,
  idempotencyKey: string | undefined,
) {
  const occurrenceId = await resolveClassOccurrence(tenant, body);
  const outcome = await bookClass(
    tenant,
    actor,
    { occurrenceId, spots: body.spotsRequested, clientId: body.clientId, notes: body.notes },
    { idempotencyKey },
  );
  assertSameRequest(outcome, (b) => b.occurrenceId === occurrenceId && b.clientId === (body.clientId ?? actor.id));
  return bookingResponse(tenant, outcome, true);
}

/** A booking cancelled: POST /api/bookings/:id/cancel and DELETE /api/bookings/:id alike. 200 with it as it now is. */
export async function cancelAnswer(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  body: Pick<CancelRequest, "reason" | "forfeitCredit">,
  idempotencyKey: string | undefined,
) {
  const outcome = await cancelBooking(tenant, actor, bookingId, body, { idempotencyKey });
  assertSameRequest(outcome, (b) => b.id === bookingId && b.status === "cancelled");
  return bookingResponse(tenant, outcome, false);
}
