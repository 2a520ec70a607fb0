import type { ActionFunctionArgs } from "@remix-run/node";
import { ApiError, allowMethods, withApiErrors } from "~/services/identity/api.server";
import { receiveStripeEvent, verifyStripeEvent } from "~/services/payments/webhooks.server";

/**
 * POST /api/payments/webhooks/stripe on any of our addresses (Stripe's Connect endpoint posts
 * to the apex domain): events from the studios' connected accounts. The signature, not the host
 * or a session, says it is Stripe; the event's account says which studio it concerns. A 2xx
 * tells Stripe to stop sending it; a 503 asks it to send it again later.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    // The signature covers the exact bytes sent: read them before anything parses them.
    const payload = await request.text();
    const event = verifyStripeEvent(payload, request.headers.get("stripe-signature"));
    const received = await receiveStripeEvent(event);
    return Response.json({ received: true, ...received }, { headers: { "Cache-Control": "no-store" } });
  });
}

export async function loader() {
  return withApiErrors(async () => {
    throw new ApiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  });
}
