import { z } from "zod";
import { IdempotencyKey } from "~/services/booking/forms.schema";
import { requiredText } from "~/services/shared/schema-helpers";

/** The page lists this many clients at risk, the most at risk first; the API up to 500. */
export const CHURN_LIST_LIMIT = 100;

/** `GET /api/dashboard/churn?location=&limit=`. */
export const ChurnQuerySchema = z.object({
  location: z.string().max(64).optional(),
  limit: z.coerce
    .number({ invalid_type_error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(500, "limit must be at most 500")
    .default(CHURN_LIST_LIMIT),
});

const ClientId = z.string({ required_error: "Choose a client" }).uuid("Choose a client from the list");

/** "Send a message" on a client at risk: a subject (for the email) and the text, sent once. */
export const MessageClientSchema = z.object({
  intent: z.literal("message"),
  clientId: ClientId,
  subject: requiredText("a subject", 120),
  text: requiredText("the message", 1000),
  idempotencyKey: IdempotencyKey,
});
export type MessageClientInput = z.infer<typeof MessageClientSchema>;

/** "Give credits" on a client at risk: how many, for how long, and why (kept on the ledger). */
export const GiveCreditsSchema = z.object({
  intent: z.literal("credits"),
  clientId: ClientId,
  credits: z.coerce
    .number({ required_error: "Enter how many credits to give", invalid_type_error: "Enter a number of credits" })
    .int("Whole credits only")
    .min(1, "At least 1 credit")
    .max(50, "At most 50 credits"),
  validDays: z.coerce
    .number({ required_error: "Enter how many days they last", invalid_type_error: "Enter a number of days" })
    .int("Whole days only")
    .min(1, "At least 1 day")
    .max(365, "At most 365 days"),
  reason: requiredText("a reason", 200),
});

/** What the page says after an action: `?done=message|credits&client=&credits=`. */
export const ChurnDoneSchema = z.object({
  done: z.enum(["message", "credits"]),
  client: z.string().uuid(),
  credits: z.coerce.number().int().min(1).max(50).optional(),
});
