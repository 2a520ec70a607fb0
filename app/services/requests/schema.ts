import { z } from "zod";
import { MAX_PREFERRED_TIMES } from "./rules";

/** Forms and API bodies of booking requests. Times in forms are wall-clock on the location's clock. */

const id = z.string().uuid("Choose from the list");
const instant = z.coerce.date({ invalid_type_error: "Give a date and time" });
/** A datetime-local value, "2026-12-10T09:30", read on the location's clock by the service. */
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Give a date and time");

export const RequestApiSchema = z.object({
  serviceId: id,
  locationId: id,
  /** Omitted or null: any instructor who teaches it there. */
  instructorId: id.nullish(),
  preferredTimes: z
    .array(instant)
    .min(1, "Give at least one time")
    .max(MAX_PREFERRED_TIMES, `Give at most ${MAX_PREFERRED_TIMES} times`),
  notes: z.string().trim().max(1000).default(""),
});

export const RequestFormSchema = z.object({
  serviceId: id,
  locationId: id,
  instructorId: z.union([id, z.literal("any")]).default("any"),
  preferredTimes: z
    .array(localTime)
    .min(1, "Give at least one time")
    .max(MAX_PREFERRED_TIMES, `Give at most ${MAX_PREFERRED_TIMES} times`),
  notes: z.string().trim().max(1000).default(""),
});

const reason = z.string({ required_error: "Say why" }).trim().min(1, "Say why").max(500);

/** POST /api/booking-requests/:id/respond, and the request page's forms (their `intent`). */
export const RespondApiSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept"), startTime: instant, instructorId: id.optional() }),
  z.object({
    action: z.literal("propose"),
    startTime: instant,
    instructorId: id.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ action: z.literal("decline"), reason }),
  z.object({ action: z.literal("reassign"), instructorId: id }),
]);
export type Response = z.infer<typeof RespondApiSchema>;

export const RespondFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept"),
    startTime: instant,
    instructorId: id.optional(),
    idempotencyKey: z.string().uuid(),
  }),
  z.object({
    intent: z.literal("propose"),
    startLocal: localTime,
    instructorId: id.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ intent: z.literal("decline"), reason }),
  z.object({ intent: z.literal("reassign"), instructorId: id }),
]);

/** The client's list: withdraw one open request. */
export const WithdrawFormSchema = z.object({ intent: z.literal("withdraw"), requestId: z.string().uuid() });

export const RequestListQuerySchema = z.object({
  status: z.enum(["pending", "proposed", "accepted", "declined", "expired", "withdrawn"]).optional(),
});
