import { z } from "zod";
import {
  BookingListQuerySchema,
  BookingPatchSchema,
  CancelBookingSchema,
  ClassBookingSchema,
  NewBookingSchema,
  RescheduleBookingSchema,
  SessionBookingSchema,
} from "~/services/booking/api.schema";
import { CompleteBookingBody } from "~/services/desk/attendance.schema";
import { CheckInBodySchema } from "~/services/desk/check-in.schema";
import { BOOKING_METHODS, BOOKING_STATUSES } from "~db/schema/tenant";
import {
  type ApiErrorCase,
  type ApiOperation,
  FORBIDDEN,
  IdParams,
  INVALID_JSON,
  NOT_FOUND,
  PaginationSchema,
  VALIDATION,
} from "../operation";

const instant = (description: string) => z.string().datetime({ offset: true }).openapi({ description });
const named = z.object({ id: z.string().uuid(), name: z.string() });

/** A booking as every booking operation answers it (`bookingView`). */
export const BookingSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(["session", "class"]).openapi({ description: "A 1:1 session, or places in a dated class." }),
    status: z.enum(BOOKING_STATUSES).openapi({
      description:
        "`pending` waits for its instructor (or the studio) to confirm; `awaiting_payment` holds the place while the client pays online.",
    }),
    method: z.enum(BOOKING_METHODS).openapi({ description: "Who booked: the client, an instructor or the studio." }),
    serviceId: z.string().uuid(),
    serviceName: z.string(),
    occurrenceId: z.string().uuid().nullable().openapi({ description: "The dated class; null for a session." }),
    checkInCode: z.string().openapi({ description: "What the client shows (or a scanner reads) at the desk." }),
    startsAt: instant("The start, as an instant."),
    endsAt: instant("The end, as an instant."),
    timezone: z.string().openapi({ description: "The location's IANA time zone, which `date` and `time` are in." }),
    date: z.string().openapi({ description: "The local date, YYYY-MM-DD." }),
    dateLabel: z.string().openapi({ description: "The local date in words: `Mon 7 Dec`." }),
    time: z.string().openapi({ description: "The local start, HH:MM." }),
    endTime: z.string().openapi({ description: "The local end, HH:MM." }),
    location: named,
    instructor: named,
    client: named,
    spots: z.number().int().openapi({ description: "Places taken (more than 1 only in a class)." }),
    notes: z.string().nullable(),
    cancelledAt: instant("When it was cancelled.").nullable(),
    cancelReason: z.string().nullable(),
    creditForfeited: z
      .boolean()
      .openapi({ description: "Cancelled late or a no-show, and the credit was kept by the studio." }),
    rescheduledFromId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: "The booking this one replaced, when it was moved." }),
    confirmedBy: named.nullable().openapi({ description: "Who confirmed a booking that waited." }),
    confirmedAt: instant("When it was confirmed.").nullable(),
    confirmationOverrideReason: z
      .string()
      .nullable()
      .openapi({ description: "Why an owner or manager confirmed in the instructor's place." }),
  })
  .openapi("Booking");

const BOOKING_EXAMPLE = {
  id: "7d0f3c52-8a41-4c1e-9d55-3f1b2a6c9e10",
  kind: "session",
  status: "confirmed",
  method: "self_booked",
  serviceId: "0b8e6a1c-2f4d-4e7a-9c3b-5d6e7f809a1b",
  serviceName: "PT 60",
  occurrenceId: null,
  checkInCode: "K7M2Q9XD",
  startsAt: "2026-12-07T10:00:00.000Z",
  endsAt: "2026-12-07T11:00:00.000Z",
  timezone: "Europe/London",
  date: "2026-12-07",
  dateLabel: "Mon 7 Dec",
  time: "10:00",
  endTime: "11:00",
  location: { id: "5a1c2e3f-4b5d-4c6e-8f70-91a2b3c4d5e6", name: "Main" },
  instructor: { id: "9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19", name: "Sam Taylor" },
  client: { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", name: "Ada Lovelace" },
  spots: 1,
  notes: null,
  cancelledAt: null,
  cancelReason: null,
  creditForfeited: false,
  rescheduledFromId: null,
  confirmedBy: null,
  confirmedAt: null,
  confirmationOverrideReason: null,
};

const OneBooking = z.object({ booking: BookingSchema });
const oneBooking = (description: string) => ({
  description,
  schema: OneBooking,
  example: { booking: BOOKING_EXAMPLE },
});
const created = oneBooking("Booked. A repeated `Idempotency-Key` answers 200 with the first booking instead.");

const BookingDetailSchema = z
  .object({
    booking: BookingSchema,
    cancellationWindowHours: z.number().int().openapi({ description: "The service's free-cancellation window." }),
    creditsSpent: z.number().int().openapi({ description: "Credits the booking holds now." }),
    undo: z
      .object({ until: z.string().openapi({ description: "Local time, HH:MM." }) })
      .nullable()
      .openapi({ description: "Staff who just made it may take it back until then (a cancel does it)." }),
    cancel: z.union([
      z.object({
        allowed: z.literal(true),
        late: z.boolean().openapi({ description: "Past the cancellation window." }),
        creditReturned: z.boolean(),
        mayForfeit: z.boolean().openapi({ description: "Staff may keep the credit (`forfeitCredit`)." }),
      }),
      z.object({ allowed: z.literal(false), message: z.string() }),
    ]),
    reschedule: z.union([
      z.object({ allowed: z.literal(true) }),
      z.object({ allowed: z.literal(false), message: z.string() }),
    ]),
    canConfirm: z.boolean(),
    confirmNeedsReason: z.boolean().openapi({ description: "Confirming it needs a `reason` (the caller overrides)." }),
    confirmWaiting: z.string().nullable().openapi({ description: "Whose decision a pending booking waits for." }),
    isStaff: z.boolean(),
  })
  .openapi("BookingDetail");

// Refusals of the engine, each where it can happen.
const err = (status: ApiErrorCase["status"], code: string, when: string): ApiErrorCase => ({ status, code, when });
const BUSY = [
  err(409, "TRY_AGAIN", "The studio was busy with another booking at that moment; send it again."),
  err(409, "DUPLICATE_SUBMISSION", "A request with this key raced this one and left no booking to answer."),
];
const MAY_BOOK = [
  FORBIDDEN,
  err(403, "SELF_BOOKING_DISABLED", "The client books themselves, and this service is booked by the studio."),
  err(403, "CLIENT_RESTRICTED", "The client books themselves, and the studio books for them."),
  err(403, "PARQ_REQUIRED", "The client books themselves and must first fill in the health questionnaire."),
  err(403, "INSTRUCTOR_MANAGES_SCHEDULE", "The client books themselves, and the instructor books their own clients."),
  err(403, "ACCOUNT_INACTIVE", "The account booking itself may not book."),
  err(409, "CLIENT_INACTIVE", "The client named is not active."),
  err(402, "NO_CREDITS", "The client has no valid credit for this service here (buy a package)."),
];
const SESSION_REFUSALS = [
  err(403, "BOOKING_METHOD_NOT_ALLOWED", "A client sent a `bookingMethod` other than `self_booked`."),
  err(400, "BOOKING_METHOD_MISMATCH", "`bookingMethod` is not what the caller's account books as."),
  err(409, "SLOT_UNAVAILABLE", "Nobody teaching this service is free at that time (hours, notice, other bookings)."),
  err(409, "SLOT_TAKEN", "The time was taken between looking and booking."),
  err(409, "OWN_INSTRUCTOR", "The owner, booking themselves, named themselves as the instructor."),
  err(409, "OUTSIDE_INSTRUCTOR_HOURS", "Outside the instructor's published hours: send `override` if you may."),
  err(409, "OUTSIDE_OPENING_HOURS", "Outside the location's opening hours: send `override` if you may."),
];
const CLASS_REFUSALS = [
  err(400, "TOO_MANY_SPOTS", "`spotsRequested` is over the studio's limit per booking."),
  err(409, "CLASS_CANCELLED", "The class is cancelled."),
  err(409, "CLASS_STARTED", "The class has started."),
  err(409, "CLASS_FULL", "No places left, or people on the waitlist come first (join it instead)."),
  err(409, "ALREADY_BOOKED", "The client already has a place in this class."),
  err(409, "OWN_CLASS", "The client is the instructor teaching this class."),
];
const BOOKING_NOT_FOUND = { ...NOT_FOUND, when: "No such booking, or not one the caller may see." };
const CANCEL_REFUSALS = [
  err(409, "ALREADY_CANCELLED", "The booking is already cancelled."),
  err(409, "ALREADY_STARTED", "The booking has started (or was attended, or a no-show)."),
  err(409, "CANCEL_NOT_ALLOWED", "The caller's role may not cancel it (a receptionist past the window)."),
];
const BODY = [VALIDATION, INVALID_JSON];

const KEY_NOTE =
  "Send an `Idempotency-Key`: a repeat with the same key answers the first result and books nothing twice.";

const SESSION_RULES = `A client books themselves; staff book for \`clientId\` where they may (the owner and managers anywhere they work, the desk at its locations, instructors for their own clients). Leave out \`instructorId\` for anyone free then. The booking is \`confirmed\`, or \`pending\` when its instructor confirms it (instructor-led services). A credit is spent unless the service is free.

An owner or manager books past published hours by naming them in \`override\` (\`["instructor_hours", "opening_hours"]\`); without it such a time answers 409 naming them.`;

const CLASS_RULES =
  "Name the class by its dated occurrence (`occurrenceId`), or by the class (`classId`: the weekly series or an occurrence) and the instant it starts (`startTime`). `spotsRequested` places (default 1) spend as many credits.";

const CANCEL_RULES = `A client cancels their own until it starts: the credit comes back inside the service's cancellation window and is forfeited after it. Staff cancel per the permission matrix (the instructor teaching it, managers; the desk inside the window) and always return the credit, unless they cancel late and send \`forfeitCredit: true\`. Staff taking back a booking they made themselves within the studio's undo minutes undo it instead (credit back whatever the window). The body may be left out. The place or time is free to others at once.`;

const SESSION_EXAMPLE = {
  serviceId: "0b8e6a1c-2f4d-4e7a-9c3b-5d6e7f809a1b",
  locationId: "5a1c2e3f-4b5d-4c6e-8f70-91a2b3c4d5e6",
  startTime: "2026-12-07T10:00:00Z",
};

export const BOOKINGS_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/bookings",
    tag: "Bookings",
    summary: "List bookings",
    description:
      "The bookings the caller may see, soonest first: a client their own, an instructor what they teach, the desk and managers their locations', the owner all. Filters narrow that, never widen it. `from`/`to` are instants with an offset, or dates (the location's local day; a `to` date includes that day).",
    access: "signed-in",
    query: BookingListQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of bookings.",
        schema: z.object({ bookings: z.array(BookingSchema), pagination: PaginationSchema }),
        example: {
          bookings: [BOOKING_EXAMPLE],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [{ ...VALIDATION, when: "A filter or page is not valid, or `to` is not after `from`." }],
  },
  {
    method: "post",
    path: "/api/bookings",
    tag: "Bookings",
    summary: "Book a session or a class",
    description: `\`type: "session"\` with the fields of \`POST /api/bookings/session\`, or \`type: "class"\` with those of \`POST /api/bookings/class\`: the same rules and answers.\n\n${SESSION_RULES}\n\n${CLASS_RULES}\n\n${KEY_NOTE}`,
    access: "signed-in",
    body: NewBookingSchema,
    idempotent: true,
    responses: { 200: oneBooking("The first booking of a repeated `Idempotency-Key`."), 201: created },
    errors: [
      ...BODY,
      ...MAY_BOOK,
      { ...NOT_FOUND, when: "No such service, location, instructor, client or class date here." },
      ...SESSION_REFUSALS,
      ...CLASS_REFUSALS,
      ...BUSY,
    ],
  },
  {
    method: "post",
    path: "/api/bookings/session",
    tag: "Bookings",
    summary: "Book a 1:1 session",
    description: `${SESSION_RULES}\n\n${KEY_NOTE}`,
    access: "signed-in",
    body: SessionBookingSchema.openapi({ example: SESSION_EXAMPLE }),
    idempotent: true,
    responses: { 200: oneBooking("The first booking of a repeated `Idempotency-Key`."), 201: created },
    errors: [
      ...BODY,
      ...MAY_BOOK,
      { ...NOT_FOUND, when: "No such service, location, instructor or client here." },
      ...SESSION_REFUSALS,
      ...BUSY,
    ],
  },
  {
    method: "post",
    path: "/api/bookings/class",
    tag: "Bookings",
    summary: "Book places in a class",
    description: `${CLASS_RULES} A client booking themselves while others wait for a place is told to join the waitlist (409 \`CLASS_FULL\`); staff may still give a free place.\n\n${KEY_NOTE}`,
    access: "signed-in",
    body: ClassBookingSchema,
    idempotent: true,
    responses: { 200: oneBooking("The first booking of a repeated `Idempotency-Key`."), 201: created },
    errors: [
      ...BODY,
      ...MAY_BOOK,
      { ...NOT_FOUND, when: "No such class date (at `locationId`, if sent) or client here." },
      ...CLASS_REFUSALS,
      ...BUSY,
    ],
  },
  {
    method: "get",
    path: "/api/bookings/{id}",
    tag: "Bookings",
    summary: "One booking, and what the caller may do to it",
    description:
      "The booking with what the caller may do now: undo it, cancel it (and whether the credit would come back), move it, confirm it.",
    access: "signed-in",
    params: IdParams,
    responses: { 200: { description: "The booking and its choices.", schema: BookingDetailSchema } },
    errors: [BOOKING_NOT_FOUND],
  },
  {
    method: "patch",
    path: "/api/bookings/{id}",
    tag: "Bookings",
    summary: "Change notes, or confirm",
    description:
      'Staff change the notes (`""` or null clears them): the instructor teaching it, or those who may book for clients there. `status: "confirmed"` confirms a pending booking: whoever\'s decision it is (its instructor for instructor-led services, else the studio), or an owner or manager in their place with a `reason`.',
    access: "signed-in",
    params: IdParams,
    body: BookingPatchSchema,
    responses: { 200: oneBooking("The booking as it now is.") },
    errors: [
      ...BODY,
      FORBIDDEN,
      err(403, "WAITS_FOR_INSTRUCTOR", "Its instructor confirms it, and the caller may not override."),
      err(403, "WAITS_FOR_STUDIO", "The studio confirms it, not this instructor."),
      err(409, "NOT_PENDING", "Only a pending booking can be confirmed."),
      err(409, "ALREADY_CANCELLED", "The booking is cancelled."),
      err(422, "REASON_REQUIRED", "An owner or manager confirming in the instructor's place sent no `reason`."),
      BOOKING_NOT_FOUND,
    ],
  },
  {
    method: "delete",
    path: "/api/bookings/{id}",
    tag: "Bookings",
    summary: "Cancel a booking",
    description: `Exactly \`POST /api/bookings/{id}/cancel\`. ${CANCEL_RULES}\n\n${KEY_NOTE}`,
    access: "signed-in",
    params: IdParams,
    body: CancelBookingSchema,
    idempotent: true,
    responses: { 200: oneBooking("The booking as it now is: cancelled.") },
    errors: [...BODY, BOOKING_NOT_FOUND, ...CANCEL_REFUSALS, ...BUSY],
  },
  {
    method: "post",
    path: "/api/bookings/{id}/cancel",
    tag: "Bookings",
    summary: "Cancel a booking",
    description: `${CANCEL_RULES}\n\n${KEY_NOTE}`,
    access: "signed-in",
    params: IdParams,
    body: CancelBookingSchema,
    idempotent: true,
    responses: { 200: oneBooking("The booking as it now is: cancelled.") },
    errors: [...BODY, BOOKING_NOT_FOUND, ...CANCEL_REFUSALS, ...BUSY],
  },
  {
    method: "post",
    path: "/api/bookings/{id}/reschedule",
    tag: "Bookings",
    summary: "Move a booking",
    description: `A session to another \`startTime\` (and perhaps \`instructorId\`), a class booking to another date's \`occurrenceId\` of the same class, in one step: the answer is the new booking (\`rescheduledFromId\` is the old, now cancelled with its credit back), or on any refusal the old booking stands untouched. Who may: as for cancelling, except that a client moves their own only inside the cancellation window. Every rule of a new booking applies to the new time.\n\n${KEY_NOTE}`,
    access: "signed-in",
    params: IdParams,
    body: RescheduleBookingSchema,
    idempotent: true,
    responses: { 200: oneBooking("The new booking.") },
    errors: [
      ...BODY,
      BOOKING_NOT_FOUND,
      err(
        400,
        "INVALID_RESCHEDULE",
        "A session sent an `occurrenceId`, a class booking a `startTime`, or another class.",
      ),
      ...CANCEL_REFUSALS,
      err(409, "RESCHEDULE_TOO_LATE", "A client moving their own booking past the cancellation window."),
      err(409, "SAME_TIME", "The booking is already at that class date."),
      ...MAY_BOOK,
      ...SESSION_REFUSALS.filter(
        (e) => e.code.startsWith("SLOT") || e.code.startsWith("OUTSIDE") || e.code === "OWN_INSTRUCTOR",
      ),
      ...CLASS_REFUSALS.filter((e) => e.code !== "TOO_MANY_SPOTS"),
      ...BUSY,
    ],
  },
  {
    method: "post",
    path: "/api/bookings/{id}/checkin",
    tag: "Bookings",
    summary: "Check in",
    description:
      "The booking's client checks in from their phone near the location, sending their position (`latitude`, `longitude` in degrees, `accuracy` in metres); staff who may check it in (the desk and managers there, its instructor) send no body. Open from the studio's check-in window before the start until it ends. A second check-in answers 200 with `outcome: \"already\"`, so a retry is harmless.",
    access: "signed-in",
    params: IdParams,
    body: CheckInBodySchema,
    responses: {
      200: {
        description: "Checked in, now or before.",
        schema: z.object({
          booking: z.object({
            id: z.string().uuid(),
            status: z.enum(BOOKING_STATUSES),
            checkedInAt: instant("When it was checked in (the first time)."),
          }),
          outcome: z.enum(["checked_in", "already"]),
          message: z.string().openapi({ description: "What to show: `Checked in: Ada Lovelace, Yoga Flow 18:00`." }),
        }),
        example: {
          booking: { id: BOOKING_EXAMPLE.id, status: "checked_in", checkedInAt: "2026-12-07T09:52:10.000Z" },
          outcome: "checked_in",
          message: "Checked in: Ada Lovelace, PT 60 10:00",
        },
      },
    },
    errors: [
      ...BODY,
      BOOKING_NOT_FOUND,
      FORBIDDEN,
      err(409, "BOOKING_CANCELLED", "The booking was cancelled."),
      err(409, "BOOKING_PENDING", "The booking waits for its instructor to confirm it."),
      err(409, "PAYMENT_PENDING", "The booking is not paid yet."),
      err(409, "MARKED_NO_SHOW", "The booking was marked a no-show."),
      err(409, "CHECK_IN_NOT_OPEN", "Too early: check-in opens before the start by the studio's window."),
      err(409, "CHECK_IN_CLOSED", "The booking has ended."),
      err(403, "CLIENT_CHECK_IN_OFF", "The studio has clients check in at the desk."),
      err(409, "LOCATION_NOT_PLACED", "The location has not set where it is, so a client checks in at the desk."),
      err(400, "POSITION_NEEDED", "A client sent no position."),
      err(400, "POSITION_TOO_ROUGH", "The client's position is too imprecise to tell."),
      err(409, "TOO_FAR", "The client is further from the location than the studio allows."),
    ],
  },
  {
    method: "post",
    path: "/api/bookings/{id}/complete",
    tag: "Bookings",
    summary: "Mark attended or a no-show",
    description: `The instructor teaching it, or the desk or a manager there, marks a booking \`attended: true\` (status \`completed\`) or a no-show (\`no_show\`, which applies the studio's no-show rule: the credit kept, or a fee; \`message\` says which), from its start. A mark may be corrected either way; marking it as it already is only rewrites the note (\`changed: false\`).\n\n${KEY_NOTE}`,
    access: "signed-in",
    params: IdParams,
    body: CompleteBookingBody,
    idempotent: true,
    responses: {
      200: {
        description: "Marked.",
        schema: z.object({
          bookingId: z.string().uuid(),
          status: z.enum(["completed", "no_show"]),
          changed: z.boolean().openapi({ description: "False when it was already marked so." }),
          message: z.string(),
          detail: z.string().nullable().openapi({ description: "What the no-show rule or the correction did." }),
        }),
        example: {
          bookingId: BOOKING_EXAMPLE.id,
          status: "completed",
          changed: true,
          message: "Marked attended: Ada Lovelace.",
          detail: null,
        },
      },
    },
    errors: [
      ...BODY,
      BOOKING_NOT_FOUND,
      FORBIDDEN,
      err(409, "BOOKING_CANCELLED", "The booking was cancelled."),
      err(409, "BOOKING_PENDING", "The booking waits for its instructor to confirm it."),
      err(409, "PAYMENT_PENDING", "The booking is not paid yet."),
      err(409, "NOT_STARTED", "Attendance is marked from the start."),
    ],
  },
];
