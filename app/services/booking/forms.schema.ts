import { z } from "zod";
import { Id, IsoDateSchema } from "~/services/schedule/queries.schema";
import { isInstantInRange, searchText } from "~/services/shared/schema-helpers";
import { HOURS_OVERRIDES } from "./hours-override";

/**
 * The booking pages' forms and queries, one schema each: the action parses with them (conform
 * on the server, and in the browser when JavaScript runs) and so does the loader of every step
 * that a link or GET form leads to. Ids are uuids and instants ISO with an offset, so a
 * tampered field is a message or a 404, never a 500.
 */

const LocalDate = IsoDateSchema;

const Instant = z
  .string()
  .datetime({ offset: true, message: "Choose a time from the list" })
  .refine(isInstantInRange, "Choose a time from the list");

/** Made by the page's loader, sent back once: a repeat of the same submission shows its first result. */
export const IdempotencyKey = z
  .string({ required_error: "This form is out of date. Please reload the page and try again." })
  .uuid("This form is out of date. Please reload the page and try again.");

const Notes = z.string().trim().max(500, "Keep the note under 500 characters");

/** `/book?clientId=&serviceId=&locationId=&instructorId=&date=&q=`: each step adds to the query. */
export const BookQuerySchema = z.object({
  clientId: Id.optional(),
  serviceId: Id.optional(),
  locationId: Id.optional(),
  // Absent: any instructor who is free.
  instructorId: Id.optional(),
  date: LocalDate.optional(),
  // Staff looking for the client to book for.
  q: searchText(100).optional(),
});
export type BookQuery = z.infer<typeof BookQuerySchema>;

/** One chosen session time: the confirm page's query and the heart of its form. */
export const SessionSlotSchema = z.object({
  serviceId: Id,
  locationId: Id,
  startsAt: Instant,
  instructorId: Id.optional(),
  clientId: Id.optional(),
});
export type SessionSlot = z.infer<typeof SessionSlotSchema>;

/**
 * POST /book/confirm: "Confirm booking", or "Book anyway" past the published hours it names, or
 * (`intent=pay`) a client with no credit paying for it online.
 */
export const BookSessionSchema = SessionSlotSchema.extend({
  intent: z.enum(["book", "pay"]).default("book"),
  notes: Notes.optional(),
  override: z.array(z.enum(HOURS_OVERRIDES)).optional(),
  idempotencyKey: IdempotencyKey,
  // Paying by card: "keep my card on file for no-show fees", ticked.
  keepCard: z.boolean().optional(),
});

/**
 * POST /schedule/:occurrenceId: a client's own place(s) (with credits, or `pay` online), or staff
 * booking a client in.
 */
export const BookClassSchema = z.object({
  intent: z.enum(["book", "pay", "book-client"]),
  spots: z
    .number({ invalid_type_error: "Choose how many places" })
    .int("Choose how many places")
    .min(1, "Book at least one place")
    .max(20, "Choose how many places")
    .default(1),
  clientId: Id.optional(),
  idempotencyKey: IdempotencyKey,
  // Paying by card: "keep my card on file for no-show fees", ticked.
  keepCard: z.boolean().optional(),
});

/** POST /bookings/:id/cancel. */
export const CancelBookingSchema = z.object({
  reason: z.string().trim().max(300, "Keep the reason under 300 characters").optional(),
  // Staff cancelling after the window may keep the credit as a late-cancel fee.
  forfeitCredit: z.boolean().optional(),
  idempotencyKey: IdempotencyKey,
});

/** POST /bookings/:id/reschedule for a session: the new time, with the same or another instructor. */
export const RescheduleSessionSchema = z.object({
  kind: z.literal("session"),
  startsAt: Instant,
  instructorId: Id,
  idempotencyKey: IdempotencyKey,
});

/** POST /bookings/:id/reschedule for a class: another date of the same class. */
export const RescheduleClassSchema = z.object({
  kind: z.literal("class"),
  occurrenceId: z.string({ required_error: "Choose a date" }).uuid("Choose a date"),
  idempotencyKey: IdempotencyKey,
});

/** `/bookings/:id/reschedule?date=&instructorId=&startsAt=`: the session move's steps. */
export const RescheduleQuerySchema = z.object({
  date: LocalDate.optional(),
  instructorId: Id.optional(),
  startsAt: Instant.optional(),
});

/** Staff confirm a pending booking (an owner or manager overriding says why). */
export const ConfirmBookingSchema = z.object({
  intent: z.literal("confirm"),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
});

/** POST /bookings/:id: staff confirm a pending booking, or undo one they have just made. */
export const BookingPageSchema = z.discriminatedUnion("intent", [
  ConfirmBookingSchema,
  z.object({ intent: z.literal("undo"), idempotencyKey: IdempotencyKey }),
]);

/** `/schedule/:occurrenceId?q=&clientId=`: staff finding the client to book into a class. */
export const ClassPanelQuerySchema = z.object({ q: searchText(100).optional(), clientId: Id.optional() });

/** `/bookings?date=`: the staff list of one day's bookings. */
export const StaffBookingsQuerySchema = z.object({ date: LocalDate.optional() });
