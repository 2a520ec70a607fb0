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

export const BlockSchema = z
  .object({
    blockId: z.string().uuid().optional(),
    weekday: z
      .enum(["1", "2", "3", "4", "5", "6", "7"], { errorMap: () => ({ message: "Choose a day" }) })
      .transform(Number),
    locationId: z.string({ required_error: "Choose a location" }).uuid("Choose a location from the list"),
    start: time("start"),
    end: time("end"),
    allowsSelfBooking: flag.default(false),
    confirmed,
  })
  .superRefine(endAfterStart);
export type BlockInput = z.output<typeof BlockSchema>;

export const RemoveSchema = z.object({ id: z.string().uuid(), confirmed });

/** Time off: a whole day, or from one time to another on that day. */
export const TimeOffSchema = z
  .object({
    date,
    start: time("start").optional(),
    end: time("end").optional(),
    note: z.string().trim().max(200, "Keep the note under 200 characters").optional(),
    confirmed,
  })
  .superRefine((value, ctx) => {
    if (value.start && !value.end) ctx.addIssue({ code: "custom", path: ["end"], message: "Enter the end time too" });
    if (value.end && !value.start)
      ctx.addIssue({ code: "custom", path: ["start"], message: "Enter the start time too" });
    endAfterStart(value, ctx);
  });
export type TimeOffInput = z.output<typeof TimeOffSchema>;

export const ExtraHoursSchema = z
  .object({
    date,
    locationId: z.string({ required_error: "Choose a location" }).uuid("Choose a location from the list"),
    start: time("start"),
    end: time("end"),
    allowsSelfBooking: flag.default(false),
  })
  .superRefine(endAfterStart);
export type ExtraHoursInput = z.output<typeof ExtraHoursSchema>;

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
