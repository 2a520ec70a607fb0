import { data } from "@remix-run/node";
import { resendMessage, retryJob } from "~/services/messages/message-log.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { readForm } from "./read-form.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The forms of the message log: "Send again" (a message: the page's own when `pageId` is
 * given, else the form's `id`) and, on the list, "Run again" (a failed job's `jobId`). A
 * redirect follows success; a refusal comes back with its reason.
 */
export async function messageLogForm(request: Request, tenant: Tenant, actor: User, pageId?: string) {
  const form = await readForm(request);
  const intent = form.get("intent");
  const id = intent === "retry-job" && !pageId ? form.get("jobId") : (pageId ?? form.get("id"));
  if ((intent !== "resend" && intent !== "retry-job") || typeof id !== "string" || !UUID.test(id)) {
    return { ok: false as const, response: data({ error: "This form could not be read. Reload the page." }, 400) };
  }
  try {
    if (intent === "resend") await resendMessage(tenant, actor, id);
    else await retryJob(tenant, actor, id);
    return { ok: true as const, intent };
  } catch (error) {
    if (error instanceof Refused) return { ok: false as const, response: data({ error: error.message }, 409) };
    throw error;
  }
}
