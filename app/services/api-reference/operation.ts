import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { type AnyZodObject, type ZodType, z } from "zod";

// Once, before any schema below asks for `.openapi(...)`: names, descriptions and examples.
extendZodWithOpenApi(z);

/**
 * One operation of the JSON API as an integrator sees it: what it takes (the very zod schemas
 * the route validates with), what it answers, who may call it and how it fails. The OpenAPI
 * document and the /api/docs page are both built from these; `coverage.test.ts` fails when a
 * route under app/routes/api.* answers a method that is not described here, or the reverse.
 */
export type ApiOperation = {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI form: `/api/bookings/{id}`. */
  path: `/api/${string}`;
  tag: ApiTag;
  summary: string;
  /** Markdown; say the rules the caller meets (who, when, what happens after). */
  description?: string;
  /**
   * "public": no credentials; "signed-in": a bearer token or the session cookie (the
   * description says which roles); "webhook"/"stripe": the provider's secret or signature.
   */
  access: "public" | "signed-in" | "webhook" | "stripe";
  params?: AnyZodObject;
  query?: AnyZodObject;
  body?: ZodType;
  /** The body may be left out altogether (a cancel needs no fields). */
  bodyOptional?: boolean;
  /** Accepts `Idempotency-Key`: a repeat with the same key answers the first result. */
  idempotent?: boolean;
  /** Takes `page`/`perPage` and answers with `pagination` (see pagination.ts). */
  paginated?: boolean;
  responses: Partial<Record<SuccessStatus, ApiResponse>>;
  /** Every `{error, code}` the operation can answer, with when. 401/404 of a studio are added. */
  errors: ApiErrorCase[];
};

export type SuccessStatus = 200 | 201 | 202 | 204;

export type ApiResponse = {
  description: string;
  /** JSON body; leave out for 204. */
  schema?: ZodType;
  /** Another media type (text/html, text/csv); the schema then describes nothing. */
  contentType?: string;
  example?: unknown;
};

export type ApiErrorCase = {
  status: 400 | 401 | 402 | 403 | 404 | 405 | 409 | 410 | 422 | 429 | 503;
  code: string;
  when: string;
};

export const API_TAGS = {
  Documentation: "This document and its reference page.",
  Auth: "Signing in and out, signing up and verifying an email address.",
  Bookings: "Session and class bookings: book, read, change, cancel, check in.",
  "Booking requests": "Instructor-led requests a client accepts or declines.",
  Services: "What the studio sells: 1-on-1 sessions and classes.",
  Classes: "Dates of classes: their rosters, attendance, notes, substitutes and waitlists.",
  Instructors: "The team who teach: profiles, weekly hours, schedules and clients.",
  Clients: "The studio's clients, their bookings, credits and health questionnaires.",
  Locations: "The studio's places, with their schedules, services and staff.",
  Packages: "Credit packages on sale and buying them.",
  Payments: "Paying through Stripe Checkout, refunds and Stripe's webhook.",
  Waitlist: "Places in line for a full class, and accepting an offered place.",
  Dashboard: "The owner's and managers' figures.",
  Reports: "Money and people reports (also as CSV on the pages).",
  Team: "Staff accounts and the locations they work at.",
  SMS: "The SMS provider's delivery reports and replies.",
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** The body of every failure. */
export const ApiErrorSchema = z
  .object({
    error: z.string().openapi({ description: "What went wrong, in words a person can read." }),
    code: z.string().openapi({ description: "Stable, machine-readable: branch on this, not on `error`." }),
    fieldErrors: z
      .record(z.array(z.string()))
      .optional()
      .openapi({ description: "For VALIDATION_ERROR: messages per field (dotted paths)." }),
  })
  .openapi("Error");

export const IdParams = z.object({ id: z.string().uuid() });

/** Every operation may answer these; `errors` lists only what is particular to it. */
export const COMMON_ERRORS: ApiErrorCase[] = [
  { status: 404, code: "STUDIO_NOT_FOUND", when: "No studio at this address." },
  { status: 429, code: "RATE_LIMITED", when: "Too many requests; wait the `Retry-After` seconds." },
];

export const UNAUTHENTICATED: ApiErrorCase = {
  status: 401,
  code: "UNAUTHENTICATED",
  when: "No valid bearer token or session cookie.",
};
export const FORBIDDEN: ApiErrorCase = {
  status: 403,
  code: "INSUFFICIENT_PERMISSIONS",
  when: "The caller's role may not do this.",
};
export const NOT_FOUND: ApiErrorCase = {
  status: 404,
  code: "NOT_FOUND",
  when: "No such record in this studio, or not one the caller may see.",
};
export const VALIDATION: ApiErrorCase = {
  status: 400,
  code: "VALIDATION_ERROR",
  when: "A field is missing or not valid; `fieldErrors` says which.",
};
export const INVALID_JSON: ApiErrorCase = { status: 400, code: "INVALID_JSON", when: "The body is not JSON." };
export const IDEMPOTENCY_ERRORS: ApiErrorCase[] = [
  {
    status: 400,
    code: "INVALID_IDEMPOTENCY_KEY",
    when: "`Idempotency-Key` is not 1 to 100 letters, digits, `_` or `-`.",
  },
  {
    status: 409,
    code: "IDEMPOTENCY_KEY_IN_USE",
    when: "A request with this key is still being answered; retry after `Retry-After`.",
  },
  { status: 422, code: "IDEMPOTENCY_KEY_REUSED", when: "This key was used for a different request." },
];

/** `pagination` in every paged list's answer (see app/services/shared/pages.ts). */
export const PaginationSchema = z
  .object({
    page: z.number().int().openapi({ description: "This page's number, from 1." }),
    perPage: z.number().int(),
    hasMore: z.boolean().openapi({ description: "Whether another page follows." }),
    nextPage: z.number().int().nullable().openapi({ description: "The next page's number, or null on the last." }),
  })
  .openapi("Pagination");
