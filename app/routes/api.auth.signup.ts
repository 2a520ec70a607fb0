import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ClientSignUpFields } from "~/services/account-fields";
import { ACCOUNT_MESSAGES } from "~/services/account-messages";
import { ApiError, issueApiToken, readJson, requireApiTenant, withApiErrors } from "~/services/api.server";
import { apiUser } from "~/services/api-user";
import { signUpClient } from "~/services/client-signup.server";

const SignUpSchema = z.object(ClientSignUpFields);

// A visitor creates a client account from an app and gets a bearer token for it at once.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const input = await readJson(request, SignUpSchema);
    const outcome = await signUpClient(tenant, input);
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
