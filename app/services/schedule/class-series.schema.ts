import { z } from "zod";
import { isoDate } from "~/services/shared/schema-helpers";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = (missing: string) =>
  z.string({ required_error: missing }).trim().regex(TIME, "Enter a time like 18:30 (24-hour)");
const date = (missing: string) =>
  isoDate(
    { format: "Enter a date like 2026-12-01", unreal: "Enter a real date" },
    z.string({ required_error: missing }).trim(),
  );
const id = (missing: string) => z.string({ required_error: missing }).uuid(missing);

/**
 * A recurring class, as the form and the API both send it. An empty end time means "start plus
 * the service's length" and an empty capacity the service's own; the service fills them in.
 */
export const ClassSeriesSchema = z
  .object({
    serviceId: id("Choose a class"),
    locationId: id("Choose a location"),
    instructorId: id("Choose an instructor"),
    weekday: z.coerce
      .number({ required_error: "Choose a day", invalid_type_error: "Choose a day" })
      .int("Choose a day")
      .min(1, "Choose a day")
      .max(7, "Choose a day"),
    startTime: time("Enter a start time"),
    endTime: time("Enter an end time").optional(),
    capacity: z.coerce
      .number({ invalid_type_error: "Enter a number of places" })
      .int("Whole places only")
      .min(1, "At least 1 place")
      .max(500, "At most 500 places")
      .optional(),
    intervalWeeks: z.coerce
      .number({ invalid_type_error: "Choose how often" })
      .int("Choose how often")
      .min(1, "Every 1 to 4 weeks")
      .max(4, "Every 1 to 4 weeks")
      .default(1),
    validFrom: date("Enter the first date").optional(),
    validUntil: date("Enter the last date").optional(),
    // An owner or manager schedules it outside the location's opening hours, having confirmed.
    overrideOpeningHours: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.endTime && value.endTime <= value.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "The class must end after it starts" });
    }
    if (value.validUntil && value.validFrom && value.validUntil < value.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "The last date must be on or after the first" });
    }
  });

export type ClassSeriesInput = z.output<typeof ClassSeriesSchema>;

export const CancelOccurrenceSchema = z.object({
  reason: z
    .string({ required_error: "Say why, for the people booked in" })
    .trim()
    .min(1, "Say why, for the people booked in")
    .max(500, "Keep it under 500 characters"),
});

/** `DELETE /api/classes/:id` may say why; the people booked in are told this. */
export const CancelClassDateSchema = z.object({
  reason: CancelOccurrenceSchema.shape.reason.optional().default("The studio cancelled this class."),
});

/** One date of a class changed (`PATCH /api/classes/:id`): any of these; the end moves with the start. */
export const ClassDateChangeSchema = z
  .object({
    startsAt: z
      .string()
      .datetime({ offset: true, message: "Enter a date and time like 2026-12-01T18:30:00+00:00" })
      .transform((value) => new Date(value))
      .optional(),
    instructorId: id("Choose who teaches").optional(),
    capacity: z.coerce
      .number({ invalid_type_error: "Enter a number of places" })
      .int("Whole places only")
      .min(1, "At least 1 place")
      .max(500, "At most 500 places")
      .optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "Send startsAt, instructorId or capacity",
    path: ["_"],
  });

export const SubstituteSchema = z.object({ instructorId: id("Choose who covers") });

/** ISO weekdays, Monday first, as the timetable names them. */
export const WEEKDAYS = [
  { value: 1, label: "Monday" },
  { value: 2, label: "Tuesday" },
  { value: 3, label: "Wednesday" },
  { value: 4, label: "Thursday" },
  { value: 5, label: "Friday" },
  { value: 6, label: "Saturday" },
  { value: 7, label: "Sunday" },
] as const;

export function repeatLabel(intervalWeeks: number) {
  return intervalWeeks === 1 ? "Every week" : intervalWeeks === 2 ? "Every other week" : `Every ${intervalWeeks} weeks`;
}
