import type { LoaderFunctionArgs } from "@remix-run/node";
import { signIn } from "~/services/identity/auth.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

export type RouteHandler = (args: LoaderFunctionArgs) => Promise<unknown>;

export type RouteAnswer = {
  status: number;
  location?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Calls a route's loader or action as a browser without JavaScript would: on the studio's host,
 * signed in as `as` (or nobody), a GET or a form POST. Thrown and returned Responses, and
 * `data(..., {status})`, all come back as a status, a Location and the data.
 */
export async function callRoute(
  handler: RouteHandler,
  tenant: Tenant,
  as: User | null,
  path: string,
  options: { form?: Record<string, string> | URLSearchParams; params?: Record<string, string> } = {},
): Promise<RouteAnswer> {
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = as ? (((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  const request = new Request(`http://${host}${path}`, {
    method: options.form ? "POST" : "GET",
    headers: { host, cookie, ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
  try {
    return answerOf(
      await handler({ request, params: options.params ?? {}, context: { requestId: "t", clientIp: "127.0.0.1" } }),
    );
  } catch (thrown) {
    if (thrown instanceof Response) return answerOf(thrown);
    throw thrown;
  }
}

function answerOf(result: unknown): RouteAnswer {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { init, data } = result as { init?: { status?: number }; data: unknown };
    return { status: init?.status ?? 200, data: data as Record<string, unknown> };
  }
  return { status: 200, data: result as Record<string, unknown> };
}
