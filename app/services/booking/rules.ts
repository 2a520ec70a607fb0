import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { type Actor, can, canAccessLocation, mayEver } from "~/services/identity/permissions";
import type { Booking, BookingMethod, BookingMode, BookingStatus, Service, User } from "~db/schema/tenant";

/**
 * The booking rules that need no database: who may book what, in which status a booking
 * starts, and what a cancellation costs. Pure, so every refusal and boundary is unit-tested.
 */

export type Refusal = { allowed: false; code: RefusalCode; message: string };
export type Verdict = { allowed: true } | Refusal;

export const REFUSALS = {
  SELF_BOOKING_DISABLED: "This service is booked by the studio or your instructor. Please contact them.",
  CLIENT_RESTRICTED: "Please contact the studio to book.",
  EMAIL_NOT_VERIFIED: ACCOUNT_MESSAGES.emailNotVerified,
  PARQ_REQUIRED: "Please fill in the health questionnaire (PAR-Q) before your first booking.",
  INSTRUCTOR_MANAGES_SCHEDULE: "This instructor manages their own schedule. Ask them or the studio to book you in.",
  ACCOUNT_INACTIVE: "This account cannot book. Please contact the studio.",
} as const;
export type RefusalCode = keyof typeof REFUSALS;

const refuse = (code: RefusalCode): Refusal => ({ allowed: false, code, message: REFUSALS[code] });

export type CanUserBookInput = {
  client: Pick<User, "bookingPermissions" | "status" | "role">;
  service: Pick<Service, "selfBookingEnabled" | "bookingMode">;
  /** The instructor's preference for this time (1:1 sessions only; classes have none). */
  slotAllowsSelfBooking?: boolean;
  parqMet: boolean;
  /** The address is confirmed, or the studio lets unverified clients book. */
  emailMet: boolean;
};

/** The service's side of self-booking: switched on, and a mode in which clients book themselves. */
export function serviceAllowsSelfBooking(service: CanUserBookInput["service"]): boolean {
  return service.selfBookingEnabled && service.bookingMode !== "instructor_led" && service.bookingMode !== "admin_only";
}

/**
 * The spec's `canUserBook` for a client booking themselves: the service must allow it, a
 * restricted client calls the studio, a confirmed email address and the PAR-Q come first when the
 * studio requires them, and a VIP goes past an instructor's "I manage my schedule".
 */
export function canUserBook({ client, service, slotAllowsSelfBooking, parqMet, emailMet }: CanUserBookInput): Verdict {
  if (client.status !== "active") return refuse("ACCOUNT_INACTIVE");
  // The owner booking themselves (matrix "create own booking": yes, no footnote) is the studio:
  // the service's switches, email, PAR-Q and restricted flags guard clients, not the person who sets them.
  if (client.role !== "client") return mayBookOwn(client) ? { allowed: true } : refuse("ACCOUNT_INACTIVE");
  if (!serviceAllowsSelfBooking(service)) return refuse("SELF_BOOKING_DISABLED");
  if (client.bookingPermissions === "restricted") return refuse("CLIENT_RESTRICTED");
  if (!emailMet) return refuse("EMAIL_NOT_VERIFIED");
  if (!parqMet) return refuse("PARQ_REQUIRED");
  if (client.bookingPermissions === "vip") return { allowed: true };
  if (slotAllowsSelfBooking === false) return refuse("INSTRUCTOR_MANAGES_SCHEDULE");
  return { allowed: true };
}

/** Staff who may book themselves in (matrix "create own booking"; of the staff, only the owner). */
export function mayBookOwn(person: Pick<User, "role">): boolean {
  return person.role !== "client" && mayEver(person.role, "booking.create_own");
}

/** Whether the booking spends the client's credits: the studio does not charge its own owner. */
export function paysWithCredits(service: Pick<Service, "requiresCredit">, client: Pick<User, "role">): boolean {
  return service.requiresCredit && client.role === "client";
}

/**
 * What one place costs paid for by card instead of with a credit: the service's price, when it
 * has one and normally takes a credit (null: not paid for that way).
 */
export function pricePerPlaceMinor(service: Pick<Service, "requiresCredit" | "priceMinor">): number | null {
  return service.requiresCredit && service.priceMinor > 0 ? service.priceMinor : null;
}

/** How a booking came about, from who makes it: the client, the instructor teaching it, or the studio. */
export function bookingMethodFor(
  actor: Pick<User, "id" | "role">,
  clientId: string,
  instructorId: string,
): BookingMethod {
  if (actor.id === clientId) return "self_booked";
  if (actor.id === instructorId || actor.role === "instructor" || actor.role === "trainer") return "instructor_created";
  return "admin_created";
}

/**
 * Self-booked is confirmed. A staff booking is confirmed unless the service's mode puts the
 * other party in charge: an instructor-led service waits for its instructor when the front desk
 * books it, an admin-only one waits for the studio when an instructor books it.
 */
export function initialStatus(method: BookingMethod, mode: BookingMode): BookingStatus {
  if (method === "admin_created" && mode === "instructor_led") return "pending";
  if (method === "instructor_created" && mode === "admin_only") return "pending";
  return "confirmed";
}

/**
 * Whose decision a pending booking is: made by the front desk for an instructor-led service,
 * its instructor's; made by an instructor for an admin-only service, the studio's.
 */
export function confirmingSide(booking: Pick<Booking, "bookingMethod">): "instructor" | "studio" {
  return booking.bookingMethod === "admin_created" ? "instructor" : "studio";
}

export type ConfirmationTerms =
  | {
      allowed: true;
      /** An owner or manager confirming in the instructor's place: they must say why. */
      override: boolean;
    }
  | { allowed: false; code: "NOT_PENDING" | "WAITS_FOR_INSTRUCTOR" | "WAITS_FOR_STUDIO"; message: string };

type ConfirmActor = Actor & Pick<User, "id">;
type ConfirmBooking = Pick<Booking, "status" | "bookingMethod" | "instructorId" | "locationId">;

const STUDIO_ROLES: readonly string[] = ["receptionist", "location_manager", "org_owner"];
const OVERRIDING_ROLES: readonly string[] = ["location_manager", "org_owner"];

/**
 * Who may confirm a pending booking: the side whose decision it is (the instructor teaching it,
 * or the front desk, managers and owners at its location), never the side that made it. Owners
 * and the location's managers may confirm in the instructor's place, with a reason.
 */
export function confirmationTerms(actor: ConfirmActor, booking: ConfirmBooking): ConfirmationTerms {
  if (booking.status !== "pending")
    return { allowed: false, code: "NOT_PENDING", message: "Only a pending booking can be confirmed." };
  const here = actor.role !== "client" && canAccessLocation(actor, booking.locationId);
  if (confirmingSide(booking) === "studio") {
    if (here && STUDIO_ROLES.includes(actor.role)) return { allowed: true, override: false };
    return {
      allowed: false,
      code: "WAITS_FOR_STUDIO",
      message: "The studio confirms this booking: a receptionist or a manager at its location.",
    };
  }
  if (actor.id === booking.instructorId) return { allowed: true, override: false };
  if (here && OVERRIDING_ROLES.includes(actor.role)) return { allowed: true, override: true };
  return {
    allowed: false,
    code: "WAITS_FOR_INSTRUCTOR",
    message:
      "Its instructor confirms this booking (the service is instructor-led). A manager may confirm it in their place, with a reason.",
  };
}

/** May staff create this booking for a client (matrix "Create for client" and the service's switches)? */
export function staffMayBook(
  actor: Actor,
  method: Exclude<BookingMethod, "self_booked">,
  service: Pick<Service, "selfBookingEnabled" | "instructorBookingEnabled" | "adminBookingEnabled">,
  locationId: string,
): boolean {
  if (method === "admin_created" && !service.adminBookingEnabled) return false;
  return can(actor, "booking.create_for_client", { locationId, service }).allowed;
}

const HOUR_MS = 60 * 60 * 1000;

/** Still before the service's cancellation window closes (the boundary itself counts as in time). */
export function withinWindow(startsAt: Date, windowHours: number, now: Date): boolean {
  return startsAt.getTime() - now.getTime() >= windowHours * HOUR_MS;
}

export type CancellationTerms =
  | {
      allowed: true;
      /** After the window: the client forfeits the credit; staff may choose. */
      late: boolean;
      creditReturned: boolean;
      /** Staff cancelling late may keep the credit as a late-cancel fee. */
      mayForfeit: boolean;
    }
  | { allowed: false; code: "ALREADY_CANCELLED" | "ALREADY_STARTED" | "CANCEL_NOT_ALLOWED"; message: string };

type CancelActor = Actor & Pick<User, "id">;
type CancelBooking = Pick<Booking, "clientId" | "instructorId" | "locationId" | "startsAt" | "status">;

/**
 * Who may cancel, and whether the credit comes back. Clients cancel their own any time before
 * it starts, with the credit back only inside the window; the instructor teaching it and
 * managers cancel theirs and any; receptionists within the policy window (matrix ***).
 */
export function cancellationTerms(
  actor: CancelActor,
  booking: CancelBooking,
  windowHours: number,
  now: Date,
): CancellationTerms {
  if (booking.status === "cancelled")
    return { allowed: false, code: "ALREADY_CANCELLED", message: "This booking is already cancelled." };
  if (booking.startsAt.getTime() <= now.getTime() || (booking.status !== "confirmed" && booking.status !== "pending"))
    return { allowed: false, code: "ALREADY_STARTED", message: "This booking has already started." };
  const late = !withinWindow(booking.startsAt, windowHours, now);
  if (actor.id === booking.clientId) return { allowed: true, late, creditReturned: !late, mayForfeit: false };
  const cancellation = { startsAt: booking.startsAt, windowHours, now };
  const own = actor.id === booking.instructorId && can(actor, "booking.cancel_own", { locationId: booking.locationId });
  const any = can(actor, "booking.cancel_any", { locationId: booking.locationId, cancellation });
  if (!own && !any.allowed)
    return {
      allowed: false,
      code: "CANCEL_NOT_ALLOWED",
      message:
        !any.allowed && any.reason === "within_cancellation_window"
          ? "It is past the cancellation window: a manager can cancel this booking."
          : "Your account cannot cancel this booking.",
    };
  return { allowed: true, late, creditReturned: true, mayForfeit: late };
}

export type UndoTerms = { allowed: true; until: Date } | { allowed: false };
type UndoBooking = CancelBooking & Pick<Booking, "createdById" | "createdAt">;

/**
 * A mis-tap taken back: staff may undo a booking they made for a client themselves within the
 * studio's undo minutes of making it (the boundary counts; 0 switches it off), whatever the
 * cancellation window. It is as if it never happened, so the credit always comes back.
 */
export function undoTerms(actor: CancelActor, booking: UndoBooking, undoMinutes: number, now: Date): UndoTerms {
  if (actor.role === "client" || actor.id === booking.clientId || booking.createdById !== actor.id)
    return { allowed: false };
  if (undoMinutes <= 0 || !canAccessLocation(actor, booking.locationId)) return { allowed: false };
  if (booking.status !== "confirmed" && booking.status !== "pending") return { allowed: false };
  if (booking.startsAt.getTime() <= now.getTime()) return { allowed: false };
  const until = new Date(booking.createdAt.getTime() + undoMinutes * 60_000);
  return now.getTime() <= until.getTime() ? { allowed: true, until } : { allowed: false };
}

/**
 * Moving a booking is a cancel and a new booking in one step. A client may move their own only
 * inside the window (after it, moving would be a free late cancel); staff as for cancelling.
 */
export function rescheduleTerms(actor: CancelActor, booking: CancelBooking, windowHours: number, now: Date) {
  const terms = cancellationTerms(actor, booking, windowHours, now);
  if (terms.allowed && actor.id === booking.clientId && terms.late)
    return {
      allowed: false as const,
      code: "RESCHEDULE_TOO_LATE" as const,
      message: "It is too late to move this booking online. You can still cancel it, or call the studio.",
    };
  return terms;
}

/**
 * Who sees a booking: the client, its instructor, the instructors looking after the client,
 * and front desk and managers at its location (owners everywhere).
 */
export function bookingVisibleTo(
  actor: Actor & Pick<User, "id">,
  booking: Pick<Booking, "clientId" | "instructorId" | "locationId">,
  clientInstructorIds: string[],
): boolean {
  if (actor.id === booking.clientId || actor.id === booking.instructorId) return true;
  if (actor.role === "client") return false;
  return can(actor, "booking.view_all", {
    locationId: booking.locationId,
    client: { id: booking.clientId, instructorIds: clientInstructorIds },
  }).allowed;
}
