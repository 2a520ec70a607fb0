import type { ActionFunctionArgs } from "@remix-run/node";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import {
  ApiError,
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  requireApiTenant,
  withApiErrors,
} from "~/services/identity/api.server";
import { VerifyBody } from "~/services/identity/api-auth.schema";
import { confirmEmail, requestVerificationLink } from "~/services/identity/email-verification.server";

// With a token: the emailed link's confirmation, no credentials needed (the token is the proof).
// Without: a signed-in client asks for a new link.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const tenant = await requireApiTenant(request);
    const { token } = await readJson(request, VerifyBody);
    if (token !== undefined) {
      if (!(await confirmEmail(tenant, token)).ok) {
        throw new ApiError(410, "VERIFICATION_LINK_EXPIRED", ACCOUNT_MESSAGES.verificationLinkExpired);
      }
      return Response.json({ verified: true });
    }
    const { actor } = await requireApiActor(request);
    const outcome = await requestVerificationLink(tenant, actor);
    if (outcome === "not-a-client") {
      throw new ApiError(409, "NOT_A_CLIENT", "Only clients confirm their email address; staff accounts need not.");
    }
    if (outcome === "already-verified") return Response.json({ verified: true });
    return Response.json({ verified: false }, { status: 202 });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
