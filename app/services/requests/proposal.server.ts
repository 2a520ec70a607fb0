import {
  findBookingRequestByProposalHash,
  lockBookingRequest,
  updateBookingRequest,
} from "~/models/booking-request.server";
import { findActiveUserById } from "~/models/user.server";
import { assertEmailRequirementMet } from "~/services/identity/email-verification.server";
import { hashSecretToken } from "~/services/identity/secret-token.server";
import { NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { requestContext } from "./context.server";
import { bookRequest } from "./respond.server";

const INVALID = "This link is not valid. Ask the studio to send it again.";

/**
 * The request a proposal link stands for: the token is the authority (no sign-in), bound to this
 * request and this studio (its hash is stored in this studio's schema only). Someone signed in as
 * another person is refused rather than acting for the client.
 */
async function requestOfLink(tenant: Tenant, requestId: string, token: string, viewer: User | null) {
  const db = database();
  const request = await findBookingRequestByProposalHash(db, tenant, hashSecretToken(token));
  if (!request || request.id !== requestId) throw new NotFound(INVALID);
  if (viewer && viewer.id !== request.clientId)
    throw new Refused(403, "NOT_YOUR_LINK", "This link is for another client's request. Sign out to use it.");
  return request;
}

/** Why a proposal can no longer be answered, in the client's words; null while it can. */
function closedReason(request: { status: string; expiresAt: Date }, now: Date) {
  if (request.status === "accepted") return "You have already accepted this time: your session is booked.";
  if (request.status === "pending") return "You have already declined this time. Your instructor will get back to you.";
  if (request.status !== "proposed") return "This request has ended, so the proposed time can no longer be booked.";
  if (request.expiresAt.getTime() <= now.getTime()) return "This proposal has expired. Please ask for a session again.";
  return null;
}

/** What the proposal page shows: the time, who teaches, and whether it can still be answered. */
export async function viewProposal(
  tenant: Tenant,
  requestId: string,
  token: string,
  viewer: User | null,
  now = new Date(),
) {
  const request = await requestOfLink(tenant, requestId, token, viewer);
  const context = await requestContext(database(), tenant, request);
  return {
    context,
    startsAt: request.proposedStartsAt,
    instructorName: context.nameOf(request.proposedInstructorId),
    note: request.responseNote,
    closed: closedReason(request, now),
  };
}

/**
 * The client accepts the proposed time: booked through the engine with the request marked
 * accepted in the same transaction, checked again under the request's lock (used once).
 */
export async function acceptProposal(
  tenant: Tenant,
  requestId: string,
  token: string,
  viewer: User | null,
  now = new Date(),
) {
  const request = await requestOfLink(tenant, requestId, token, viewer);
  const closed = closedReason(request, now);
  if (closed) throw new Refused(409, "PROPOSAL_CLOSED", closed);
  // The engine books as the instructor, so the client's own rule is checked here.
  const client = await findActiveUserById(database(), tenant, request.clientId);
  if (client) await assertEmailRequirementMet(tenant, client);
  const { proposedStartsAt, proposedInstructorId, respondedById, proposalTokenHash } = request;
  if (!proposedStartsAt || !proposedInstructorId) throw new Error("a proposed request has no proposed time");
  const context = await requestContext(database(), tenant, request);
  const stillValid = (r: typeof request) =>
    r.status === "proposed" && r.proposalTokenHash === proposalTokenHash && r.expiresAt.getTime() > now.getTime();
  return bookRequest(
    tenant,
    context,
    proposedInstructorId,
    proposedStartsAt,
    { respondedById: respondedById ?? proposedInstructorId, stillValid },
    { now },
  );
}

/**
 * The client declines the proposed time: the request goes back to the instructor, who may accept
 * one of the first times or propose again before it expires. The link now only says so.
 */
export async function declineProposal(
  tenant: Tenant,
  requestId: string,
  token: string,
  viewer: User | null,
  now = new Date(),
) {
  const request = await requestOfLink(tenant, requestId, token, viewer);
  const closed = closedReason(request, now);
  if (closed) throw new Refused(409, "PROPOSAL_CLOSED", closed);
  return database().transaction(async (tx) => {
    const locked = await lockBookingRequest(tx, tenant, request.id);
    if (locked?.status !== "proposed" || locked.proposalTokenHash !== request.proposalTokenHash)
      throw new Refused(409, "PROPOSAL_CLOSED", "This proposal was answered meanwhile.");
    return updateBookingRequest(tx, tenant, request.id, {
      status: "pending",
      proposedStartsAt: null,
      proposedInstructorId: null,
    });
  });
}
