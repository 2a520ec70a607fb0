import { findBookingNoticeFacts } from "~/models/booking-notice.server";
import { findClientCard } from "~/models/client-card.server";
import { ledgerForBooking } from "~/models/credit.server";
import { insertDomainEvents, listDomainEventsForBooking } from "~/models/domain-event.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { bookingFactsOf, voiceOf } from "~/services/booking/notices.server";
import { refundCredits } from "~/services/credits/ledger.server";
import { type NoShowCost, noShowEmail } from "~/services/messages/templates/no-show";
import { queueNoShowFee } from "~/services/payments/no-show-fee.server";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Booking, NoShowRule, StudioSettings, User } from "~db/schema/tenant";

/**
 * What a no-show costs the client, applied in the transaction that marks it (studio setting
 * `no_show_rule`): the credit spent stays spent (`forfeit_credit`); it comes back
 * (`return_credit`); or it comes back and a fee is charged to the card on file (`charge_fee`,
 * through the fee job, after this commits). Each application is recorded on a `booking.no_show`
 * event, so a correction knows what to say and a fee is never asked for twice.
 */

const NO_SHOW_EVENT = "booking.no_show";

/** What one application of the rule did. */
export type NoShowApplied = { rule: NoShowRule; creditsReturned: number; feeQueued: boolean };

/** Whether the booking's credit stays spent, and what the person marking is told (null: nothing to add). */
export type NoShowOutcome = NoShowApplied & { creditKept: boolean; message: string | null };

export const NO_CARD_MESSAGE = "No card on file: the credit was kept instead of a fee.";
const FEE_ONCE_MESSAGE =
  "The no-show fee was already asked for once, so it is not charged again; the credit came back.";

async function creditsHeld(tx: Executor, tenant: Tenant, bookingId: string) {
  const entries = await ledgerForBooking(tx, tenant, bookingId);
  return -entries.reduce((sum, e) => sum + e.delta, 0);
}

async function earlierNoShows(tx: Executor, tenant: Tenant, bookingId: string): Promise<NoShowApplied[]> {
  const events = await listDomainEventsForBooking(tx, tenant, bookingId);
  return events.filter((e) => e.type === NO_SHOW_EVENT).map((e) => e.payload as NoShowApplied);
}

/** Applies the rule to a booking just marked a no-show (the caller holds its row lock). */
export async function applyNoShowRule(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  booking: Booking,
  settings: Pick<StudioSettings, "noShowRule" | "noShowFeeMinor">,
): Promise<NoShowOutcome> {
  const held = await creditsHeld(tx, tenant, booking.id);
  const feeAskedBefore = (await earlierNoShows(tx, tenant, booking.id)).some((e) => e.feeQueued);
  const rule = settings.noShowRule;
  let returnCredit = rule === "return_credit";
  let feeQueued = false;
  let message: string | null = null;
  let cost: NoShowCost = returnCredit ? { kind: "nothing", credits: held } : { kind: "credit_kept", credits: held };
  if (rule === "charge_fee") {
    const card = await findClientCard(tx, tenant, booking.clientId);
    if (feeAskedBefore) {
      returnCredit = true;
      message = FEE_ONCE_MESSAGE;
      cost = { kind: "nothing", credits: held };
    } else if (card && settings.noShowFeeMinor > 0) {
      returnCredit = true;
      feeQueued = true;
      const fee = formatMoney(settings.noShowFeeMinor, tenant.studio.currency);
      cost = { kind: "fee", fee, card: `${card.brand} card ending ${card.last4}` };
      message = `A no-show fee of ${fee} will be charged to the card on file.`;
    } else {
      message = NO_CARD_MESSAGE;
    }
  }
  if (returnCredit && held > 0)
    await refundCredits(tx, tenant, {
      clientId: booking.clientId,
      bookingId: booking.id,
      actorId: actor.id,
      reason: "No-show: credit returned",
    });
  if (feeQueued) await queueNoShowFee(tx, tenant, booking.id);
  const applied: NoShowApplied = { rule, creditsReturned: returnCredit ? held : 0, feeQueued };
  await insertDomainEvents(tx, tenant, [
    {
      type: NO_SHOW_EVENT,
      bookingId: booking.id,
      occurrenceId: booking.occurrenceId,
      payload: { ...applied, clientId: booking.clientId, by: actor.id },
    },
  ]);
  await tellClient(tx, tenant, booking.id, cost);
  return { ...applied, creditKept: !returnCredit && held > 0, message };
}

/**
 * What a correction from no-show to attended leaves as it was, in words for the person
 * correcting (null: nothing; a kept credit now simply pays for the class); a returned credit stays with the client (taking it back
 * is a credits adjustment, done on purpose); a fee is never reversed here but refunded from the
 * payment, where the money is.
 */
export async function noShowCorrection(tx: Executor, tenant: Tenant, booking: Booking): Promise<string | null> {
  const last = (await earlierNoShows(tx, tenant, booking.id)).at(-1);
  if (last?.feeQueued)
    return "The no-show fee is not reversed here: refund it from the client's payments if it should not stand.";
  if (last && last.creditsReturned > 0)
    return "The credit returned for the no-show stays with the client; adjust their credits if it should not.";
  return null;
}

async function tellClient(tx: Executor, tenant: Tenant, bookingId: string, cost: NoShowCost) {
  const facts = await findBookingNoticeFacts(tx, tenant, bookingId);
  if (!facts?.client.email) return;
  const email = noShowEmail(voiceOf(tenant), bookingFactsOf(facts), cost);
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: facts.client.email,
    subject: email.subject,
    body: email.text,
    html: email.html,
    attachments: email.attachments,
    template: "booking_no_show",
    userId: facts.client.id,
    bookingId,
    locationId: facts.booking.locationId,
  });
}
