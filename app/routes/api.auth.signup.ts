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
import { SignUpBody } from "~/services/identity/api-auth.schema";
import { apiUser } from "~/services/identity/api-user";
import { signUpClient } from "~/services/identity/client-signup.server";

// A visitor creates a client account from an app and gets a bearer token for it at once. Without
// a `locationId` their home location is the studio's first open one.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const tenant = await requireApiTenant(request);
    const input = await readJson(request, SignUpBody);
    const outcome = await signUpClient(tenant, input);
    if (!outcome.ok && outcome.reason === "unknown-location") {
      throw new ApiError(400, "UNKNOWN_LOCATION", ACCOUNT_MESSAGES.unknownLocation, {
        locationId: [ACCOUNT_MESSAGES.unknownLocation],
      });
    }
    if (!outcome.ok) {
      throw new ApiError(409, "EMAIL_TAKEN", ACCOUNT_MESSAGES.emailTaken, { email: [ACCOUNT_MESSAGES.emailTaken] });
    }
    const token = await issueApiToken(tenant, outcome.user, "API sign-up");
    return Response.json(
      { token, user: apiUser(outcome.user) },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
