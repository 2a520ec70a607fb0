import { data } from "@remix-run/node";
import { resendMessage } from "~/services/messages/message-log.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { readForm } from "./read-form.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The "Send again" form of the message list and of a message's page: the message's id (the
 * page's own when `id` is given), then a redirect on success or the reason it could not.
 */
export async function resendFromForm(request: Request, tenant: Tenant, actor: User, pageId?: string) {
  const form = await readForm(request);
  const id = pageId ?? form.get("id");
  if (form.get("intent") !== "resend" || typeof id !== "string" || !UUID.test(id)) {
    return { ok: false as const, response: data({ error: "This form could not be read. Reload the page." }, 400) };
  }
  try {
    await resendMessage(tenant, actor, id);
    return { ok: true as const, id };
  } catch (error) {
    if (error instanceof Refused) return { ok: false as const, response: data({ error: error.message }, 409) };
    throw error;
  }
}
