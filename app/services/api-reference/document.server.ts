import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from "@asteasolutions/zod-to-openapi";
import { type AnyZodObject, type ZodType, z } from "zod";
import { SESSION_COOKIE } from "~/services/identity/session.server";
import { PageQuerySchema } from "~/services/shared/pages";
import {
  API_TAGS,
  type ApiErrorCase,
  ApiErrorSchema,
  type ApiOperation,
  COMMON_ERRORS,
  IDEMPOTENCY_ERRORS,
  UNAUTHENTICATED,
  VALIDATION,
} from "./operation";
import { API_OPERATIONS } from "./operations";

export const API_VERSION = "1.0.0";

/** `get /api/bookings/{id}/cancel` → `getBookingsIdCancel`: stable, unique, readable. */
export function operationId(operation: Pick<ApiOperation, "method" | "path">) {
  const words = operation.path
    .replace(/^\/api\//, "")
    .split(/[/{}.-]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  return operation.method + words.join("");
}

/** Every error the operation can answer: its own, the credentials' and the studio's. */
export function errorsOf(operation: ApiOperation): ApiErrorCase[] {
  const all = [
    ...operation.errors,
    ...(operation.access === "signed-in" ? [UNAUTHENTICATED] : []),
    ...(operation.idempotent ? IDEMPOTENCY_ERRORS : []),
    ...(operation.paginated ? [VALIDATION] : []),
    ...COMMON_ERRORS,
  ];
  const seen = new Set<string>();
  return all.filter((error) => {
    const id = `${error.status} ${error.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The object under a query schema's refinements and defaults, for its parameters. */
function objectOf(schema: ZodType): AnyZodObject {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodEffects) return objectOf(schema.innerType());
  throw new Error("A path or query schema must be a z.object (refinements allowed)");
}

function queryOf(operation: ApiOperation): AnyZodObject | undefined {
  const own = operation.query ? objectOf(operation.query) : undefined;
  if (!operation.paginated) return own;
  return own ? own.merge(PageQuerySchema) : PageQuerySchema;
}

const RETRY_AFTER = {
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" as const } },
};

function errorResponses(operation: ApiOperation): Record<number, ResponseConfig> {
  const byStatus = new Map<number, ApiErrorCase[]>();
  for (const error of errorsOf(operation)) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  return Object.fromEntries(
    [...byStatus].map(([status, cases]) => {
      const first = cases[0] as ApiErrorCase;
      const response: ResponseConfig = {
        description: cases.map((error) => `\`${error.code}\`: ${error.when}`).join("\n\n"),
        content: {
          "application/json": {
            schema: ApiErrorSchema,
            example: { error: first.when, code: first.code },
          },
        },
        ...(status === 429 || cases.some((error) => error.code === "IDEMPOTENCY_KEY_IN_USE")
          ? { headers: RETRY_AFTER }
          : {}),
      };
      return [status, response];
    }),
  );
}

function successResponses(operation: ApiOperation): Record<number, ResponseConfig> {
  return Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => {
      const headers = {
        ...(operation.idempotent
          ? {
              "Idempotent-Replayed": {
                description: "`true` when this is the first answer to a repeated key.",
                schema: { type: "string" as const },
              },
            }
          : {}),
        ...(operation.paginated
          ? {
              Link: {
                description: 'The next page: `</api/…?page=N>; rel="next"`, while there is one.',
                schema: { type: "string" as const },
              },
            }
          : {}),
      };
      const content = response.contentType
        ? { [response.contentType]: { schema: { type: "string" as const } } }
        : response.schema
          ? {
              "application/json": {
                schema: response.schema,
                ...(response.example === undefined ? {} : { example: response.example }),
              },
            }
          : undefined;
      const config: ResponseConfig = {
        description: response.description,
        ...(content ? { content } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      };
      return [Number(status), config];
    }),
  );
}

const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional()
    .openapi({ description: "Any unique string per intended request (a UUID). A repeat answers the first result." }),
});

function routeConfig(operation: ApiOperation): RouteConfig {
  const query = queryOf(operation);
  // Webhooks carry the provider's secret or signature, not a person's credentials.
  const security: Record<string, string[]>[] = operation.access === "signed-in" ? [{ bearer: [] }, { cookie: [] }] : [];
  return {
    method: operation.method,
    path: operation.path,
    operationId: operationId(operation),
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security,
    "x-access": operation.access,
    request: {
      ...(operation.params ? { params: operation.params } : {}),
      ...(query ? { query } : {}),
      ...(operation.idempotent ? { headers: IdempotencyHeader } : {}),
      ...(operation.body
        ? { body: { required: !operation.bodyOptional, content: { "application/json": { schema: operation.body } } } }
        : {}),
    },
    responses: { ...successResponses(operation), ...errorResponses(operation) },
  };
}

const DESCRIPTION = `The JSON API of a Wondrous studio: what its pages do, for your website, kiosk or app.

**Address.** Each studio answers at its own address; every path here is relative to it.

**Credentials.** Send \`Authorization: Bearer <token>\` (the \`token\` that \`POST /api/auth/login\` answers), or the browser's session cookie. What a caller may do follows the studio's permission matrix: each operation says who.

**Errors.** Every failure is JSON \`{ "error": "…", "code": "…" }\` with a 4xx status; a \`VALIDATION_ERROR\` adds \`fieldErrors\`. Branch on \`code\`.

**Money** is in minor units (pence, cents) with the studio's currency. **Times** are ISO 8601 instants with an offset; a date alone is the location's local day.

**Pages.** Lists take \`page\` (from 1) and \`perPage\` (1–200, 50 unless you say) and answer \`pagination: { page, perPage, hasMore, nextPage }\`, with a \`Link: <…>; rel="next"\` header while there is more.

**Retries.** Every POST that creates or spends takes an \`Idempotency-Key\` header: send the same key again (a timeout, a dropped connection) and you get the first answer, marked \`Idempotent-Replayed: true\`, and nothing happens twice.

**Rate limits.** Each credential (or address, without one) may make a burst of requests, refilled every second; past it the answer is \`429 RATE_LIMITED\` with \`Retry-After\` in seconds.`;

let built: ReturnType<typeof buildDocument> | undefined;

/**
 * The OpenAPI 3.1 document, built once per process from the operations and their schemas;
 * each studio gets it with its own address as the server.
 */
export function openApiDocument(serverUrl: string) {
  built ??= buildDocument();
  return { ...built, servers: [{ url: serverUrl, description: "This studio" }] };
}

function buildDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The `token` that `POST /api/auth/login` answers; revoke it with `POST /api/auth/logout`.",
  });
  registry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The session of a signed-in browser (the studio's own pages). Changes need a same-site Origin.",
  });
  for (const operation of API_OPERATIONS) registry.registerPath(routeConfig(operation));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Wondrous studio API",
      version: API_VERSION,
      description: DESCRIPTION,
      license: { name: "Proprietary", identifier: "LicenseRef-Wondrous" },
      contact: { name: "Wondrous", url: "https://wondrous.app" },
    },
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    security: [{ bearer: [] }, { cookie: [] }],
  });
  return document;
}
