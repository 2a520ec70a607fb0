import { type BookingRequest, claimRequestsToEscalate, claimRequestsToExpire } from "~/models/booking-request.server";
import { listStaffAt } from "~/models/staff.server";
import { voiceOf } from "~/services/booking/notices.server";
import { requestEscalated, requestExpired } from "~/services/messages/templates/requests";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import { requestContext } from "./context.server";
import { tellClient, tellStaff } from "./notices.server";

async function contextsOf(tx: Executor, tenant: Tenant, requests: BookingRequest[]) {
  return Promise.all(requests.map((r) => requestContext(tx, tenant, r)));
}

/**
 * Ends the requests nobody settled before they expired and tells their clients. The claim and
 * the messages are one transaction: of two workers sweeping at once, each request goes to one.
 */
export async function expireRequests(tenant: Tenant, now = new Date()) {
  return database().transaction(async (tx) => {
    const expired = await claimRequestsToExpire(tx, tenant, now);
    for (const context of await contextsOf(tx, tenant, expired)) {
      const { location, settings } = context;
      await tellClient(tx, tenant, context.client, requestExpired(voiceOf(tenant), context.facts), {
        template: "request_expired",
        settings,
        zone: location.timezone,
        locationId: location.id,
        now,
      });
    }
    return expired.length;
  });
}

/**
 * Escalates, once, the requests still pending past their escalation time: marked escalated and
 * the location's managers and the owner told, in one transaction (a claimed row is never
 * claimed again, by this worker or another).
 */
export async function escalateRequests(tenant: Tenant, now = new Date()) {
  return database().transaction(async (tx) => {
    const due = await claimRequestsToEscalate(tx, tenant, now);
    for (const context of await contextsOf(tx, tenant, due)) {
      const { location, settings, request } = context;
      const staff = await listStaffAt(tx, tenant, [location.id]);
      const studio = staff.filter(
        (p) => p.status === "active" && (p.role === "org_owner" || p.role === "location_manager"),
      );
      const waitingFor = request.instructorId
        ? (context.nameOf(request.instructorId) ?? "its instructor")
        : "any instructor";
      const message = requestEscalated(voiceOf(tenant), context.facts, waitingFor);
      for (const person of studio)
        await tellStaff(tx, tenant, person, message, {
          template: "request_escalated",
          settings,
          zone: location.timezone,
          locationId: location.id,
          now,
        });
    }
    return due.length;
  });
}

/** The job's sweep for one studio: expiry first, so an expired request is not escalated too. */
export async function sweepRequests(tenant: Tenant, now = new Date()) {
  const expired = await expireRequests(tenant, now);
  const escalated = await escalateRequests(tenant, now);
  return { expired, escalated };
}
