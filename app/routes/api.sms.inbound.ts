import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "~/env.server";
import { requireWebhookSecret } from "~/route-handlers/sms-webhook.server";
import { InboundSmsSchema } from "~/services/booking/sms-reply.schema";
import { handleSmsReply } from "~/services/booking/sms-reply.server";
import { allowMethods, methodNotAllowed, readJson, withApiErrors } from "~/services/identity/api.server";

/**
 * POST /api/sms/inbound?secret=… on any of our addresses: texts clients send to the
 * platform's number (Infobip's inbound format). Replies do not say which studio they answer;
 * the number they come from does (see handleSmsReply).
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    requireWebhookSecret(request, env().SMS_INBOUND_SECRET);
    const body = await readJson(request, InboundSmsSchema);
    const outcomes = [];
    for (const sms of body.results) outcomes.push({ messageId: sms.messageId, outcome: await handleSmsReply(sms) });
    return Response.json({ results: outcomes });
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
