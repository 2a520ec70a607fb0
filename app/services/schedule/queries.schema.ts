import { z } from "zod";
import { isoDate } from "~/services/shared/schema-helpers";

export const IsoDateSchema = isoDate({
  format: "Enter a date as YYYY-MM-DD",
  unreal: "Enter a real date as YYYY-MM-DD",
});

/** An id picked from a list: a uuid, or the field says to choose again. */
export const Id = z.string().uuid("Choose one from the list");

/** The public schedule's query: `/schedule?locationId=&date=&serviceId=&instructorId=`. */
export const ClassesQuerySchema = z.object({
  locationId: Id.optional(),
  date: IsoDateSchema.optional(),
  serviceId: Id.optional(),
  instructorId: Id.optional(),
});
export type ClassesQuery = z.infer<typeof ClassesQuerySchema>;

export const TeachingQuerySchema = z.object({
  view: z.enum(["day", "week"]).default("week"),
  date: IsoDateSchema.optional(),
  locationId: Id.optional(),
});
export type TeachingQuery = z.infer<typeof TeachingQuerySchema>;

export const CalendarQuerySchema = z.object({
  view: z.enum(["day", "week", "month"]).default("week"),
  date: IsoDateSchema.optional(),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

/** The query string as an object; an empty value (a select's "All") counts as absent. */
function entries(params: URLSearchParams, keys: readonly string[]) {
  return Object.fromEntries(keys.map((key) => [key, params.get(key) || undefined]));
}

/** Strict reading for the API: any bad field is the caller's error to fix. */
export function parseQuery<T extends z.ZodRawShape>(schema: z.ZodObject<T>, params: URLSearchParams) {
  return schema.safeParse(entries(params, Object.keys(schema.shape)));
}

/**
 * Forgiving reading for pages: a bad field is dropped (a mistyped date shows today), so an
 * edited or stale link still opens a page instead of an error.
 */
export function readQuery<T extends z.ZodRawShape>(schema: z.ZodObject<T>, params: URLSearchParams) {
  const input = entries(params, Object.keys(schema.shape));
  const first = schema.safeParse(input);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete input[String(issue.path[0])];
  return schema.parse(input);
}
