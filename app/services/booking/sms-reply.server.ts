import { findBooking } from "~/models/booking.server";
import { findBookingNoticeFacts } from "~/models/booking-notice.server";
import { findIdempotencyResult } from "~/models/idempotency.server";
import { findLatestBookingSms } from "~/models/message-log.server";
import { insertOutboxMessageOnce } from "~/models/outbox.server";
import { findService } from "~/models/service.server";
import { findSmsReplyRoute } from "~/models/sms-reply-route.server";
import { findActiveUserById } from "~/models/user.server";
import { cancelReplySms } from "~/services/messages/templates/booking";
import { Refused } from "~/services/shared/errors";
import { type Tenant, tenantById } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking } from "~db/schema/tenant";
import { cancelBooking } from "./engine.server";
import { bookingFactsOf, voiceOf } from "./notices.server";
import { cancellationTerms } from "./rules";
import type { InboundSms } from "./sms-reply.schema";

/** What became of one reply, for the endpoint's answer and the tests. */
export type SmsReplyOutcome =
  | "cancelled"
  | "refused" // answered by text: too late, already cancelled or started
  | "already-handled" // the provider sent the same reply again
  | "ignored"; // not CANCEL, or no studio or booking it could answer

/** "+447700900123" from Infobip's "447700900123" (it writes numbers without the plus). */
export function phoneFrom(from: string): string | null {
  const digits = from.replace(/\D/g, "");
  return digits.length >= 6 && digits.length <= 15 ? `+${digits}` : null;
}

export const isCancelWord = (text: string | null | undefined) => text?.trim().toUpperCase() === "CANCEL";

/**
 * A client's reply to one of the studio's texts. CANCEL (any case, any spaces around it)
 * cancels the booking the newest booking text to that number was about, as the client would
 * on their booking page: the engine's rules, its credit refund and its own cancellation
 * message. By text only inside the cancellation window: a late cancel forfeits the credit,
 * which a one-word text should not decide, so the client is told to call instead.
 */
export async function handleSmsReply(sms: InboundSms, now = new Date()): Promise<SmsReplyOutcome> {
  const phone = phoneFrom(sms.from);
  if (!phone || !isCancelWord(sms.text ?? sms.cleanText)) return "ignored";
  const route = await findSmsReplyRoute(database(), phone);
  const tenant = route ? await tenantById(route.organizationId) : undefined;
  if (!tenant) return "ignored";
  const x = database();
  const latest = await findLatestBookingSms(x, tenant, phone);
  const booking = latest ? await findBooking(x, tenant, latest.bookingId) : undefined;
  const client = booking ? await findActiveUserById(x, tenant, booking.clientId) : undefined;
  const service = booking ? await findService(x, tenant, booking.serviceId) : undefined;
  if (!booking || !client || !service) return "ignored";

  const idempotencyKey = `sms-reply:${sms.messageId}`;
  if (await findIdempotencyResult(x, tenant, client.id, idempotencyKey)) return "already-handled";
  const reply = (why: RefusalWhy) => answer(tenant, phone, booking, why, idempotencyKey);

  const terms = cancellationTerms(client, booking, service.cancellationWindowHours, now);
  if (!terms.allowed) return reply(terms.code === "ALREADY_CANCELLED" ? "already-cancelled" : "started");
  if (terms.late) return reply("too-late");
  try {
    await cancelBooking(tenant, client, booking.id, { reason: "Cancelled by text reply" }, { idempotencyKey, now });
    return "cancelled";
  } catch (error) {
    // The booking changed between reading and cancelling it (cancelled meanwhile, say).
    if (error instanceof Refused) return reply("cannot");
    throw error;
  }
}

type RefusalWhy = "too-late" | "already-cancelled" | "started" | "cannot";

/**
 * The answer, in one SMS segment (templates/booking-sms.ts proves it with long names): too late
 * to do it by text, or no upcoming booking to cancel (cancelled already, started, or changed).
 */
async function answer(tenant: Tenant, phone: string, booking: Booking, why: RefusalWhy, dedupeKey: string) {
  const x = database();
  const facts = await findBookingNoticeFacts(x, tenant, booking.id);
  const body = cancelReplySms(voiceOf(tenant), facts ? bookingFactsOf(facts) : null, {
    outcome: why === "too-late" ? "too_late" : "not_found",
  });
  await insertOutboxMessageOnce(x, tenant, {
    channel: "sms",
    recipient: phone,
    subject: null,
    body,
    template: "cancelReplySms",
    userId: booking.clientId,
    bookingId: booking.id,
    locationId: booking.locationId,
    dedupeKey,
  });
  return "refused" as const;
}
