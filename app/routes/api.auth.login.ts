import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { EmailField } from "~/services/identity/account-fields";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { ApiError, issueApiToken, readJson, requireApiTenant, withApiErrors } from "~/services/identity/api.server";
import { apiUser } from "~/services/identity/api-user";
import { signInWithPassword } from "~/services/identity/sign-in.server";

const LoginSchema = z.object({
  email: EmailField,
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200),
  label: z.string().trim().min(1).max(80, "Keep the label under 80 characters").optional(),
});

// Exchanges email and password for a bearer token, behind the same throttle as the sign-in page.
export async function action({ request, context }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const input = await readJson(request, LoginSchema);
    const outcome = await signInWithPassword(tenant, input, context.clientIp);
    if (!outcome.ok && outcome.reason === "throttled") {
      throw new ApiError(429, "TOO_MANY_ATTEMPTS", ACCOUNT_MESSAGES.throttled);
    }
    if (!outcome.ok) throw new ApiError(401, "INVALID_CREDENTIALS", ACCOUNT_MESSAGES.invalidCredentials);
    const token = await issueApiToken(tenant, outcome.user, input.label ?? "API sign-in");
    return Response.json({ token, user: apiUser(outcome.user) }, { headers: { "Cache-Control": "no-store" } });
  });
}
