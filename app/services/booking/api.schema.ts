import { z } from "zod";
import { clearable, isInstantInRange, isoDate, onlyKnownFields } from "~/services/shared/schema-helpers";
import { BOOKING_METHODS, BOOKING_STATUSES } from "~db/schema/tenant";
import { HOURS_OVERRIDES } from "./hours-override";

/**
 * The booking API's request bodies and query strings (spec §8, validated as §18 asks: uuid ids,
 * ISO 8601 instants that say their offset). A body may carry only its own fields: a forged
 * `status` or `price` is a 400 naming it, not silently dropped.
 */

const id = (field: string) =>
  z
    .string({ required_error: `Send ${field}`, invalid_type_error: `${field} must be an id` })
    .uuid(`${field} must be an id`);

/** "2026-12-01T10:00:00Z" or "…+01:00": a wall-clock time without its offset is ambiguous. */
const instant = (field: string) =>
  z
    .string({ required_error: `Send ${field}`, invalid_type_error: `${field} must be an ISO 8601 date-time` })
    .datetime({
      offset: true,
      message: `${field} must be an ISO 8601 date-time with an offset, like 2026-12-01T10:00:00Z`,
    })
    .refine(isInstantInRange, `${field} must be between the years 2000 and 2100`)
    .transform((value) => new Date(value));

const date = isoDate({ format: "Send a date as YYYY-MM-DD", unreal: "That date does not exist" });

const notes = z.string({ invalid_type_error: "notes must be text" }).trim().max(500, "Keep notes under 500 characters");

const SessionBookingFields = z.object({
  serviceId: id("serviceId"),
  locationId: id("locationId"),
  startTime: instant("startTime"),
  instructorId: id("instructorId").optional(),
  clientId: id("clientId").optional(),
  notes: notes.optional(),
  bookingMethod: z
    .enum(BOOKING_METHODS, {
      errorMap: () => ({ message: "bookingMethod is self_booked, instructor_created or admin_created" }),
    })
    .optional(),
  override: z
    .array(
      z.enum(HOURS_OVERRIDES, {
        errorMap: () => ({ message: "override lists instructor_hours and/or opening_hours" }),
      }),
      { invalid_type_error: 'override is a list, like ["instructor_hours"]' },
    )
    .max(HOURS_OVERRIDES.length)
    .optional(),
});
export const SessionBookingSchema = onlyKnownFields(SessionBookingFields);
export type SessionBookingBody = z.infer<typeof SessionBookingSchema>;

/**
 * A place in a class: its dated occurrence by id, or the spec's `{classId, startTime}` (the
 * series, or the occurrence, and the instant that date's class starts).
 */
const ClassBookingFields = z.object({
  occurrenceId: id("occurrenceId").optional(),
  classId: id("classId").optional(),
  startTime: instant("startTime").optional(),
  locationId: id("locationId").optional(),
  // The studio's cap (settings) is the engine's to check: over it is 400 TOO_MANY_SPOTS.
  spotsRequested: z
    .number({ invalid_type_error: "spotsRequested must be a whole number" })
    .int("spotsRequested must be a whole number")
    .min(1, "Book at least one place")
    .optional(),
  clientId: id("clientId").optional(),
  notes: notes.optional(),
});

/** A class is named by its occurrence, or by a class and its start: one way, not both. */
function classNamedOnce(body: z.infer<typeof ClassBookingFields>, ctx: z.RefinementCtx) {
  if (body.occurrenceId) {
    if (body.classId) ctx.addIssue({ code: "custom", path: ["classId"], message: "Send occurrenceId or classId" });
    return;
  }
  if (!body.classId)
    ctx.addIssue({ code: "custom", path: ["occurrenceId"], message: "Send occurrenceId, or classId with startTime" });
  if (!body.startTime)
    ctx.addIssue({ code: "custom", path: ["startTime"], message: "Send the class's startTime with classId" });
}

export const ClassBookingSchema = onlyKnownFields(ClassBookingFields).superRefine(classNamedOnce);
export type ClassBookingBody = z.infer<typeof ClassBookingSchema>;

/**
 * POST /api/bookings: either booking in one body, told apart by `type`, with exactly the fields
 * (and the rules) of POST /api/bookings/session or /api/bookings/class.
 */
export const NewBookingSchema = onlyKnownFields(
  z.discriminatedUnion(
    "type",
    [
      SessionBookingFields.extend({ type: z.literal("session") }),
      ClassBookingFields.extend({ type: z.literal("class") }),
    ],
    { errorMap: () => ({ message: "type is session or class" }) },
  ),
).superRefine((body, ctx) => {
  if (body.type === "class") classNamedOnce(body, ctx);
});
export type NewBookingBody = z.infer<typeof NewBookingSchema>;

export const CancelBookingSchema = onlyKnownFields(
  z.object({
    reason: z
      .string({ invalid_type_error: "reason must be text" })
      .trim()
      .max(500, "Keep the reason under 500 characters")
      .optional(),
    forfeitCredit: z.boolean({ invalid_type_error: "forfeitCredit must be true or false" }).optional(),
  }),
);

/** A session moves to another start (and perhaps instructor); a class booking to another date's occurrence. */
export const RescheduleBookingSchema = onlyKnownFields(
  z.object({
    startTime: instant("startTime").optional(),
    instructorId: id("instructorId").optional(),
    occurrenceId: id("occurrenceId").optional(),
  }),
)
  .superRefine((body, ctx) => {
    if (body.occurrenceId && (body.startTime || body.instructorId))
      ctx.addIssue({
        code: "custom",
        path: ["occurrenceId"],
        message: "Send occurrenceId for a class, or startTime for a session, not both",
      });
    if (!body.occurrenceId && !body.startTime)
      ctx.addIssue({
        code: "custom",
        path: ["startTime"],
        message: "Send startTime for a session, or occurrenceId for a class",
      });
  })
  .transform((body) =>
    body.occurrenceId
      ? { kind: "class" as const, occurrenceId: body.occurrenceId }
      : { kind: "session" as const, startsAt: body.startTime as Date, instructorId: body.instructorId },
  );

/**
 * PATCH /api/bookings/:id: notes ("" or null clears them) and confirming a pending booking, with
 * the reason an owner or manager confirming in the instructor's place must give.
 */
export const BookingPatchSchema = onlyKnownFields(
  z
    .object({
      notes: clearable(notes),
      status: z.literal("confirmed", { errorMap: () => ({ message: "A booking can only be set to confirmed here" }) }),
      reason: z
        .string({ invalid_type_error: "reason must be text" })
        .trim()
        .max(500, "Keep the reason under 500 characters"),
    })
    .partial(),
)
  .refine((body) => body.notes !== undefined || body.status !== undefined, {
    message: "Send notes or status",
    path: ["_"],
  })
  .refine((body) => body.reason === undefined || body.status === "confirmed", {
    message: "A reason goes with status: confirmed",
    path: ["reason"],
  });

/** A bound of a list: an instant with its offset, or a date (the studio's local day). */
const bound = (field: string) =>
  z.union([date.transform((date) => ({ date })), instant(field).transform((at) => ({ at }))], {
    errorMap: () => ({ message: `${field} must be YYYY-MM-DD or an ISO 8601 date-time with an offset` }),
  });
export type ListBound = { date: string } | { at: Date };

export const BookingListQuerySchema = z.object({
  from: bound("from").optional(),
  to: bound("to").optional(),
  locationId: id("locationId").optional(),
  instructorId: id("instructorId").optional(),
  clientId: id("clientId").optional(),
  status: z
    .enum(BOOKING_STATUSES, { errorMap: () => ({ message: `status is one of ${BOOKING_STATUSES.join(", ")}` }) })
    .optional(),
});

export const RosterQuerySchema = z.object({ date: date.optional() });
