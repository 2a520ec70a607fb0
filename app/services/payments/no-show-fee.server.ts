import type Stripe from "stripe";
import { lockBooking, updateBooking } from "~/models/booking.server";
import { findClientCard } from "~/models/client-card.server";
import { insertPayment, lockPayment, updatePayment } from "~/models/payment.server";
import { findService } from "~/models/service.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { ClientCard, Payment } from "~db/schema/tenant";
import { enqueue } from "../../../jobs/enqueue";
import { CHARGE_NO_SHOW_FEE } from "../../../jobs/queues";
import { feeFor, type OnlinePayments, onlinePayments, paymentMetadata } from "./checkout.server";
import { failNoShowFee, refusalWords } from "./no-show-fee-failed.server";
import { bookingDescription } from "./purchase.server";
import { settlePayment } from "./settle.server";
import { idOf } from "./webhook-context";

/** The fee job's data: which studio's booking was marked a no-show under the `charge_fee` rule. */
export type NoShowFeeJob = { studioId: string; bookingId: string };

/**
 * Asks for a no-show's fee to be charged, in the transaction that marks the no-show: a
 * rolled-back mark charges nothing, and Stripe is called only after it commits.
 */
export async function queueNoShowFee(tx: Executor, tenant: Tenant, bookingId: string) {
  const job: NoShowFeeJob = { studioId: tenant.studio.id, bookingId };
  await enqueue(tx, CHARGE_NO_SHOW_FEE, job);
}

/**
 * What became of a fee: `charged`; `failed` (the card was refused: the client is emailed);
 * `processing` (Stripe will say by webhook); `not_due` (no longer a no-show, already charged or
 * failed, or the rule no longer charges); `no_card`; `not_set_up` (no online payments).
 */
export type NoShowFeeOutcome = "charged" | "failed" | "processing" | "not_due" | "no_card" | "not_set_up";

type Ready = Extract<OnlinePayments, { ready: true }>;
type Prepared = { charge: Payment; card: ClientCard } | { outcome: NoShowFeeOutcome };

/**
 * Charges a no-show's fee to the client's card on file, once per booking. The open payment is
 * written and tied to the booking first, in one transaction; then the card is charged off
 * session, keyed by the booking, so a job run again (or twice at once) charges at most once.
 * Stripe unreachable: throws, and the job tries again with the same key.
 */
export async function chargeNoShowFee(tenant: Tenant, bookingId: string, now = new Date()): Promise<NoShowFeeOutcome> {
  const online = await onlinePayments(tenant);
  if (!online.ready) return "not_set_up";
  const prepared = await database().transaction((tx) => prepareFee(tx, tenant, online, bookingId));
  if ("outcome" in prepared) return prepared.outcome;
  const { charge: payment, card } = prepared;
  let intent: Stripe.PaymentIntent;
  try {
    intent = await online.stripe.paymentIntents.create(
      {
        amount: payment.amountMinor,
        currency: payment.currency.toLowerCase(),
        customer: card.stripeCustomerId,
        payment_method: card.stripePaymentMethodId,
        // The client is away: nothing that would redirect them can be confirmed (and no return_url is needed).
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        off_session: true,
        confirm: true,
        application_fee_amount: payment.applicationFeeMinor,
        description: payment.description,
        metadata: paymentMetadata(tenant, payment),
      },
      { stripeAccount: online.accountId, idempotencyKey: `no-show-fee-${bookingId}` },
    );
  } catch (error) {
    const refusal = finalRefusal(error);
    if (!refusal) throw error;
    const intentId = (error as Stripe.errors.StripeError).payment_intent?.id ?? null;
    await database().transaction((tx) => failNoShowFee(tx, tenant, payment.id, refusalWords(refusal), intentId));
    return "failed";
  }
  return database().transaction(async (tx) => {
    if (intent.status === "succeeded") {
      await settlePayment(tx, tenant, payment.id, {
        at: now,
        paymentIntentId: intent.id,
        chargeId: idOf(intent.latest_charge),
      });
      return "charged";
    }
    // Still on its way (or awaiting the bank): the PaymentIntent's webhook settles or fails it.
    const open = await lockPayment(tx, tenant, payment.id);
    if (open && !open.stripePaymentIntentId)
      await updatePayment(tx, tenant, open.id, { stripePaymentIntentId: intent.id });
    return "processing";
  });
}

/**
 * In one transaction, with the booking locked: the fee's open payment (a new one tied to the
 * booking, or the one an earlier run left open when Stripe could not be reached) and the card
 * to charge; or why nothing is charged.
 */
async function prepareFee(tx: Executor, tenant: Tenant, online: Ready, bookingId: string): Promise<Prepared> {
  const booking = await lockBooking(tx, tenant, bookingId);
  if (!booking) return { outcome: "not_due" };
  const card = await findClientCard(tx, tenant, booking.clientId);
  if (booking.noShowFeePaymentId) {
    const earlier = await lockPayment(tx, tenant, booking.noShowFeePaymentId);
    if (earlier?.status !== "open") return { outcome: "not_due" };
    return card ? { charge: earlier, card } : { outcome: "no_card" };
  }
  if (booking.status !== "no_show") return { outcome: "not_due" };
  const settings = await findStudioSettings(tx, tenant);
  if (settings.noShowRule !== "charge_fee" || settings.noShowFeeMinor <= 0) return { outcome: "not_due" };
  if (!card) return { outcome: "no_card" };
  const service = await findService(tx, tenant, booking.serviceId);
  if (!service) throw new Error(`booking ${booking.id} names a service that does not exist`);
  const payment = await insertPayment(tx, tenant, {
    clientId: booking.clientId,
    kind: "no_show_fee",
    method: "online_card",
    status: "open",
    amountMinor: settings.noShowFeeMinor,
    currency: tenant.studio.currency,
    applicationFeeMinor: feeFor(online, settings.noShowFeeMinor),
    description: `No-show fee: ${await bookingDescription(tx, tenant, booking, service)}`,
    bookingId: booking.id,
    locationId: booking.locationId,
    takenById: booking.attendanceMarkedById ?? booking.clientId,
  });
  await updateBooking(tx, tenant, booking.id, { noShowFeePaymentId: payment.id });
  return { charge: payment, card };
}

/**
 * A refusal that trying again cannot change: the card's (declined, authentication required) or
 * the request's (the card or Customer gone from the account). Anything else (Stripe down, rate
 * limited, the same key still in use by a concurrent run) is thrown for the job to retry.
 */
function finalRefusal(error: unknown) {
  const e = error as Partial<Stripe.errors.StripeError>;
  const card = e.type === "StripeCardError";
  const gone = e.type === "StripeInvalidRequestError" && (e.statusCode === 400 || e.statusCode === 404);
  if (!card && !gone) return null;
  return { code: e.code, declineCode: e.decline_code, message: card ? e.message : null };
}
