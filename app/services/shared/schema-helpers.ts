import { z } from "zod";
import { hasNul, NUL_MESSAGE } from "./nul-characters";

/** A required line of text: trimmed, not blank, with a limit. */
export function requiredText(what: string, max: number) {
  return z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} under ${max} characters`)
    .refine((value) => !hasNul(value), NUL_MESSAGE);
}

/**
 * Every date the studio deals in lies in these years. Outside them is a typo or a probe, and
 * year 0000 or 9999 would break date arithmetic or PostgreSQL's range further in.
 */
export const FIRST_DATE = "2000-01-01";
export const LAST_DATE = "2100-12-31";
export const DATE_RANGE_MESSAGE = "Choose a date between 2000 and 2100";
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-02-30" has the shape but is no day of the calendar. */
export function isRealDate(value: string) {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** A YYYY-MM-DD date inside the sane range; text of another shape is left to the shape's message. */
export const isDateInRange = (value: string) => !DATE_SHAPE.test(value) || (value >= FIRST_DATE && value <= LAST_DATE);

/** An ISO 8601 instant inside the sane range (read in UTC); unparseable text is left to the format's message. */
export function isInstantInRange(value: string) {
  const at = Date.parse(value);
  return (
    Number.isNaN(at) || (at >= Date.parse(`${FIRST_DATE}T00:00:00Z`) && at <= Date.parse(`${LAST_DATE}T23:59:59.999Z`))
  );
}

/**
 * A calendar date as YYYY-MM-DD, real and in range. `base` carries the field's own required
 * message or trimming; `messages` say what is wrong in the words of the page or the API.
 */
export function isoDate(messages: { format: string; unreal: string }, base = z.string()) {
  return base
    .regex(DATE_SHAPE, messages.format)
    .refine((value) => !DATE_SHAPE.test(value) || isRealDate(value), messages.unreal)
    .refine(isDateInRange, DATE_RANGE_MESSAGE);
}

/** Words to search for, from a query string: they reach an ILIKE, so a NUL is refused here. */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Search with at most ${max} characters`)
    .refine((value) => !hasNul(value), NUL_MESSAGE);
}

export const EmailSchema = requiredText("an email address", 254).pipe(
  z.string().email("Enter an email address like name@example.com"),
);

// Digits with the usual separators and an optional leading +; at least six digits in all.
export const PhoneSchema = z
  .string()
  .trim()
  .max(32, "Keep the phone number under 32 characters")
  // A refinement, not .regex(): conform would copy a regex into the input's `pattern`, which
  // browsers compile with the stricter `v` flag.
  .refine((value) => /^\+?[\d\s().-]+$/.test(value), "Use digits, spaces and an optional leading +")
  .refine((value) => value.replace(/\D/g, "").length >= 6, "That phone number is too short");

/**
 * For JSON bodies: "" or null clears an optional field. (Forms need no such thing: conform
 * already turns a blank input into undefined.)
 */
export function clearable<Schema extends z.ZodTypeAny>(schema: Schema) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), schema.nullable());
}

/**
 * A JSON body may name only the schema's own fields: anything else (a forged `role`, a field
 * the caller may not change) is a 400 that names the field, rather than silently ignored. For a
 * discriminated union, the fields of the branch its discriminator names. A preprocess over the
 * schema itself, so the API document (which reads through it) describes the schema's fields.
 */
export function onlyKnownFields<
  Schema extends z.AnyZodObject | z.ZodDiscriminatedUnion<string, [z.AnyZodObject, ...z.AnyZodObject[]]>,
>(schema: Schema, message = "This field cannot be changed here") {
  const fieldsOf = (body: Record<string, unknown>): Set<string> | undefined => {
    if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
    const branch = (schema as z.ZodDiscriminatedUnion<string, z.AnyZodObject[]>).optionsMap.get(
      body[schema.discriminator] as string,
    );
    // No such branch: the union itself says what the discriminator may be.
    return branch ? new Set(Object.keys(branch.shape)) : undefined;
  };
  return z.preprocess((body, ctx) => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      ctx.addIssue({ code: "custom", message: "Send a JSON object", fatal: true });
      return body;
    }
    const record = body as Record<string, unknown>;
    const known = fieldsOf(record);
    // Object.keys, not a z.record: that drops a "__proto__" key before the check could name it.
    for (const key of Object.keys(record)) {
      if (known && !known.has(key)) ctx.addIssue({ code: "custom", path: [key], message, fatal: true });
    }
    return body;
  }, schema);
}
