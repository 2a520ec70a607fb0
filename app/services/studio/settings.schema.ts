import { z } from "zod";
import { parsePoundsToMinor } from "~/services/shared/money";
import { StudioTypeField } from "./studio-type";

/** Receptionists' refunds above this need a manager (spec §4, footnote ******). */
const MAX_REFUND_LIMIT_MINOR = 1_000_000;
const AMOUNT_MESSAGE = "Enter an amount from 0 to 10,000 pounds, like 50 or 50.00";
const UNDO_MESSAGE = "Enter a number of minutes from 0 to 120 (0 turns undo off)";

export const SettingsSchema = z.object({
  requireParqBeforeFirstBooking: z.boolean().optional(),
  // Typed as pounds; becomes pence here, so everything after the form sees minor units.
  receptionistRefundLimit: z
    .string({ required_error: AMOUNT_MESSAGE })
    .max(20, AMOUNT_MESSAGE)
    .transform((text, ctx) => {
      const minor = parsePoundsToMinor(text);
      if (minor === null || minor > MAX_REFUND_LIMIT_MINOR) {
        ctx.addIssue({ code: "custom", message: AMOUNT_MESSAGE });
        return z.NEVER;
      }
      return minor;
    }),
  // A client bringing friends books several places at once, each spending a credit.
  maxSpotsPerBooking: z.coerce
    .number({ required_error: "Enter a number from 1 to 20", invalid_type_error: "Enter a number from 1 to 20" })
    .int("Enter a whole number from 1 to 20")
    .min(1, "Enter a number from 1 to 20")
    .max(20, "Enter a number from 1 to 20"),
  // How long staff may take back a booking they made in error (0: never).
  undoMinutes: z.coerce
    .number({ required_error: UNDO_MESSAGE, invalid_type_error: UNDO_MESSAGE })
    .int(UNDO_MESSAGE)
    .min(0, UNDO_MESSAGE)
    .max(120, UNDO_MESSAGE),
  studioType: StudioTypeField,
});
