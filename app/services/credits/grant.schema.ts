import { z } from "zod";
import { requiredText } from "~/services/shared/schema-helpers";

/** The grant form's "not a package" choice: a number of credits, days and a name typed in. */
export const CUSTOM_GRANT = "custom";

/**
 * Staff give a client credits: one of the packages on sale (what was bought at the desk), or a
 * number of credits valid for some days (a goodwill gesture, a transfer from the old system).
 */
export const GrantCreditsSchema = z
  .object({
    packageId: z.union([z.literal(CUSTOM_GRANT), z.string().uuid("Choose a package from the list")], {
      required_error: "Choose a package, or a number of credits",
      invalid_type_error: "Choose a package from the list",
    }),
    credits: z.coerce
      .number({ invalid_type_error: "Enter a number of credits" })
      .int("Whole credits only")
      .min(1, "At least 1 credit")
      .max(500, "At most 500 credits")
      .optional(),
    validDays: z.coerce
      .number({ invalid_type_error: "Enter a number of days" })
      .int("Whole days only")
      .min(1, "At least 1 day")
      .max(730, "At most 730 days (two years)")
      .optional(),
    name: z.string().trim().max(80, "Keep the name under 80 characters").optional(),
    // Checked below with the rest, so one submission reports every missing field at once.
    reason: z.string().trim().max(200, "Keep a reason under 200 characters").default(""),
  })
  .superRefine((value, ctx) => {
    if (!value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter a reason" });
    if (value.packageId !== CUSTOM_GRANT) return;
    if (value.credits === undefined)
      ctx.addIssue({ code: "custom", path: ["credits"], message: "Enter how many credits to give" });
    if (value.validDays === undefined)
      ctx.addIssue({ code: "custom", path: ["validDays"], message: "Enter how many days they last" });
  })
  .transform((value) =>
    value.packageId === CUSTOM_GRANT
      ? {
          reason: value.reason,
          credits: value.credits ?? 0,
          validDays: value.validDays ?? 0,
          name: value.name || undefined,
        }
      : { reason: value.reason, packageId: value.packageId },
  );

/** A correction to one grant: credits added (positive) or taken away (negative), with why. */
export const AdjustCreditsSchema = z.object({
  grantId: z
    .string({ required_error: "Choose which credits to change" })
    .uuid("Choose which credits to change from the list"),
  delta: z.coerce
    .number({ required_error: "Enter a number like 2 or -1", invalid_type_error: "Enter a number like 2 or -1" })
    .int("Whole credits only")
    .min(-500, "At most 500 at a time")
    .max(500, "At most 500 at a time")
    .refine((n) => n !== 0, "Enter a number other than 0"),
  reason: requiredText("a reason", 200),
});
