import { z } from "zod";
import type { OperatingHours } from "~db/schema/tenant";
import { isValidTimezone } from "./timezones";

/**
 * What a location is made of, for the create and edit forms and the JSON API alike: both import
 * these schemas, so the rules cannot drift apart. Pure (no `.server`): the forms validate in the
 * browser with them too.
 */

const text = (label: string, max: number) =>
  z
    .string({ required_error: `Enter ${label}`, invalid_type_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `Keep ${label} under ${max} characters`);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) => z.string().regex(TIME, `Enter the ${label} time as HH:MM, like 06:30`);

const DAY_MESSAGE = "Enter the opening hours or tick Closed";

/**
 * One weekday: closed, or open from one time to a later one. The form sends a "closed" tick
 * box and two times; the API may also send `null` for a closed day, as it reads them back.
 */
const DaySchema = z
  .object(
    { closed: z.boolean().optional(), open: time("opening").optional(), close: time("closing").optional() },
    { required_error: DAY_MESSAGE, invalid_type_error: DAY_MESSAGE },
  )
  .superRefine((day, ctx) => {
    if (day.closed) return;
    if (!day.open) ctx.addIssue({ code: "custom", path: ["open"], message: "Enter the opening time" });
    if (!day.close) ctx.addIssue({ code: "custom", path: ["close"], message: "Enter the closing time" });
    // Compared only once both are well-formed: "9am" has its own message already.
    if (day.open && day.close && TIME.test(day.open) && TIME.test(day.close) && day.close <= day.open) {
      ctx.addIssue({ code: "custom", path: ["close"], message: "Closing time must be after opening time" });
    }
  })
  // Nullable rather than a union with z.null(): the same rule, and one "null" in the API document.
  .nullable()
  .transform((day) => (day === null || day.closed ? null : { open: day.open as string, close: day.close as string }));

export const OperatingHoursSchema = z.object(
  {
    mon: DaySchema,
    tue: DaySchema,
    wed: DaySchema,
    thu: DaySchema,
    fri: DaySchema,
    sat: DaySchema,
    sun: DaySchema,
  },
  { required_error: "Enter the opening hours" },
);

const AddressSchema = z.object(
  {
    line1: text("the street address", 120),
    line2: z
      .string()
      .trim()
      .max(120, "Keep the second line under 120 characters")
      .optional()
      .transform((line) => line || undefined),
    city: text("the town or city", 80),
    postcode: text("the postcode", 16),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, "Enter the two-letter country code, like GB")
      .transform((code) => code.toUpperCase())
      .default("GB"),
  },
  { required_error: "Enter the address" },
);

const coordinate = (label: string, limit: number) =>
  z
    .number({ invalid_type_error: `Enter the ${label} as a number, like 51.5407` })
    .min(-limit, `The ${label} is between -${limit} and ${limit}`)
    .max(limit, `The ${label} is between -${limit} and ${limit}`);

const fields = {
  name: text("a name for the location", 80),
  address: AddressSchema,
  timezone: z
    .string({ required_error: "Choose a time zone" })
    .refine(isValidTimezone, "Choose a time zone from the list"),
  operatingHours: OperatingHoursSchema,
  latitude: coordinate("latitude", 90),
  longitude: coordinate("longitude", 180),
  isActive: z.boolean({ invalid_type_error: "Active is true or false" }),
};

/**
 * A whole location: the create and edit forms, and `POST /api/locations`. Coordinates are
 * optional. `isActive` is optional because its absence means different things: a new location
 * is active, while a submitted edit form without the tick means "no longer active".
 */
export const LocationSchema = z.object({
  ...fields,
  latitude: fields.latitude.optional(),
  longitude: fields.longitude.optional(),
  isActive: fields.isActive.optional(),
});
export type LocationInput = z.output<typeof LocationSchema>;

/** `PATCH /api/locations/:id`: any subset of the fields; `null` clears a coordinate. */
export const LocationPatchSchema = z
  .object({
    ...fields,
    latitude: fields.latitude.nullable(),
    longitude: fields.longitude.nullable(),
  })
  .partial();
export type LocationChanges = z.output<typeof LocationPatchSchema>;

/** Stored opening hours as the form shows them: a closed day ticks "Closed". */
export function hoursFormValue(hours: OperatingHours): z.input<typeof OperatingHoursSchema> {
  const day = (slot: OperatingHours[keyof OperatingHours]) => slot ?? { closed: true };
  return {
    mon: day(hours.mon),
    tue: day(hours.tue),
    wed: day(hours.wed),
    thu: day(hours.thu),
    fri: day(hours.fri),
    sat: day(hours.sat),
    sun: day(hours.sun),
  };
}
