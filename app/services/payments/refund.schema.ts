import { z } from "zod";
import { parsePoundsToMinor } from "~/services/shared/money";

const AMOUNT_MESSAGE = "Enter an amount in pounds, like 25 or 25.00";
const REASON_MESSAGE = "Say why the money goes back";

const Reason = z
  .string({ required_error: REASON_MESSAGE })
  .trim()
  .min(1, REASON_MESSAGE)
  .max(500, "Keep the reason under 500 characters");

/** The refund page's form: pounds as typed, turned into pence here. */
export const RefundFormSchema = z.object({
  amount: z
    .string({ required_error: AMOUNT_MESSAGE })
    .max(20, AMOUNT_MESSAGE)
    .transform((text, ctx) => {
      const minor = parsePoundsToMinor(text);
      if (minor === null || minor === 0) {
        ctx.addIssue({ code: "custom", message: AMOUNT_MESSAGE });
        return z.NEVER;
      }
      return minor;
    }),
  reason: Reason,
  idempotencyKey: z
    .string({ required_error: "This form is out of date. Please reload the page and try again." })
    .uuid("This form is out of date. Please reload the page and try again."),
});

/** `POST /api/payments/refund`: amounts in minor units, as everywhere in the API. */
export const RefundApiSchema = z.object({
  paymentId: z.string({ required_error: "Required" }).uuid("Not a payment id"),
  amountMinor: z
    .number({ required_error: "Required", invalid_type_error: "A whole number of pence" })
    .int("A whole number of pence")
    .positive("More than 0")
    .max(100_000_000, "Too large"),
  reason: Reason,
});
