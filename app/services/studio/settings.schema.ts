import { z } from "zod";
import { parsePoundsToMinor } from "~/services/shared/money";
import { NO_SHOW_RULES } from "~db/schema/tenant";
import { StudioTypeField } from "./studio-type";

/** Receptionists' refunds above this need a manager (spec §4, footnote ******). */
const MAX_REFUND_LIMIT_MINOR = 1_000_000;
const AMOUNT_MESSAGE = "Enter an amount from 0 to 10,000 pounds, like 50 or 50.00";
const UNDO_MESSAGE = "Enter a number of minutes from 0 to 120 (0 turns undo off)";
const CLOCK_MESSAGE = "Enter a time on the 24-hour clock, like 21:00";
const FEE_MESSAGE = "Enter a fee from 0 to 1,000, like 10 or 10.00";
const FEE_NEEDED = "Enter the fee to charge, more than 0";
const MAX_NO_SHOW_FEE_MINOR = 100_000;

/**
 * A whole number within bounds, in the unit the label names. Optional: a form (or an older
 * page still open) without the field leaves the setting as it is.
 */
const bounded = (min: number, max: number, unit: string) => {
  const message = `Enter a number of ${unit} from ${min} to ${max}`;
  return z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message).optional();
};

/** A wall-clock time, "21:00": read on each location's own clock. */
const clockTime = z
  .string({ required_error: CLOCK_MESSAGE })
  .trim()
  .refine((value) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value), CLOCK_MESSAGE);

export const SettingsSchema = z
  .object({
    requireParqBeforeFirstBooking: z.boolean().optional(),
    // Ticked: a client books themselves only once they confirmed their email address.
    clientsMustVerifyEmail: z.boolean().optional(),
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
    // Whether a refund takes back the unused credits of the package it refunds.
    refundRemovesCredits: z.boolean().optional(),
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
    // Messages. The country is checked against the phone library's list by the service.
    country: z
      .string({ required_error: "Choose a country" })
      .refine((value) => /^[A-Z]{2}$/.test(value), "Choose a country from the list"),
    smsReminders: z.boolean().optional(),
    quietHoursStart: clockTime,
    quietHoursEnd: clockTime,
    // Waitlists: how long an offered place is held, and when offers stop before a class.
    waitlistOfferMinutes: bounded(5, 1440, "minutes"),
    waitlistCutoffMinutes: bounded(0, 1440, "minutes"),
    // Booking requests: when an unanswered one goes to the studio, and when it lapses.
    requestEscalationHours: bounded(1, 168, "hours"),
    requestExpiryHours: bounded(1, 336, "hours"),
    // Check-in: its window around the start, and whether clients may check themselves in nearby.
    checkInOpensMinutes: bounded(0, 1440, "minutes"),
    checkInClosesMinutes: bounded(0, 1440, "minutes"),
    clientCheckIn: z.boolean().optional(),
    checkInRadiusMetres: bounded(50, 50000, "metres"),
    // What a no-show costs; a fee only means something under `charge_fee`, where it must be > 0.
    // Churn alerts: a client not booked for this many days, or with credits expiring this soon.
    churnInactiveDays: bounded(7, 365, "days"),
    churnCreditExpiryDays: bounded(1, 90, "days"),
    noShowRule: z.enum(NO_SHOW_RULES, { errorMap: () => ({ message: "Choose what a no-show costs" }) }).optional(),
    noShowFee: z
      .string()
      .max(20, FEE_MESSAGE)
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        const minor = parsePoundsToMinor(text);
        if (minor === null || minor > MAX_NO_SHOW_FEE_MINOR) {
          ctx.addIssue({ code: "custom", message: FEE_MESSAGE });
          return z.NEVER;
        }
        return minor;
      }),
  })
  .refine((settings) => settings.noShowRule !== "charge_fee" || (settings.noShowFee ?? 0) > 0, {
    message: FEE_NEEDED,
    path: ["noShowFee"],
  })
  .refine((settings) => settings.quietHoursStart !== settings.quietHoursEnd, {
    message: "Quiet hours need an end different from their start",
    path: ["quietHoursEnd"],
  });
