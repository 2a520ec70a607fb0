import { Forbidden } from "~/services/shared/errors";
import type { Role } from "~db/schema/tenant";

/**
 * The permission matrix of the product guide (§4), every row and footnote, in one table.
 * Pure: the server consults it in every loader, action and API route; the UI may import it to
 * hide what a role cannot do, but hiding is never the check.
 */

export const ACTIONS = [
  "booking.view_own",
  "booking.create_own",
  "booking.create_for_client",
  "booking.cancel_own",
  "booking.cancel_any",
  "booking.view_all",
  "service.view",
  "service.create",
  "service.modify_pricing",
  "client.view_own_profile",
  "client.view_list",
  "client.edit",
  "payment.process",
  "payment.refund",
  "report.view",
  "schedule.view",
  "schedule.modify",
  "location.view",
  "location.create",
  "location.modify",
  // Beyond the guide's matrix: the rest of what this product lets people do, in the same table.
  "team.view",
  "team.invite",
  "team.manage",
  "settings.modify",
  "parq.view",
  "messages.view",
  "messages.retry",
  "credit.adjust",
  "payment.view_all",
  "booking.check_in",
  "attendance.mark",
  "report.view_operations",
  "studio.export",
] as const;
export type Action = (typeof ACTIONS)[number];

/** The matrix's columns. Trainers have exactly the instructor's rights. */
const COLUMNS = ["client", "instructor", "receptionist", "location_manager", "org_owner", "finance_manager"] as const;
export type Column = (typeof COLUMNS)[number];

/** The footnotes: a cell that is allowed only when its condition holds for the subject. */
const CONDITIONS = [
  "self_booking_enabled", // *       only if the service allows self-booking
  "instructor_booking_enabled", // ** only if the service allows instructor booking
  "within_cancellation_window", // *** within the cancellation policy window
  "assigned_clients_only", // ****    only for their assigned clients
  "non_financial_fields", // *****    limited fields (not financial)
  "within_refund_limit", // ******    up to the studio's configured limit
  "own_schedule_only", // *******     only their own schedule and classes
] as const;
export type Condition = (typeof CONDITIONS)[number];
export type Grant = "yes" | "no" | Condition;

const Y = "yes";
const N = "no";

// Columns: client, instructor, receptionist, location manager, org owner, finance manager.
// The finance manager sees financial reports only (plus what any account sees of itself and
// the studio's public pages).
const row = (client: Grant, instructor: Grant, receptionist: Grant, manager: Grant, owner: Grant, finance: Grant) => ({
  client,
  instructor,
  receptionist,
  location_manager: manager,
  org_owner: owner,
  finance_manager: finance,
});

export const PERMISSIONS: Record<Action, Record<Column, Grant>> = {
  "booking.view_own": row(Y, Y, Y, Y, Y, Y),
  "booking.create_own": row("self_booking_enabled", N, N, N, Y, N),
  "booking.create_for_client": row(N, "instructor_booking_enabled", Y, Y, Y, N),
  "booking.cancel_own": row("within_cancellation_window", Y, N, Y, Y, N),
  "booking.cancel_any": row(N, N, "within_cancellation_window", Y, Y, N),
  "booking.view_all": row(N, "assigned_clients_only", Y, Y, Y, N),
  "service.view": row(Y, Y, Y, Y, Y, Y),
  "service.create": row(N, N, N, Y, Y, N),
  "service.modify_pricing": row(N, N, N, Y, Y, N),
  "client.view_own_profile": row(Y, Y, Y, Y, Y, Y),
  "client.view_list": row(N, "assigned_clients_only", Y, Y, Y, N),
  "client.edit": row(N, N, "non_financial_fields", Y, Y, N),
  "payment.process": row(Y, N, Y, Y, Y, N),
  "payment.refund": row(N, N, "within_refund_limit", Y, Y, N),
  "report.view": row(N, N, N, Y, Y, Y),
  "schedule.view": row(Y, Y, Y, Y, Y, Y),
  "schedule.modify": row(N, "own_schedule_only", Y, Y, Y, N),
  "location.view": row(Y, Y, Y, Y, Y, Y),
  "location.create": row(N, N, N, N, Y, N),
  "location.modify": row(N, N, N, Y, Y, N),
  "team.view": row(N, Y, Y, Y, Y, N),
  "team.invite": row(N, N, N, Y, Y, N),
  "team.manage": row(N, N, N, Y, Y, N),
  "settings.modify": row(N, N, N, N, Y, N),
  // PAR-Q answers: owner, managers and the client's own instructors (the client sees their own).
  "parq.view": row(N, "assigned_clients_only", N, Y, Y, N),
  // The studio's message log; the front desk reads (and sends again) only its locations' messages.
  "messages.view": row(N, N, Y, Y, Y, N),
  "messages.retry": row(N, N, Y, Y, Y, N),
  // Granting or correcting a client's credits: the front desk sells packs over the counter.
  "credit.adjust": row(N, N, Y, Y, Y, N),
  // Every payment and refund of the studio with totals and CSV: the owner and the finance manager.
  // (Staff who take payments see a client's on the client's page, through payment.process.)
  "payment.view_all": row(N, N, N, N, Y, Y),
  // Checking a booking in: the desk and managers at their locations, an instructor for what they
  // teach (the roster), a client their own booking from their phone (the service checks whose).
  "booking.check_in": row(Y, "own_schedule_only", Y, Y, Y, N),
  // Attended or no-show, and class notes: instructors for their own sessions and classes; the
  // desk and managers at their locations.
  "attendance.mark": row(N, "own_schedule_only", Y, Y, Y, N),
  // The dashboard, churn alerts and the reports about people and classes (instructor performance,
  // locations compared): managers for their locations and the owner. "report.view" above is the
  // guide's row and covers the financial reports, which the finance manager sees too.
  "report.view_operations": row(N, N, N, Y, Y, N),
  // Downloading all of the studio's data in one archive: the owner, whose data it is.
  "studio.export": row(N, N, N, N, Y, N),
};

/** Client fields that only managers and owners may change (footnote *****). */
export const FINANCIAL_CLIENT_FIELDS = ["discountPercent"] as const;

export type Actor = { id: string; role: Role; accessibleLocations: string[] };

/** What the action is about; each footnote reads the part it needs and fails closed without it. */
export type Subject = {
  /** The location the action happens at: staff other than the owner act only on their own. */
  locationId?: string;
  /** Several locations, any one of which is enough (a client's home locations). */
  anyOfLocationIds?: readonly string[];
  service?: { selfBookingEnabled: boolean; instructorBookingEnabled: boolean };
  /** A booking's start, the service's window (hours before start) and the time of the request. */
  cancellation?: { startsAt: Date; windowHours: number; now: Date };
  /** The client concerned and the instructors assigned to them. */
  client?: { id: string; instructorIds: string[] };
  /** The client fields an edit would change. */
  fields?: readonly string[];
  refund?: { amountMinor: number; limitMinor: number };
  /** Whose schedule an edit touches (an instructor id). */
  scheduleOwnerId?: string;
};

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };
export type DenialReason = "role" | "location" | Exclude<Condition, never> | "missing_subject";

function columnFor(role: Role): Column {
  return role === "trainer" ? "instructor" : role;
}

function conditionHolds(condition: Condition, actor: Actor, subject: Subject): boolean | undefined {
  switch (condition) {
    case "self_booking_enabled":
      return subject.service?.selfBookingEnabled;
    case "instructor_booking_enabled":
      return subject.service?.instructorBookingEnabled;
    case "within_cancellation_window": {
      const c = subject.cancellation;
      if (!c) return undefined;
      return c.startsAt.getTime() - c.now.getTime() >= c.windowHours * 60 * 60 * 1000;
    }
    case "assigned_clients_only":
      return subject.client ? subject.client.instructorIds.includes(actor.id) : undefined;
    case "non_financial_fields":
      return subject.fields
        ? !subject.fields.some((f) => (FINANCIAL_CLIENT_FIELDS as readonly string[]).includes(f))
        : undefined;
    case "within_refund_limit":
      return subject.refund ? subject.refund.amountMinor <= subject.refund.limitMinor : undefined;
    case "own_schedule_only":
      return subject.scheduleOwnerId === undefined ? undefined : subject.scheduleOwnerId === actor.id;
  }
}

/** May this actor do this, to this subject? */
export function can(actor: Actor, action: Action, subject: Subject = {}): Decision {
  const grant = PERMISSIONS[action][columnFor(actor.role)];
  if (grant === "no") return { allowed: false, reason: "role" };
  const scoped = actor.role !== "org_owner" && actor.role !== "client";
  if (scoped && subject.locationId !== undefined && !actor.accessibleLocations.includes(subject.locationId)) {
    return { allowed: false, reason: "location" };
  }
  if (
    scoped &&
    subject.anyOfLocationIds &&
    !subject.anyOfLocationIds.some((id) => actor.accessibleLocations.includes(id))
  ) {
    return { allowed: false, reason: "location" };
  }
  if (grant === "yes") return { allowed: true };
  const holds = conditionHolds(grant, actor, subject);
  if (holds === undefined) return { allowed: false, reason: "missing_subject" };
  return holds ? { allowed: true } : { allowed: false, reason: grant };
}

/** Whether the role may ever do this (some subject could allow it): for showing links and buttons. */
export function mayEver(role: Role, action: Action): boolean {
  return PERMISSIONS[action][columnFor(role)] !== "no";
}

/** Staff act only at their locations; owners everywhere. */
export function canAccessLocation(actor: Actor, locationId: string): boolean {
  return actor.role === "org_owner" || actor.accessibleLocations.includes(locationId);
}

/** Throws Forbidden unless allowed: for services, where a denial means a tampered request or a bug. */
export function assertCan(actor: Actor, action: Action, subject: Subject = {}, message?: string): void {
  const decision = can(actor, action, subject);
  if (!decision.allowed) throw new Forbidden(message ?? DENIAL_MESSAGES[decision.reason], decision.reason);
}

const DENIAL_MESSAGES: Record<DenialReason, string> = {
  role: "Your role cannot do that.",
  location: "That belongs to a location you do not work at.",
  self_booking_enabled: "This service is booked by the studio; please contact them.",
  instructor_booking_enabled: "Instructors cannot book this service for clients.",
  within_cancellation_window: "It is too late to cancel this booking online.",
  assigned_clients_only: "You can only see your own clients.",
  non_financial_fields: "Only a manager or the owner can change financial details.",
  within_refund_limit: "That refund is above your limit; ask a manager.",
  own_schedule_only: "You can only change your own schedule.",
  missing_subject: "Your account cannot do that.",
};
