import { z } from "zod";
import { parsePoundsToMinor } from "~/services/shared/money";
import { hasNul, NUL_MESSAGE } from "~/services/shared/nul-characters";

/** The desk form's "not a package" choice: a description and an amount typed in. */
export const SOMETHING_ELSE = "other";

/** How the money is taken at the desk: Checkout on this browser, cash, or the studio's card terminal. */
export const DESK_METHODS = ["desk_card", "cash", "terminal"] as const;
export type DeskMethod = (typeof DESK_METHODS)[number];

/** The most one desk payment may be: a typo guard (an extra 0), well above any package. */
export const DESK_MAX_MINOR = 1_000_000;

/**
 * A payment taken at the desk: what for (a package on sale or something described), how, where,
 * and why for cash and terminal (the record that stands in for the card network's).
 */
export const DeskPaymentSchema = z
  .object({
    idempotencyKey: z
      .string({ required_error: "This form has expired. Please reload the page." })
      .uuid("This form has expired. Please reload the page."),
    what: z.union([z.literal(SOMETHING_ELSE), z.string().uuid("Choose a package from the list")], {
      required_error: "Choose a package, or something else",
      invalid_type_error: "Choose a package from the list",
    }),
    description: z.string().trim().max(120, "Keep the description under 120 characters").default(""),
    amount: z.string().trim().max(20, "Enter an amount like 12.50").default(""),
    method: z.enum(DESK_METHODS, {
      required_error: "Choose how the client pays",
      invalid_type_error: "Choose how the client pays",
    }),
    reason: z.string().trim().max(200, "Keep the reason under 200 characters").default(""),
    locationId: z.string({ required_error: "Choose where it was taken" }).uuid("Choose a location from the list"),
  })
  // Checked together, so one submission reports every missing field at once.
  .superRefine((value, ctx) => {
    for (const key of ["description", "reason"] as const)
      if (hasNul(value[key])) ctx.addIssue({ code: "custom", path: [key], message: NUL_MESSAGE });
    if (value.method !== "desk_card" && !value.reason)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "Enter a reason, e.g. Paid in cash at the desk",
      });
    if (value.what !== SOMETHING_ELSE) return;
    if (!value.description)
      ctx.addIssue({ code: "custom", path: ["description"], message: "Enter what the payment is for" });
    const minor = parsePoundsToMinor(value.amount);
    if (!value.amount) ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount" });
    else if (minor === null) ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount like 12.50" });
    else if (minor === 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount above 0" });
    else if (minor > DESK_MAX_MINOR)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "At most 10,000.00 in one payment" });
  })
  .transform(({ what, description, amount, ...rest }) => ({
    ...rest,
    reason: rest.reason || null,
    item: what === SOMETHING_ELSE ? { description, amountMinor: parsePoundsToMinor(amount) ?? 0 } : { packageId: what },
  }));

export type DeskPaymentInput = z.output<typeof DeskPaymentSchema>;
