import {
  claimOutboxMessage,
  findOutboxMessage,
  markOutboxMessageUnconfirmed,
  recordOutboxOutcome,
} from "~/models/outbox.server";
import { upsertSmsReplyRoute } from "~/models/sms-reply-route.server";
import { findStudioReplyAddress } from "~/models/staff.server";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { OutboxMessage } from "~db/schema/tenant";
import { emailProvider, smsProvider } from "./providers/index.server";
import { type EmailProvider, ProviderError, type SmsProvider } from "./providers/types";

export type Providers = { email: EmailProvider | null; sms: SmsProvider | null };

export type DeliveryOutcome = "sent" | "retrying" | "failed" | "not_sent" | "unconfirmed" | "already_handled";

/** Where Infobip reports what became of an SMS: the studio's own subdomain, with the shared secret. */
export function deliveryReportUrl(tenant: Tenant, secret: string | undefined) {
  if (!secret) return null;
  return studioUrl(tenant.studio.slug, `/api/sms/delivery-report?secret=${encodeURIComponent(secret)}`);
}

/**
 * One delivery attempt of one message: claim it, hand it to the provider, record the outcome.
 * Throws only when the attempt should be retried (a provider 5xx, a timeout, a network error),
 * so the job system retries it with backoff; `finalAttempt` records that as a failure instead.
 */
export async function deliverMessage(
  tenant: Tenant,
  messageId: string,
  options: { finalAttempt: boolean; providers?: Providers; deliveryReportSecret?: string },
): Promise<DeliveryOutcome> {
  const db = database();
  const message = await claimOutboxMessage(db, tenant, messageId);
  if (!message) {
    const current = await findOutboxMessage(db, tenant, messageId);
    if (current?.status !== "sending") return "already_handled";
    await markOutboxMessageUnconfirmed(db, tenant, messageId);
    return "unconfirmed";
  }

  // Recorded before sending: a reply can arrive as soon as the phone has the message.
  if (message.channel === "sms") await upsertSmsReplyRoute(db, message.recipient, tenant.studio.id);
  const providers = options.providers ?? { email: emailProvider(), sms: smsProvider() };
  const provider = message.channel === "email" ? providers.email : providers.sms;
  if (!provider) {
    await recordOutboxOutcome(db, tenant, messageId, { status: "not_sent", lastError: "Not sent: no provider" });
    return "not_sent";
  }

  try {
    const accepted = await handOver(tenant, message, providers, options.deliveryReportSecret);
    await recordOutboxOutcome(db, tenant, messageId, {
      status: "sent",
      provider: provider.name,
      providerMessageId: accepted.providerMessageId,
      lastError: null,
    });
    return "sent";
  } catch (error) {
    const retryable = !(error instanceof ProviderError) || error.retryable;
    const retry = retryable && !options.finalAttempt;
    await recordOutboxOutcome(db, tenant, messageId, {
      status: retry ? "retrying" : "failed",
      provider: provider.name,
      lastError: error instanceof Error ? error.message : String(error),
    });
    if (retry) throw error;
    return "failed";
  }
}

async function handOver(
  tenant: Tenant,
  message: OutboxMessage,
  providers: Providers,
  reportSecret: string | undefined,
) {
  if (message.channel === "email") {
    return (providers.email as EmailProvider).sendEmail({
      messageId: message.id,
      to: message.recipient,
      fromName: tenant.studio.name,
      // Sent from the platform's address in the studio's name; a reply reaches the studio.
      replyTo: (await findStudioReplyAddress(database(), tenant)) ?? null,
      subject: message.subject ?? tenant.studio.name,
      text: message.body,
      html: message.html,
      attachments: message.attachments,
    });
  }
  return (providers.sms as SmsProvider).sendSms({
    messageId: message.id,
    to: message.recipient,
    text: message.body,
    notifyUrl: deliveryReportUrl(tenant, reportSecret),
  });
}
