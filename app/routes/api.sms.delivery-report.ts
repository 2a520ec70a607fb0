import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "~/env.server";
import { requireWebhookSecret } from "~/route-handlers/sms-webhook.server";
import {
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiTenant,
  withApiErrors,
} from "~/services/identity/api.server";
import { DeliveryReportSchema } from "~/services/messages/delivery-report.schema";
import { applyDeliveryReports } from "~/services/messages/delivery-report.server";

/**
 * POST /api/sms/delivery-report?secret=… on a studio's address: Infobip's delivery reports
 * (the notifyUrl of each text) mark the studio's texts delivered or undeliverable.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    requireWebhookSecret(request, env().SMS_DELIVERY_REPORT_SECRET);
    const tenant = await requireApiTenant(request);
    const body = await readJson(request, DeliveryReportSchema);
    return Response.json(await applyDeliveryReports(tenant, body.results));
  });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
