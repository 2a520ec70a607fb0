import { createHash, randomBytes } from "node:crypto";
import type { ZodError, ZodType, ZodTypeDef } from "zod";
import { findUserByApiToken, insertApiToken, revokeApiToken } from "~/models/api-token.server";
import { Forbidden, InvalidPhone, NotFound, Refused } from "~/services/shared/errors";
import { findNul, NUL_MESSAGE } from "~/services/shared/nul-characters";
import { resolveRequestTarget, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { findSignedInUser } from "./auth.server";

/** An API failure the client can act on: `{ error, code }` with a 4xx status. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** Sent with the answer: `Retry-After` on a 409 or 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

function errorResponse(
  status: number,
  code: string,
  error: string,
  fieldErrors?: Record<string, string[]>,
  headers?: Record<string, string>,
) {
  return Response.json(fieldErrors ? { error, code, fieldErrors } : { error, code }, {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

/**
 * Runs an API loader's or action's work: the studio's expected failures become JSON with the
 * spec's statuses; anything else is a bug and stays a 500 (logged with the request id).
 * Call it inside `export async function loader/action` (see app/http.server.ts for why).
 */
export async function withApiErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError)
      return errorResponse(error.status, error.code, error.message, error.fieldErrors, error.headers);
    if (error instanceof InvalidPhone) {
      return errorResponse(error.status, error.code, error.message, { [error.field]: [error.message] });
    }
    if (error instanceof Refused) return errorResponse(error.status, error.code, error.message);
    if (error instanceof Forbidden) return errorResponse(403, "INSUFFICIENT_PERMISSIONS", error.message);
    if (error instanceof NotFound) return errorResponse(404, "NOT_FOUND", error.message);
    if (error instanceof Response && error.status < 500) {
      const code = error.status === 404 ? "NOT_FOUND" : error.status === 401 ? "UNAUTHENTICATED" : "REQUEST_REFUSED";
      return errorResponse(error.status, code, error.statusText || "Request refused");
    }
    throw error;
  }
}

/**
 * Refuses a method the route does not answer, first of all (before the studio or credentials
 * are looked at): 405 with `Allow`. The API document's coverage test relies on it.
 */
export function allowMethods(request: Request, methods: readonly string[]) {
  if (!methods.includes(request.method))
    throw new ApiError(405, "METHOD_NOT_ALLOWED", `Use ${methods.join(" or ")}`, undefined, {
      Allow: methods.join(", "),
    });
}

/** The loader of a route that takes no GET: 405 naming what it takes, as JSON like every API answer. */
export async function methodNotAllowed(methods: readonly string[]) {
  return errorResponse(405, "METHOD_NOT_ALLOWED", `Use ${methods.join(" or ")}`, undefined, {
    Allow: methods.join(", "),
  });
}

export async function requireApiTenant(request: Request): Promise<Tenant> {
  const target = await resolveRequestTarget(request);
  if (target.kind !== "studio") throw new ApiError(404, "STUDIO_NOT_FOUND", "There is no studio at this address");
  return target.tenant;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function bearerToken(request: Request) {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})$/);
  return match?.[1];
}

/** The acting user: a bearer token (apps, scripts) or the browser's session cookie. */
export async function requireApiActor(request: Request): Promise<{ tenant: Tenant; actor: User }> {
  const tenant = await requireApiTenant(request);
  const token = bearerToken(request);
  const actor = token
    ? await findUserByApiToken(database(), tenant, hashToken(token), new Date())
    : await findSignedInUser(request, tenant);
  if (!actor) throw new ApiError(401, "UNAUTHENTICATED", "Sign in or send a valid bearer token");
  return { tenant, actor };
}

/** Issues a bearer token for a signed-in user; the secret is shown once and stored hashed. */
export async function issueApiToken(tenant: Tenant, user: User, label: string) {
  const token = randomBytes(32).toString("base64url");
  await insertApiToken(database(), tenant, { userId: user.id, tokenHash: hashToken(token), label });
  return token;
}

export async function revokeBearerToken(request: Request, tenant: Tenant) {
  const token = bearerToken(request);
  return token ? revokeApiToken(database(), tenant, hashToken(token), new Date()) : false;
}

/** Reads and validates a JSON body; bad JSON or bad fields are a 400 with field errors. */
export async function readJson<Output>(
  request: Request,
  schema: ZodType<Output, ZodTypeDef, unknown>,
): Promise<Output> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, "INVALID_JSON", "The request body must be JSON");
  }
  // Refused here, once for every route, rather than by each schema's text fields.
  const withNul = findNul(body);
  if (withNul !== undefined) {
    throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { [withNul]: [NUL_MESSAGE] });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function validationError(error: ZodError) {
  // A Map, not an object literal: a field named "toString" or "__proto__" would otherwise find
  // Object.prototype's member instead of an empty list (and throw, or rewrite the prototype).
  const fieldErrors = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors.set(key, [...(fieldErrors.get(key) ?? []), issue.message]);
  }
  return new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", Object.fromEntries(fieldErrors));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a uuid cannot name anything here: 404, not a database error. */
export function requireId(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw new NotFound("Not found");
  return value;
}
