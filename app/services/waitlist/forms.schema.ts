import { z } from "zod";
import { IdempotencyKey } from "~/services/booking/forms.schema";
import { Id } from "~/services/schedule/queries.schema";

/**
 * The waitlist's forms on the class page (a client's own place in line, staff managing the
 * line) and on the offer page. Each intent is its own schema, so a field one needs is required.
 */

/** The most places one class may have (the class form's own bound). */
export const MAX_CAPACITY = 500;

const Reason = z
  .string({ required_error: "Say why" })
  .trim()
  .min(1, "Say why")
  .max(300, "Keep the reason under 300 characters");

export const ClientWaitlistSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join-waitlist") }),
  z.object({ intent: z.literal("leave-waitlist"), entryId: Id }),
  z.object({ intent: z.literal("take-offer"), entryId: Id, idempotencyKey: IdempotencyKey }),
  z.object({ intent: z.literal("decline-offer"), entryId: Id }),
]);

export const StaffWaitlistSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("waitlist-add"),
    clientId: z.string({ required_error: "Choose the client to add" }).uuid("Choose the client to add"),
  }),
  z.object({
    intent: z.literal("waitlist-move"),
    entryId: Id,
    position: z
      .number({ required_error: "Choose a place in line", invalid_type_error: "Choose a place in line" })
      .int("Choose a place in line")
      .min(1, "Choose a place in line"),
    reason: Reason,
  }),
  z.object({ intent: z.literal("waitlist-remove"), entryId: Id, reason: Reason }),
  z.object({
    intent: z.literal("capacity"),
    capacity: z
      .number({ required_error: "Enter a number of places", invalid_type_error: "Enter a number of places" })
      .int("Whole places only")
      .min(1, "At least 1 place")
      .max(MAX_CAPACITY, `At most ${MAX_CAPACITY} places`),
  }),
]);

/** The offer page's two forms. */
export const OfferAnswerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take"), idempotencyKey: IdempotencyKey }),
  z.object({ intent: z.literal("decline") }),
]);
