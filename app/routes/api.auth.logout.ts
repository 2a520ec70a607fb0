import type { ActionFunctionArgs } from "@remix-run/node";
import {
  ApiError,
  allowMethods,
  methodNotAllowed,
  requireApiTenant,
  revokeBearerToken,
  withApiErrors,
} from "~/services/identity/api.server";

// Revokes the bearer token the request carries; it can never be used again.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const tenant = await requireApiTenant(request);
    if (!(await revokeBearerToken(request, tenant))) {
      throw new ApiError(401, "UNAUTHENTICATED", "Send the bearer token you want to sign out");
    }
    return new Response(null, { status: 204 });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
