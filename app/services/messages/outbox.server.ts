import { listRecentOutboxMessages } from "~/models/outbox.server";
import { assertCan } from "~/services/identity/permissions";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/** The newest messages waiting in (or sent from) the outbox: for owners and managers. */
export async function listOutbox(tenant: Tenant, actor: User) {
  assertCan(actor, "outbox.view", {}, "Only managers and the owner can read the studio's messages.");
  const messages = await listRecentOutboxMessages(database(), tenant, 100);
  return messages.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  }));
}
