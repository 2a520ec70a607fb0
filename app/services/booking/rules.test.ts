import { describe, expect, test } from "vitest";
import type { BookingMode, Role } from "~db/schema/tenant";
import {
  bookingMethodFor,
  bookingVisibleTo,
  type CanUserBookInput,
  cancellationTerms,
  canUserBook,
  confirmationTerms,
  initialStatus,
  mayBookOwn,
  paysWithCredits,
  rescheduleTerms,
  staffMayBook,
  undoTerms,
  withinWindow,
} from "./rules";

const base: CanUserBookInput = {
  client: { bookingPermissions: "standard", status: "active", role: "client" },
  service: { selfBookingEnabled: true, bookingMode: "self_booking" },
  slotAllowsSelfBooking: true,
  parqMet: true,
  emailMet: true,
};
const withClient = (client: Partial<CanUserBookInput["client"]>) => ({
  ...base,
  client: { ...base.client, ...client },
});
const withService = (service: Partial<CanUserBookInput["service"]>) => ({
  ...base,
  service: { ...base.service, ...service },
});

describe("canUserBook: every refusal reason", () => {
  test("a standard client books a self-bookable service at an open slot", () => {
    expect(canUserBook(base)).toEqual({ allowed: true });
  });
  test.each<[string, CanUserBookInput, string]>([
    ["self-booking switched off", withService({ selfBookingEnabled: false }), "SELF_BOOKING_DISABLED"],
    ["an instructor-led service", withService({ bookingMode: "instructor_led" }), "SELF_BOOKING_DISABLED"],
    ["an admin-only service", withService({ bookingMode: "admin_only" }), "SELF_BOOKING_DISABLED"],
    ["a restricted client", withClient({ bookingPermissions: "restricted" }), "CLIENT_RESTRICTED"],
    ["no PAR-Q when the studio requires one", { ...base, parqMet: false }, "PARQ_REQUIRED"],
    ["an unconfirmed email when the studio requires one", { ...base, emailMet: false }, "EMAIL_NOT_VERIFIED"],
    [
      "an instructor who manages their schedule",
      { ...base, slotAllowsSelfBooking: false },
      "INSTRUCTOR_MANAGES_SCHEDULE",
    ],
    ["a deactivated account", withClient({ status: "deactivated" }), "ACCOUNT_INACTIVE"],
  ])("refuses %s", (_, input, code) => {
    const verdict = canUserBook(input);
    expect(verdict).toMatchObject({ allowed: false, code });
    expect(verdict.allowed ? "" : verdict.message).not.toBe("");
  });
  test("a VIP goes past the instructor's preference, but not past the service or the PAR-Q", () => {
    const vip = { bookingPermissions: "vip" as const };
    expect(canUserBook({ ...withClient(vip), slotAllowsSelfBooking: false })).toEqual({ allowed: true });
    expect(
      canUserBook({ ...withClient(vip), service: { selfBookingEnabled: false, bookingMode: "self_booking" } }),
    ).toMatchObject({ code: "SELF_BOOKING_DISABLED" });
    expect(canUserBook({ ...withClient(vip), parqMet: false })).toMatchObject({ code: "PARQ_REQUIRED" });
    expect(canUserBook({ ...withClient(vip), emailMet: false })).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });
  });
  test("hybrid services are self-bookable; classes have no instructor preference", () => {
    expect(canUserBook(withService({ bookingMode: "hybrid" }))).toEqual({ allowed: true });
    expect(canUserBook({ ...base, slotAllowsSelfBooking: undefined })).toEqual({ allowed: true });
  });
});

describe("who makes a booking decides its method and first status", () => {
  test.each<[Role, string]>([
    ["instructor", "instructor_created"],
    ["trainer", "instructor_created"],
    ["receptionist", "admin_created"],
    ["location_manager", "admin_created"],
    ["org_owner", "admin_created"],
  ])("%s booking a client: %s", (role, method) => {
    expect(bookingMethodFor({ id: "staff", role }, "client", "someone-else")).toBe(method);
  });
  test("the client themself: self_booked; an owner booking their own session: instructor_created", () => {
    expect(bookingMethodFor({ id: "c", role: "client" }, "c", "i")).toBe("self_booked");
    expect(bookingMethodFor({ id: "o", role: "org_owner" }, "c", "o")).toBe("instructor_created");
  });
  test.each<[string, BookingMode, string]>([
    ["self_booked", "self_booking", "confirmed"],
    ["self_booked", "hybrid", "confirmed"],
    ["admin_created", "self_booking", "confirmed"],
    ["admin_created", "admin_only", "confirmed"],
    ["admin_created", "instructor_led", "pending"],
    ["instructor_created", "instructor_led", "confirmed"],
    ["instructor_created", "admin_only", "pending"],
  ])("%s in %s mode starts %s", (method, mode, status) => {
    expect(initialStatus(method as never, mode)).toBe(status);
  });
  test("staff need the matrix and the service's switch", () => {
    const flags = { selfBookingEnabled: true, instructorBookingEnabled: true, adminBookingEnabled: true };
    const desk = { id: "d", role: "receptionist" as const, accessibleLocations: ["here"] };
    const teacher = { id: "t", role: "instructor" as const, accessibleLocations: ["here"] };
    expect(staffMayBook(desk, "admin_created", flags, "here")).toBe(true);
    expect(staffMayBook(desk, "admin_created", flags, "elsewhere")).toBe(false);
    expect(staffMayBook(desk, "admin_created", { ...flags, adminBookingEnabled: false }, "here")).toBe(false);
    expect(staffMayBook(teacher, "instructor_created", flags, "here")).toBe(true);
    expect(staffMayBook(teacher, "instructor_created", { ...flags, instructorBookingEnabled: false }, "here")).toBe(
      false,
    );
    expect(
      staffMayBook({ id: "f", role: "finance_manager", accessibleLocations: ["here"] }, "admin_created", flags, "here"),
    ).toBe(false);
  });
});

describe("the cancellation window, around its boundary", () => {
  const startsAt = new Date("2026-12-07T18:00:00Z");
  const hoursBefore = (h: number, ms = 0) => new Date(startsAt.getTime() - h * 3_600_000 + ms);
  const booking = { clientId: "c", instructorId: "i", locationId: "here", startsAt, status: "confirmed" as const };
  const client = { id: "c", role: "client" as const, accessibleLocations: [] };

  test("exactly at the window is still in time; a millisecond later is late", () => {
    expect(withinWindow(startsAt, 12, hoursBefore(12))).toBe(true);
    expect(withinWindow(startsAt, 12, hoursBefore(12, 1))).toBe(false);
  });
  test("a client cancels in time with the credit back, late without it, never after the start", () => {
    expect(cancellationTerms(client, booking, 12, hoursBefore(13))).toEqual({
      allowed: true,
      late: false,
      creditReturned: true,
      mayForfeit: false,
    });
    expect(cancellationTerms(client, booking, 12, hoursBefore(11))).toEqual({
      allowed: true,
      late: true,
      creditReturned: false,
      mayForfeit: false,
    });
    expect(cancellationTerms(client, booking, 12, startsAt)).toMatchObject({ allowed: false, code: "ALREADY_STARTED" });
    expect(cancellationTerms(client, { ...booking, status: "cancelled" }, 12, hoursBefore(20))).toMatchObject({
      code: "ALREADY_CANCELLED",
    });
  });
  test("another client cannot cancel it", () => {
    expect(cancellationTerms({ ...client, id: "other" }, booking, 12, hoursBefore(20))).toMatchObject({
      allowed: false,
      code: "CANCEL_NOT_ALLOWED",
    });
  });
  test("receptionists within the window only; managers any time, choosing the fee when late", () => {
    const desk = { id: "d", role: "receptionist" as const, accessibleLocations: ["here"] };
    const manager = { id: "m", role: "location_manager" as const, accessibleLocations: ["here"] };
    expect(cancellationTerms(desk, booking, 12, hoursBefore(13))).toMatchObject({
      allowed: true,
      creditReturned: true,
    });
    expect(cancellationTerms(desk, booking, 12, hoursBefore(11))).toMatchObject({
      allowed: false,
      code: "CANCEL_NOT_ALLOWED",
    });
    expect(cancellationTerms(manager, booking, 12, hoursBefore(1))).toEqual({
      allowed: true,
      late: true,
      creditReturned: true,
      mayForfeit: true,
    });
    expect(
      cancellationTerms({ ...manager, accessibleLocations: ["elsewhere"] }, booking, 12, hoursBefore(20)),
    ).toMatchObject({ allowed: false });
  });
  test("the instructor teaching it may cancel; another instructor may not", () => {
    expect(
      cancellationTerms({ id: "i", role: "instructor", accessibleLocations: ["here"] }, booking, 12, hoursBefore(1)),
    ).toMatchObject({ allowed: true });
    expect(
      cancellationTerms({ id: "j", role: "instructor", accessibleLocations: ["here"] }, booking, 12, hoursBefore(20)),
    ).toMatchObject({ allowed: false });
  });
  test("a client moves a booking only inside the window", () => {
    expect(rescheduleTerms(client, booking, 12, hoursBefore(13))).toMatchObject({ allowed: true });
    expect(rescheduleTerms(client, booking, 12, hoursBefore(11))).toMatchObject({
      allowed: false,
      code: "RESCHEDULE_TOO_LATE",
    });
  });
});

describe("undoing a booking made in error, around the undo minutes", () => {
  const createdAt = new Date("2026-12-07T17:00:00Z");
  // Starting in 30 minutes: well inside a 12-hour cancellation window.
  const startsAt = new Date("2026-12-07T17:30:00Z");
  const booking = {
    clientId: "c",
    instructorId: "i",
    locationId: "here",
    startsAt,
    status: "confirmed" as const,
    createdById: "d",
    createdAt,
  };
  const desk = { id: "d", role: "receptionist" as const, accessibleLocations: ["here"] };
  const minutesIn = (minutes: number, seconds = 0) => new Date(createdAt.getTime() + minutes * 60_000 + seconds * 1000);

  test("exactly at the undo minutes it may still be undone, until then; a second later it may not", () => {
    const until = minutesIn(10);
    expect(undoTerms(desk, booking, 10, minutesIn(0))).toEqual({ allowed: true, until });
    expect(undoTerms(desk, booking, 10, minutesIn(10))).toEqual({ allowed: true, until });
    expect(undoTerms(desk, booking, 10, minutesIn(10, 1))).toEqual({ allowed: false });
    // Meanwhile the ordinary rule still sends the receptionist to a manager.
    expect(cancellationTerms(desk, booking, 12, minutesIn(1))).toMatchObject({ code: "CANCEL_NOT_ALLOWED" });
  });
  test("only its maker: another receptionist, the manager or the client cannot undo it", () => {
    expect(undoTerms({ ...desk, id: "e" }, booking, 10, minutesIn(1))).toEqual({ allowed: false });
    expect(
      undoTerms({ id: "m", role: "location_manager", accessibleLocations: ["here"] }, booking, 10, minutesIn(1)),
    ).toEqual({ allowed: false });
    const client = { id: "c", role: "client" as const, accessibleLocations: [] };
    expect(undoTerms(client, { ...booking, createdById: "c" }, 10, minutesIn(1))).toEqual({ allowed: false });
  });
  test("not when the studio switched it off, once cancelled or started, or away from the maker's locations", () => {
    expect(undoTerms(desk, booking, 0, minutesIn(0))).toEqual({ allowed: false });
    expect(undoTerms(desk, { ...booking, status: "cancelled" }, 10, minutesIn(1))).toEqual({ allowed: false });
    expect(undoTerms(desk, { ...booking, startsAt: minutesIn(1) }, 10, minutesIn(2))).toEqual({ allowed: false });
    expect(undoTerms({ ...desk, accessibleLocations: ["elsewhere"] }, booking, 10, minutesIn(1))).toEqual({
      allowed: false,
    });
  });
  test("a pending booking may be undone too", () => {
    expect(undoTerms(desk, { ...booking, status: "pending" }, 10, minutesIn(5))).toMatchObject({ allowed: true });
  });
});

describe("the owner books for themselves", () => {
  test("of the staff only the owner may (the matrix's create own booking)", () => {
    expect(mayBookOwn({ role: "org_owner" })).toBe(true);
    for (const role of ["receptionist", "location_manager", "instructor", "trainer", "finance_manager"] as const)
      expect(mayBookOwn({ role })).toBe(false);
  });
  test("the client's switches, PAR-Q and restrictions do not stop the owner; no credit is spent", () => {
    const owner = { bookingPermissions: "restricted" as const, status: "active" as const, role: "org_owner" as const };
    const closed = { selfBookingEnabled: false, bookingMode: "instructor_led" as const };
    expect(
      canUserBook({ client: owner, service: closed, parqMet: false, emailMet: false, slotAllowsSelfBooking: false }),
    ).toEqual({
      allowed: true,
    });
    expect(canUserBook({ ...base, client: { ...owner, status: "deactivated" } })).toMatchObject({
      code: "ACCOUNT_INACTIVE",
    });
    expect(canUserBook({ ...base, client: { ...owner, role: "receptionist" } })).toMatchObject({ allowed: false });
    expect(paysWithCredits({ requiresCredit: true }, { role: "org_owner" })).toBe(false);
    expect(paysWithCredits({ requiresCredit: true }, { role: "client" })).toBe(true);
  });
});

describe("who sees a booking", () => {
  const booking = { clientId: "c", instructorId: "i", locationId: "here" };
  test.each<[string, { id: string; role: Role; accessibleLocations: string[] }, string[], boolean]>([
    ["its client", { id: "c", role: "client", accessibleLocations: [] }, [], true],
    ["another client", { id: "x", role: "client", accessibleLocations: [] }, [], false],
    ["its instructor", { id: "i", role: "instructor", accessibleLocations: ["here"] }, [], true],
    ["the client's own instructor", { id: "j", role: "instructor", accessibleLocations: ["here"] }, ["j"], true],
    ["an unrelated instructor", { id: "j", role: "instructor", accessibleLocations: ["here"] }, [], false],
    ["front desk there", { id: "d", role: "receptionist", accessibleLocations: ["here"] }, [], true],
    ["front desk elsewhere", { id: "d", role: "receptionist", accessibleLocations: ["elsewhere"] }, [], false],
    ["the owner", { id: "o", role: "org_owner", accessibleLocations: [] }, [], true],
    ["finance", { id: "f", role: "finance_manager", accessibleLocations: ["here"] }, [], false],
  ])("%s: %s", (_, actor, instructorIds, visible) => {
    expect(bookingVisibleTo(actor, booking, instructorIds)).toBe(visible);
  });
});

describe("who confirms a pending booking: the side whose decision it is", () => {
  const staff = (role: Role, id: string = role, accessibleLocations = ["here"]) => ({ id, role, accessibleLocations });
  // Front desk booked an instructor-led service: the instructor's decision.
  const led = {
    status: "pending" as const,
    bookingMethod: "admin_created" as const,
    instructorId: "teacher",
    locationId: "here",
  };
  // An instructor booked an admin-only service: the studio's decision.
  const adminOnly = { ...led, bookingMethod: "instructor_created" as const };
  const verdict = (terms: ReturnType<typeof confirmationTerms>) =>
    terms.allowed ? (terms.override ? "override" : "yes") : terms.code;

  test.each([
    ["its instructor", staff("instructor", "teacher"), "yes"],
    ["a trainer teaching it", staff("trainer", "teacher"), "yes"],
    ["another instructor", staff("instructor"), "WAITS_FOR_INSTRUCTOR"],
    ["the receptionist who booked it", staff("receptionist"), "WAITS_FOR_INSTRUCTOR"],
    ["the location's manager, with a reason", staff("location_manager"), "override"],
    ["another location's manager", staff("location_manager", "m", ["there"]), "WAITS_FOR_INSTRUCTOR"],
    ["the owner, with a reason", staff("org_owner", "o", []), "override"],
    ["a finance manager", staff("finance_manager"), "WAITS_FOR_INSTRUCTOR"],
    ["the client", staff("client", "c", []), "WAITS_FOR_INSTRUCTOR"],
  ] as const)("instructor-led, booked by the desk: %s → %s", (_, actor, expected) => {
    expect(verdict(confirmationTerms(actor, led))).toBe(expected);
  });

  test.each([
    ["the receptionist", staff("receptionist"), "yes"],
    ["another location's receptionist", staff("receptionist", "r", ["there"]), "WAITS_FOR_STUDIO"],
    ["the location's manager", staff("location_manager"), "yes"],
    ["the owner", staff("org_owner", "o", []), "yes"],
    ["the instructor who booked it", staff("instructor", "teacher"), "WAITS_FOR_STUDIO"],
    ["another instructor", staff("instructor"), "WAITS_FOR_STUDIO"],
    ["the client", staff("client", "c", []), "WAITS_FOR_STUDIO"],
  ] as const)("admin-only, booked by an instructor: %s → %s", (_, actor, expected) => {
    expect(verdict(confirmationTerms(actor, adminOnly))).toBe(expected);
  });

  test("only a pending booking", () => {
    for (const status of ["confirmed", "cancelled", "checked_in"] as const)
      expect(verdict(confirmationTerms(staff("org_owner"), { ...led, status }))).toBe("NOT_PENDING");
  });
});
