import { z } from "zod";
import { isoDate } from "~/services/shared/schema-helpers";

/**
 * The availability editor's forms. Pure (no `.server`): the browser validates with the same
 * schemas. Times sit on a 15-minute grid so weekly hours line up with the slot step.
 */

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const onGrid = (time: string) => Number(time.slice(3, 5)) % 15 === 0;

const time = (label: string) =>
  z
    .string({ required_error: `Enter the ${label} time` })
    .regex(TIME, `Enter the ${label} time as HH:MM, like 08:00`)
    .refine(onGrid, "Use quarter hours: :00, :15, :30 or :45");

const date = isoDate(
  { format: "Enter the date as YYYY-MM-DD", unreal: "Enter a real date" },
  z.string({ required_error: "Enter a date" }),
);

// conform reads a ticked box ("on") as true and an unticked one as absent.
const flag = z.boolean().default(false);

/** "Save anyway" on the confirmation page sends this ("on") back with the original fields. */
const confirmed = flag;

function endAfterStart(value: { start?: string; end?: string }, ctx: z.RefinementCtx) {
  if (value.start && value.end && TIME.test(value.start) && TIME.test(value.end) && value.end <= value.start) {
    ctx.addIssue({ code: "custom", path: ["end"], message: "End after the start time" });
  }
}

const BlockFields = z.object({
  blockId: z.string().uuid().optional(),
  weekday: z
    .enum(["1", "2", "3", "4", "5", "6", "7"], { errorMap: () => ({ message: "Choose a day" }) })
    .transform(Number),
  locationId: z.string({ required_error: "Choose a location" }).uuid("Choose a location from the list"),
  start: time("start"),
  end: time("end"),
  allowsSelfBooking: flag.default(false),
  confirmed,
});
export const BlockSchema = BlockFields.superRefine(endAfterStart);
export type BlockInput = z.output<typeof BlockSchema>;

export const RemoveSchema = z.object({ id: z.string().uuid(), confirmed });

/** Time off: a whole day, or from one time to another on that day. */
const TimeOffFields = z.object({
  date,
  start: time("start").optional(),
  end: time("end").optional(),
  note: z.string().trim().max(200, "Keep the note under 200 characters").optional(),
  confirmed,
});

function bothOrNeither(value: { start?: string; end?: string }, ctx: z.RefinementCtx) {
  if (value.start && !value.end) ctx.addIssue({ code: "custom", path: ["end"], message: "Enter the end time too" });
  if (value.end && !value.start) ctx.addIssue({ code: "custom", path: ["start"], message: "Enter the start time too" });
}

export const TimeOffSchema = TimeOffFields.superRefine((value, ctx) => {
  bothOrNeither(value, ctx);
  endAfterStart(value, ctx);
});
export type TimeOffInput = z.output<typeof TimeOffSchema>;

const ExtraHoursFields = z.object({
  date,
  locationId: z.string({ required_error: "Choose a location" }).uuid("Choose a location from the list"),
  start: time("start"),
  end: time("end"),
  allowsSelfBooking: flag.default(false),
});
export const ExtraHoursSchema = ExtraHoursFields.superRefine(endAfterStart);
export type ExtraHoursInput = z.output<typeof ExtraHoursSchema>;

/**
 * POST /api/instructors/:id/availability: one change of the editor's forms, named by `action`.
 * A JSON weekday is a number (1 Monday … 7 Sunday); `confirmed: true` keeps booked sessions the
 * change would leave outside the hours (without it such a change is refused, naming them).
 */
export const AvailabilityChangeSchema = z
  .discriminatedUnion("action", [
    BlockFields.omit({ blockId: true }).extend({
      action: z.literal("add_block"),
      weekday: z
        .number({ required_error: "Choose a day", invalid_type_error: "weekday is 1 (Monday) to 7 (Sunday)" })
        .int("weekday is 1 (Monday) to 7 (Sunday)")
        .min(1, "weekday is 1 (Monday) to 7 (Sunday)")
        .max(7, "weekday is 1 (Monday) to 7 (Sunday)"),
    }),
    RemoveSchema.extend({ action: z.literal("remove_block") }),
    TimeOffFields.extend({ action: z.literal("add_time_off") }),
    ExtraHoursFields.extend({ action: z.literal("add_extra_hours") }),
    RemoveSchema.extend({ action: z.literal("remove_exception") }),
  ])
  .superRefine((value, ctx) => {
    if (value.action === "add_time_off") bothOrNeither(value, ctx);
    if ("end" in value) endAfterStart(value, ctx);
  });
export type AvailabilityChange = z.output<typeof AvailabilityChangeSchema>;

export const TravelSchema = z.object({
  pairs: z
    .array(
      z.object({
        from: z.string().uuid(),
        to: z.string().uuid(),
        minutes: z
          .number({ required_error: "Enter minutes (0 if none)", invalid_type_error: "Enter a number of minutes" })
          .int("Whole minutes only")
          .min(0, "0 or more minutes")
          .max(240, "At most 240 minutes"),
      }),
    )
    .max(400),
});
export type TravelInput = z.output<typeof TravelSchema>;
