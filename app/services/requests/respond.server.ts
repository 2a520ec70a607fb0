import { type BookingRequest, lockBookingRequest, updateBookingRequest } from "~/models/booking-request.server";
import { assignInstructor } from "~/models/client-instructor.server";
import { findStaffById } from "~/models/staff.server";
import { bookSession, type Submission } from "~/services/booking/engine.server";
import { voiceOf } from "~/services/booking/notices.server";
import { hashSecretToken, newSecretToken } from "~/services/identity/secret-token.server";
import { requestDeclined, requestProposed, requestReassigned } from "~/services/messages/templates/requests";
import { availableSlots } from "~/services/schedule/availability.server";
import { Forbidden, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type RequestContext, requireRequestFor } from "./context.server";
import { tellClient, tellStaff } from "./notices.server";

export type RequestAnswer =
  | { action: "accept"; startsAt: Date; instructorId?: string }
  | { action: "propose"; startsAt: Date; instructorId?: string; note?: string }
  | { action: "decline"; reason: string }
  | { action: "reassign"; instructorId: string };

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;
const ANSWERED = "This request was answered or ended meanwhile. Reload to see where it stands.";

/** The proposal page's address: the token is its authority, bound to this request. */
export const proposalPath = (requestId: string, token: string) =>
  `/requests/${encodeURIComponent(requestId)}/proposal/${encodeURIComponent(token)}`;

/**
 * Who teaches the session: an instructor answering teaches it themselves; the owner or a
 * manager names someone who teaches it there (or the instructor it was asked of).
 */
function teacherFor(context: RequestContext & { role: string }, actor: User, chosen: string | undefined) {
  const here = context.instructorsHere.map((i) => i.id);
  if (context.role === "instructor") {
    if (chosen && chosen !== actor.id) throw new Forbidden("You answer requests for your own sessions.");
    return actor.id;
  }
  const id = chosen ?? context.request.instructorId;
  if (!id) throw new Refused(400, "CHOOSE_INSTRUCTOR", "Choose the instructor who will teach it.");
  if (!here.includes(id))
    throw new Refused(400, "INSTRUCTOR_NOT_HERE", "That instructor does not teach this session at this location.");
  return id;
}

function delivery(context: RequestContext, template: string, now: Date) {
  const { settings, location } = context;
  return { template, settings, zone: location.timezone, locationId: location.id, now };
}

/**
 * Books the request's session through the engine, in one transaction with the request marked
 * accepted. The booking is made in the teaching instructor's name (an instructor-led session
 * they book is confirmed; one the front desk books would wait for them) and the client becomes
 * theirs, as asking them for sessions means. `stillValid` is checked again with the request
 * locked inside the booking's transaction, so of two answers racing, one books and the other is
 * refused; a refusal by the engine (the time taken since, no credit) leaves the request as it was.
 */
export async function bookRequest(
  tenant: Tenant,
  context: RequestContext,
  teacherId: string,
  startsAt: Date,
  answer: { respondedById: string; stillValid: (request: BookingRequest) => boolean },
  submission: Submission & { now: Date },
) {
  const { request } = context;
  const teacher = await findStaffById(database(), tenant, teacherId);
  if (teacher?.status !== "active")
    throw new Refused(409, "INSTRUCTOR_GONE", "That instructor is no longer available.");
  await assignInstructor(database(), tenant, request.clientId, teacher.id);
  let accepted: BookingRequest | undefined;
  const outcome = await bookSession(
    tenant,
    teacher,
    {
      serviceId: request.serviceId,
      locationId: request.locationId,
      startsAt,
      instructorId: teacher.id,
      clientId: request.clientId,
      notes: request.notes || undefined,
    },
    submission,
    {
      before: async (tx) => {
        const locked = await lockBookingRequest(tx, tenant, request.id);
        if (!locked || !answer.stillValid(locked)) throw new Refused(409, "REQUEST_ANSWERED", ANSWERED);
      },
      after: async (tx, booking) => {
        accepted = await updateBookingRequest(tx, tenant, request.id, {
          status: "accepted",
          bookingId: booking.id,
          instructorId: teacher.id,
          respondedById: answer.respondedById,
          respondedAt: submission.now,
        });
      },
    },
  );
  return { request: accepted ?? request, booking: outcome.booking };
}

/** Whether a time is free for this instructor to teach the session, as a staff booking would see it. */
async function slotIsFree(tenant: Tenant, request: BookingRequest, instructorId: string, startsAt: Date, now: Date) {
  const day = await availableSlots(
    tenant,
    { serviceId: request.serviceId, locationId: request.locationId, instant: startsAt, instructorId, forStaff: true },
    now,
  );
  return day.instructors.some((i) => i.slots.some((s) => s.startsAt.getTime() === startsAt.getTime()));
}

/** Runs a change to a still-pending request with it locked, so it never overwrites an answer given meanwhile. */
async function whilePending<T>(
  tenant: Tenant,
  id: string,
  work: (tx: Executor, request: BookingRequest) => Promise<T>,
) {
  return database().transaction(async (tx) => {
    const request = await lockBookingRequest(tx, tenant, id);
    if (request?.status !== "pending") throw new Refused(409, "REQUEST_ANSWERED", ANSWERED);
    return work(tx, request);
  });
}

/**
 * An instructor (or the owner or a location manager) answers a pending request: accept one of
 * its preferred times, propose another, decline with a reason; the studio may also reassign it.
 */
export async function respondToRequest(
  tenant: Tenant,
  actor: User,
  id: string,
  answer: RequestAnswer,
  submission: Submission = {},
) {
  if (actor.role === "client") throw new Forbidden("Your instructor or the studio answers requests.");
  const now = submission.now ?? new Date();
  const db = database();
  const context = await requireRequestFor(db, tenant, actor, id);
  if (context.role === "client") throw new Forbidden("Your instructor or the studio answers requests.");
  const { request } = context;
  if (request.status !== "pending") throw new Refused(409, "REQUEST_ANSWERED", ANSWERED);
  switch (answer.action) {
    case "accept": {
      if (!request.preferredTimes.some((t) => t.getTime() === answer.startsAt.getTime()))
        throw new Refused(
          400,
          "NOT_A_PREFERRED_TIME",
          "Accept one of the times the client asked for, or propose another.",
        );
      const teacher = teacherFor(context, actor, answer.instructorId);
      const stillValid = (r: BookingRequest) => r.status === "pending";
      return bookRequest(
        tenant,
        context,
        teacher,
        answer.startsAt,
        { respondedById: actor.id, stillValid },
        {
          ...submission,
          now,
        },
      );
    }
    case "propose": {
      const teacher = teacherFor(context, actor, answer.instructorId);
      if (answer.startsAt.getTime() <= now.getTime())
        throw new Refused(400, "TIME_PASSED", "Propose a time in the future.");
      if (answer.startsAt.getTime() > now.getTime() + YEAR_MS)
        throw new Refused(400, "TIME_TOO_FAR", "Propose a time within the next year.");
      if (!(await slotIsFree(tenant, request, teacher, answer.startsAt, now)))
        throw new Refused(
          409,
          "SLOT_UNAVAILABLE",
          `${context.nameOf(teacher) ?? "The instructor"} is not free then: choose another time.`,
        );
      const token = newSecretToken();
      return whilePending(tenant, id, async (tx) => {
        const proposed = await updateBookingRequest(tx, tenant, id, {
          status: "proposed",
          proposedStartsAt: answer.startsAt,
          proposedInstructorId: teacher,
          proposalTokenHash: hashSecretToken(token),
          responseNote: answer.note || null,
          respondedById: actor.id,
          respondedAt: now,
        });
        const message = requestProposed(voiceOf(tenant), context.facts, {
          startsAt: answer.startsAt,
          instructorName: context.nameOf(teacher) ?? "Your instructor",
          note: answer.note || null,
          path: proposalPath(id, token),
        });
        await tellClient(tx, tenant, context.client, message, delivery(context, "request_proposed", now));
        return { request: proposed, booking: null };
      });
    }
    case "decline":
      return whilePending(tenant, id, async (tx) => {
        const declined = await updateBookingRequest(tx, tenant, id, {
          status: "declined",
          responseNote: answer.reason,
          respondedById: actor.id,
          respondedAt: now,
        });
        const message = requestDeclined(voiceOf(tenant), context.facts, answer.reason);
        await tellClient(tx, tenant, context.client, message, delivery(context, "request_declined", now));
        return { request: declined, booking: null };
      });
    case "reassign": {
      if (context.role !== "manager")
        throw new Forbidden("The owner or the location's manager hands a request to another instructor.");
      const next = context.instructorsHere.find((i) => i.id === answer.instructorId);
      if (!next)
        throw new Refused(400, "INSTRUCTOR_NOT_HERE", "That instructor does not teach this session at this location.");
      if (next.id === request.instructorId)
        throw new Refused(409, "ALREADY_THEIRS", `The request is already ${next.fullName}'s.`);
      return whilePending(tenant, id, async (tx) => {
        const moved = await updateBookingRequest(tx, tenant, id, { instructorId: next.id });
        const message = requestReassigned(voiceOf(tenant), context.facts);
        await tellStaff(tx, tenant, next, message, delivery(context, "request_reassigned", now));
        return { request: moved, booking: null };
      });
    }
  }
}
