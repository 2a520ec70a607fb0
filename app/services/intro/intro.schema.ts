import { z } from "zod";
import { ClientSignUpFields } from "~/services/identity/account-fields";
import { hasNul, NUL_MESSAGE } from "~/services/shared/nul-characters";

/** Parts of the day a new client can come, as the form offers them. */
export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export const DAY_PART_LABELS: Record<DayPart, string> = {
  morning: "Morning (before 12:00)",
  afternoon: "Afternoon (12:00 to 17:00)",
  evening: "Evening (after 17:00)",
};

/** ISO weekdays, Monday first. */
export const WEEKDAYS = [
  { value: "1", label: "Monday" },
  { value: "2", label: "Tuesday" },
  { value: "3", label: "Wednesday" },
  { value: "4", label: "Thursday" },
  { value: "5", label: "Friday" },
  { value: "6", label: "Saturday" },
  { value: "7", label: "Sunday" },
];

const EXPIRED = "This form has expired. Please reload the page.";

/** When and where a new client can come, for the studio to match them with an instructor. */
const PreferenceFields = {
  idempotencyKey: z.string({ required_error: EXPIRED }).uuid(EXPIRED),
  packageId: z.string({ required_error: "Choose an offer" }).uuid("Choose an offer from the list"),
  locationId: z
    .string({ required_error: "Choose where you would like to come" })
    .uuid("Choose a location from the list"),
  days: z
    .array(z.enum(["1", "2", "3", "4", "5", "6", "7"], { message: "Choose days from the list" }), {
      required_error: "Tick at least one day you can come",
    })
    .min(1, "Tick at least one day you can come")
    .transform((days) => [...new Set(days.map(Number))].sort()),
  dayParts: z
    .array(z.enum(DAY_PARTS, { message: "Choose times of day from the list" }), {
      required_error: "Tick at least one time of day",
    })
    .min(1, "Tick at least one time of day")
    .transform((parts) => DAY_PARTS.filter((part) => parts.includes(part))),
  notes: z
    .string()
    .trim()
    .max(500, "Keep the note under 500 characters")
    .refine((text) => !hasNul(text), NUL_MESSAGE)
    .default(""),
};

/** A signed-in client taking the offer: only their preferences. */
export const IntroPreferencesSchema = z.object(PreferenceFields);

/** A new visitor: their account too, with the sign-up page's rules (home: the location they chose). */
export const IntroVisitorSchema = z.object({ ...ClientSignUpFields, ...PreferenceFields });

export type IntroPreferences = z.output<typeof IntroPreferencesSchema>;

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The owner's match: an instructor and a start, as a date and a wall-clock time at the location. */
export const IntroMatchSchema = z.object({
  intent: z.literal("match"),
  idempotencyKey: z.string({ required_error: EXPIRED }).uuid(EXPIRED),
  signupId: z.string({ required_error: EXPIRED }).uuid(EXPIRED),
  instructorId: z.string({ required_error: "Choose an instructor" }).uuid("Choose an instructor from the list"),
  date: z.string({ required_error: "Enter the date" }).date("Enter a date like 2026-03-02"),
  time: z.string({ required_error: "Enter the start time" }).regex(TIME, "Enter a time like 09:30"),
});

export type IntroMatch = z.output<typeof IntroMatchSchema>;

export const IntroCancelSchema = z.object({
  intent: z.literal("cancel"),
  signupId: z.string({ required_error: EXPIRED }).uuid(EXPIRED),
  reason: z
    .string({ required_error: "Enter why it is cancelled" })
    .trim()
    .min(1, "Enter why it is cancelled")
    .max(200, "Keep the reason under 200 characters")
    .refine((text) => !hasNul(text), NUL_MESSAGE),
});
