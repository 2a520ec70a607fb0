import { z } from "zod";

/** A required line of text: trimmed, not blank, with a limit. */
export function requiredText(what: string, max: number) {
  return z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} under ${max} characters`);
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
 * the caller may not change) is a 400 that names the field, rather than silently ignored.
 */
export function onlyKnownFields<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  message = "This field cannot be changed here",
) {
  const known = new Set(Object.keys(schema.shape));
  return z
    .record(z.unknown(), { invalid_type_error: "Send a JSON object" })
    .superRefine((body, ctx) => {
      for (const key of Object.keys(body)) {
        if (!known.has(key)) ctx.addIssue({ code: "custom", path: [key], message });
      }
    })
    .pipe(schema);
}
