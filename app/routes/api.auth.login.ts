import type { ActionFunctionArgs } from "@remix-run/node";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import {
  ApiError,
  allowMethods,
  issueApiToken,
  methodNotAllowed,
  readJson,
  requireApiTenant,
  withApiErrors,
} from "~/services/identity/api.server";
import { LoginBody } from "~/services/identity/api-auth.schema";
import { apiUser } from "~/services/identity/api-user";
import { signInWithPassword } from "~/services/identity/sign-in.server";

// Exchanges email and password for a bearer token, behind the same throttle as the sign-in page.
export async function action({ request, context }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const tenant = await requireApiTenant(request);
    const input = await readJson(request, LoginBody);
    const outcome = await signInWithPassword(tenant, input, context.clientIp);
    if (!outcome.ok && outcome.reason === "throttled") {
      throw new ApiError(429, "TOO_MANY_ATTEMPTS", ACCOUNT_MESSAGES.throttled, undefined, {
        "Retry-After": String(outcome.retryAfterSeconds),
      });
    }
    if (!outcome.ok) throw new ApiError(401, "INVALID_CREDENTIALS", ACCOUNT_MESSAGES.invalidCredentials);
    const token = await issueApiToken(tenant, outcome.user, input.label ?? "API sign-in");
    return Response.json({ token, user: apiUser(outcome.user) }, { headers: { "Cache-Control": "no-store" } });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
