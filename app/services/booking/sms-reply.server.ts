import { DateTime } from "luxon";
import { findBooking } from "~/models/booking.server";
import { findIdempotencyResult } from "~/models/idempotency.server";
import { findLocationById } from "~/models/location.server";
import { findLatestBookingSms } from "~/models/message-log.server";
import { insertOutboxMessageOnce } from "~/models/outbox.server";
import { findService } from "~/models/service.server";
import { findSmsReplyRoute } from "~/models/sms-reply-route.server";
import { findActiveUserById } from "~/models/user.server";
import { Refused } from "~/services/shared/errors";
import { type Tenant, tenantById } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Booking } from "~db/schema/tenant";
import { cancelBooking } from "./engine.server";
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

/** Each answer fits one SMS segment with a long studio and service name (see the tests). */
async function answer(tenant: Tenant, phone: string, booking: Booking, why: RefusalWhy, dedupeKey: string) {
  const x = database();
  const [location, service] = await Promise.all([
    findLocationById(x, tenant, booking.locationId),
    findService(x, tenant, booking.serviceId),
  ]);
  const when = DateTime.fromJSDate(booking.startsAt, { zone: location?.timezone ?? "Europe/London" })
    .setLocale("en-GB")
    .toFormat("ccc d LLL HH:mm");
  const what = `${clip(service?.name ?? "booking", 40)}, ${when}`;
  const studio = clip(tenant.studio.name, 40);
  const body = {
    "too-late": `${studio}: it's too late to cancel ${what} by text. Please call the studio.`,
    "already-cancelled": `${studio}: ${what} is already cancelled.`,
    started: `${studio}: ${what} has already started, so it can't be cancelled.`,
    cannot: `${studio}: we couldn't cancel ${what} by text. Please call the studio.`,
  }[why];
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

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);
